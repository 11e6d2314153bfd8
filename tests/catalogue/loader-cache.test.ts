import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock';
import { formatProblem, loadCatalogue } from '../../src/catalogue/loader';

const clock = fixedClock('2026-11-23T03:00:00Z');
const procedure = (name: string) =>
  `code: 1.000001\nname: ${name}\nfield: Hộ tịch\nlevels: [commune]\nsource:\n  url: https://dichvucong.gov.vn/\n  retrievedAt: '2026-07-01'\n`;

let work: string;
let dir: string;
let cache: string;
beforeEach(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-cache-'));
  dir = path.join(work, 'procedures');
  cache = path.join(work, 'cache', 'parsed.json');
  await fs.mkdir(dir);
  await fs.writeFile(path.join(dir, '1.000001.yaml'), procedure('Bản cũ'));
});
afterEach(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

const names = async (cacheFile: string | false = cache) =>
  (await loadCatalogue(dir, { clock, cache: cacheFile })).catalogue.procedures.map((p) => p.name);

describe('the parse cache', () => {
  it('serves an unchanged file from the cache on the next load', async () => {
    const file = path.join(dir, '1.000001.yaml');
    const then = new Date('2026-07-01T00:00:00Z');
    await fs.writeFile(file, procedure('Bản A'));
    await fs.utimes(file, then, then);
    expect(await names()).toEqual(['Bản A']);
    // Same size and mtime, different bytes: only a cache would still say "Bản A".
    await fs.writeFile(file, procedure('Bản B'));
    await fs.utimes(file, then, then);
    expect(await names()).toEqual(['Bản A']);
    expect(await names(false)).toEqual(['Bản B']);
  });

  it('re-reads a file that was edited', async () => {
    await names();
    await fs.writeFile(path.join(dir, '1.000001.yaml'), procedure('Đăng ký khai sinh (sửa)'));
    expect(await names()).toEqual(['Đăng ký khai sinh (sửa)']);
  });

  it('still checks cached values against the schema and reports lines from the file', async () => {
    await fs.writeFile(path.join(dir, '1.000001.yaml'), procedure('A').replace('field: Hộ tịch\n', 'field: 5\n'));
    const first = await loadCatalogue(dir, { clock, cache });
    const second = await loadCatalogue(dir, { clock, cache });
    expect(second.problems.map(formatProblem)).toEqual(['1.000001.yaml:3: field: expected text, got number 5']);
    expect(second.problems).toEqual(first.problems);
  });

  it('forgets deleted files and picks up new ones', async () => {
    await names();
    await fs.rm(path.join(dir, '1.000001.yaml'));
    await fs.writeFile(path.join(dir, '1.000002.yaml'), procedure('Mới').replace('1.000001', '1.000002'));
    expect(await names()).toEqual(['Mới']);
    const stored = JSON.parse(await fs.readFile(cache, 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(stored.entries)).toEqual(['1.000002.yaml']);
  });

  it('shrugs off a corrupt cache file', async () => {
    await fs.mkdir(path.dirname(cache), { recursive: true });
    await fs.writeFile(cache, '{"format": 1, "entries": {"1.000001.yaml": ');
    expect(await names()).toEqual(['Bản cũ']);
  });

  it('still loads when the cache cannot be written', async () => {
    const blocked = path.join(work, 'a-file');
    await fs.writeFile(blocked, '');
    expect(await names(path.join(blocked, 'cache.json'))).toEqual(['Bản cũ']);
  });
});
