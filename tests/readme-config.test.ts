// The README's configuration table and the config schema (src/config.ts) name the same keys, so
// a new setting cannot ship undocumented and a removed one cannot linger in the README.
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { configSchema } from '../src/config';

function documentedKeys(readme: string): string[] {
  const start = readme.indexOf('\n## Configuration\n');
  expect(start, 'README has a "## Configuration" section').toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const keys: string[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const firstCell = line.split(/(?<!\\)\|/)[1] ?? '';
    for (const match of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) keys.push(match[1]!);
  }
  return keys;
}

it('documents every configuration key in the README table, and no key the schema lacks', () => {
  const documented = documentedKeys(fs.readFileSync('README.md', 'utf8'));
  const schemaKeys = Object.keys(configSchema.shape);
  expect(schemaKeys.filter((key) => !documented.includes(key)), 'keys missing from the README configuration table').toEqual([]);
  expect(documented.filter((key) => !schemaKeys.includes(key)), 'README keys the schema does not have').toEqual([]);
  expect(new Set(documented).size, 'each key documented once').toBe(documented.length);
});
