import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/loader';
import { formatProblem } from '../../src/catalogue/problems';
import { loadSynonyms, parseSynonyms } from '../../src/search/synonyms';

describe('synonyms.yaml', () => {
  it('reports a bad entry with its file and line', () => {
    const text = ['synonyms:', '  - say: [sổ đỏ]', '    means: giấy chứng nhận', '  - say: [CCCD]', '    codes: [1.23]', '  - say: []', '    means: x'].join('\n');
    const { problems } = parseSynonyms(text, 'procedures/synonyms.yaml');
    const lines = problems.map(formatProblem);
    expect(lines.some((l) => l.startsWith('procedures/synonyms.yaml:5:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('procedures/synonyms.yaml:6:'))).toBe(true);
  });

  it('reports broken YAML with its line', () => {
    const { problems } = parseSynonyms('synonyms:\n  - say: [a, b\n    means: c\n', 'synonyms.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBeGreaterThan(1);
  });

  it('rejects an entry that gives neither meaning nor codes', () => {
    const { problems } = parseSynonyms('synonyms:\n  - say: [abc]\n', 'synonyms.yaml');
    expect(problems.map((p) => p.message).join(' ')).toMatch(/means|codes/);
  });

  it('ships a valid dictionary whose codes all exist in the catalogue', async () => {
    const dir = path.resolve('procedures');
    const table = await loadSynonyms(dir);
    expect(table.length).toBeGreaterThan(40);
    const { catalogue } = await loadCatalogue(dir);
    const missing = table.flatMap((e) => e.codes).filter((c) => !catalogue.byCode.has(c));
    expect(missing).toEqual([]);
  });

  it('treats a missing file as an empty dictionary', async () => {
    expect(await loadSynonyms(path.resolve('tests/fixtures/no-such-dir'))).toEqual([]);
  });
});
