import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import fc from 'fast-check';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatProblem } from '../../src/catalogue/problems';
import { procedureSchema } from '../../src/catalogue/schema';
import { validateYamlFile, validateYamlText } from '../../src/catalogue/yaml-file';

// A synonyms-like file, as another component would check its own YAML.
const synonymsSchema = z.strictObject({
  groups: z.array(z.strictObject({ canonical: z.string(), variants: z.array(z.string()).min(1) })),
});

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-yaml-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('validateYamlFile', () => {
  it('returns the parsed data when the file fits the schema', async () => {
    const file = path.join(dir, 'good.yaml');
    await fs.writeFile(file, 'groups:\n  - canonical: đăng ký thường trú\n    variants: [nhập khẩu, nhap khau]\n');
    const result = await validateYamlFile(file, synonymsSchema);
    expect(result).toEqual({ ok: true, data: { groups: [{ canonical: 'đăng ký thường trú', variants: ['nhập khẩu', 'nhap khau'] }] }, problems: [] });
  });

  it('reports every problem at its line, naming the file relative to the given directory', async () => {
    const file = path.join(dir, 'bad.yaml');
    await fs.writeFile(
      file,
      ['groups:', '  - canonical: kết hôn', '    variants: []', '  - variants: [giấy độc thân]', '  - canonical: hộ chiếu', '    variant: [passport]', ''].join('\n'),
    );
    const result = await validateYamlFile(file, synonymsSchema, { relativeTo: dir });
    expect(result.ok).toBe(false);
    expect(result.problems.map(formatProblem)).toEqual([
      'bad.yaml:3: groups[0].variants: must have at least 1 item(s)',
      'bad.yaml:4: groups[1].canonical: required field is missing',
      'bad.yaml:5: groups[2].variants: required field is missing',
      'bad.yaml:6: groups[2].variant: unknown field (did you mean variants?)',
    ]);
  });

  it('names the file relative to the current directory by default', async () => {
    const file = path.join(dir, 'broken.yaml');
    await fs.writeFile(file, 'groups:\n  - canonical: "không đóng\n');
    const result = await validateYamlFile(file, synonymsSchema);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.file).toBe(path.relative(process.cwd(), file));
    expect(result.problems[0]?.message).toMatch(/^invalid YAML: /);
  });

  it('reports a missing file as one problem instead of throwing', async () => {
    const result = await validateYamlFile(path.join(dir, 'none.yaml'), synonymsSchema, { relativeTo: dir });
    expect(result.problems.map(formatProblem)).toEqual(['none.yaml:1: file not found']);
  });
});

describe('validateYamlText', () => {
  it('says what it got instead of the expected type', () => {
    const result = validateYamlText('groups:\n  canonical: x\n', 'synonyms.yaml', synonymsSchema);
    expect(result.problems.map(formatProblem)).toEqual(['synonyms.yaml:1: groups: expected a list, got a mapping']);
  });
});

describe('damaged procedure files', () => {
  const original = readFileSync(path.join(import.meta.dirname, '../fixtures/catalogue-good/ho-tich/1.001193.yaml'), 'utf8');
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(':', '- ', '  ', '"', '[', 'x: 1', '\t', '#', '{', 'amout: 0') }),
  );

  it('never throws, and points every problem at a line of the file', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        const lines = original.split('\n');
        for (const e of edits) {
          const at = e.at % lines.length;
          if (e.kind === 'delete') lines.splice(at, 1);
          else if (e.kind === 'duplicate') lines.splice(at, 0, lines[at]!);
          else lines[at] = `${e.text}${lines[at]}`;
        }
        const text = lines.join('\n');
        const result = validateYamlText(text, 'a.yaml', procedureSchema);
        const editorLines = Math.max(1, text.endsWith('\n') ? lines.length - 1 : lines.length);
        for (const problem of result.problems) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line, `${formatProblem(problem)} in\n${text}`).toBeLessThanOrEqual(editorLines);
          expect(problem.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
