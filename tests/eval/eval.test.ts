import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, formatEvaluation, readQuestions } from '../../src/search/evaluate';
import { loadSearch } from '../../src/search/load';

describe('search quality on citizen questions', () => {
  it('puts an accepted procedure first for at least 85% of the labelled questions', async () => {
    const questions = await readQuestions(path.resolve('tests/eval/questions.jsonl'));
    expect(questions.length).toBeGreaterThanOrEqual(150);
    const { index } = await loadSearch(path.resolve('procedures'));
    const result = evaluate(index, questions);
    const summary = formatEvaluation(result);
    expect(result.overall.top1 / result.overall.count, summary).toBeGreaterThanOrEqual(0.85);
    // Typed without diacritics is how many citizens write: it must not lag far behind.
    const bare = result.groups.find((g) => g.group === 'no-diacritics')!;
    expect(bare.top1 / bare.count, summary).toBeGreaterThanOrEqual(0.8);
  });

  it('labels only codes that exist in the catalogue, across many procedures', async () => {
    const questions = await readQuestions(path.resolve('tests/eval/questions.jsonl'));
    const { catalogue } = await loadSearch(path.resolve('procedures'));
    const unknown = questions.flatMap((q) => q.codes).filter((c) => !catalogue.byCode.has(c));
    expect(unknown).toEqual([]);
    expect(new Set(questions.map((q) => q.codes[0])).size).toBeGreaterThanOrEqual(50);
  });
});
