import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { Postings } from '../../src/search/postings';

const FIELDS = ['a', 'b', 'c'];
const BOOSTS = [5, 1.5, 0.3];
const word: fc.Arbitrary<string> = fc.constantFrom('khai', 'sinh', 'kết', 'hôn', 'khai_sinh', 'giấy', 'cấp', 'lại', 'x');
const doc = fc.array(fc.array(word, { maxLength: 8 }), { minLength: FIELDS.length, maxLength: FIELDS.length });

describe('Postings', () => {
  it('scores and orders exactly as MiniSearch with the same boosts', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 30 }),
        fc.uniqueArray(word, { minLength: 1, maxLength: 5 }),
        fc.array(fc.double({ min: 0.5, max: 3, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        (docs, terms, termBoosts, firstFieldOnly) => {
          const boost = (t: string) => termBoosts[terms.indexOf(t)] ?? 1;
          const fields = firstFieldOnly ? [0] : [0, 1, 2];
          const mini = new MiniSearch<{ id: number } & Record<string, unknown>>({
            fields: FIELDS,
            tokenize: (text) => text.split(' '),
            processTerm: (t) => t || null,
            searchOptions: { boost: Object.fromEntries(FIELDS.map((f, i) => [f, BOOSTS[i]!])), combineWith: 'OR' },
          });
          mini.addAll(docs.map((fs, id) => ({ id, ...Object.fromEntries(FIELDS.map((f, i) => [f, fs[i]!.join(' ')])) })));
          const expected = mini
            .search(terms.join(' '), { boostTerm: boost, fields: fields.map((i) => FIELDS[i]!) })
            .map((r) => ({ id: r.id as number, score: r.score, matched: r.queryTerms.length }));
          const got = new Postings(docs, FIELDS.length).search({ terms, boost, fields, fieldBoosts: BOOSTS });
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the best `depth` results, in the same order, when asked for fewer', () => {
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 60 }), fc.uniqueArray(word, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 10 }), (docs, terms, depth) => {
        const postings = new Postings(docs, FIELDS.length);
        const query = { terms, boost: () => 1, fields: [0, 1, 2], fieldBoosts: BOOSTS };
        const all = postings.search(query);
        expect(postings.search({ ...query, depth }).slice(0, depth)).toEqual(all.slice(0, depth));
      }),
    );
  });
});
