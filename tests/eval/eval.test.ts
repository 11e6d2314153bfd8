// The answer benchmark (`npm run eval`). Real citizens' questions, copied from public pages and
// split once by a fixed hash into a tune half and a held-out half; the floors below are set
// just under the held-out half's figures, so a change that makes answers worse fails here.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPortalOnly } from '../../src/catalogue/portal-only';
import { judgeAll, outcomeOf, rows, share, splitHalves, tally, type Judged, type Tally } from '../../src/eval/judge';
import { formatReport } from '../../src/eval/report';
import { halfOf, lengthBand, readQuestions, type Question } from '../../src/eval/questions';
import { loadSearch, type LoadedSearch } from '../../src/search/load';

const dir = path.resolve('procedures');
let real: Question[];
let chat: Question[];
let loaded: LoadedSearch;
let heldOut: Judged[];

beforeAll(async () => {
  real = await readQuestions(path.resolve('tests/eval/real.jsonl'));
  chat = await readQuestions(path.resolve('tests/eval/chat.jsonl'));
  loaded = await loadSearch(dir);
  heldOut = judgeAll(loaded.index, splitHalves(real)['held-out']);
}, 60_000);

const rate = (t: Tally, ...outcomes: (keyof Tally['outcomes'])[]) => share(outcomes.reduce((n, o) => n + t.outcomes[o], 0), t.n);

describe('the real question set', () => {
  it('holds real questions with their sources, long messages among them, no procedure over-represented', () => {
    expect(real.length).toBeGreaterThanOrEqual(400);
    expect(real.every((q) => q.source?.startsWith('http'))).toBe(true);
    expect(real.filter((q) => lengthBand(q.q) === 'long').length).toBeGreaterThanOrEqual(150);
    const uses = new Map<string, number>();
    for (const q of real) for (const c of q.codes) uses.set(c, (uses.get(c) ?? 0) + 1);
    // No procedure in over 2% of the set, so no single one sways the figures.
    expect([...uses].filter(([, n]) => n > 0.02 * real.length)).toEqual([]);
    // Names and personal numbers are replaced by placeholders.
    expect(real.filter((q) => /\b\d{9,12}\b/.test(q.q)).map((q) => q.q)).toEqual([]);
  });

  it('labels only codes that exist: catalogue codes, or portal codes the catalogue lacks', async () => {
    const { entries } = await loadPortalOnly(dir);
    const portal = new Set(entries.map((e) => e.code));
    const unknown = [...real, ...chat].flatMap((q) => q.codes).filter((c) => !loaded.catalogue.byCode.has(c));
    expect(unknown).toEqual([]);
    const missing = real.filter((q) => q.codes.length === 0).map((q) => q.missing);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.filter((m) => m !== 'none' && !portal.has(m!))).toEqual([]);
  });

  it('is split once by a fixed hash of the text, about 60% tune', () => {
    // Known texts keep their half whatever else is added to the set.
    expect(halfOf({ q: 'Làm giấy khai sinh cho con cần những giấy tờ gì?' })).toBe(halfOf({ q: 'làm   giấy khai sinh cho con cần những giấy tờ gì?' }));
    expect(['tune', 'held-out']).toContain(halfOf({ q: 'x' }));
    const halves = splitHalves(real);
    expect(share(halves.tune.length, real.length)).toBeGreaterThan(0.5);
    expect(share(halves.tune.length, real.length)).toBeLessThan(0.7);
  });
});

describe('how a reply is judged', () => {
  const lacking: Question = { q: 'lĩnh trợ cấp thất nghiệp ở đâu', codes: [], missing: '1.001978' };
  const listed: Question = { q: 'làm giấy khai sinh', codes: ['1.001193'] };

  it('counts the asked portal procedure among the buttons as a choice, and only that one', () => {
    expect(outcomeOf(lacking, { kind: 'choose', codes: ['1.001613', '1.001978'], facets: [] })).toBe('choices');
    expect(outcomeOf(lacking, { kind: 'not-found', near: ['1.001978'], facets: [] })).toBe('choices');
    expect(outcomeOf(lacking, { kind: 'choose', codes: ['1.001613', '2.001953'], facets: [] })).toBe('not-found');
    expect(outcomeOf(lacking, { kind: 'missing', portalCode: '1.001978', name: '', facets: [] })).toBe('right');
  });

  it('counts naming another procedure, or a portal one, for a listed procedure as wrong', () => {
    expect(outcomeOf(lacking, { kind: 'answer', code: '1.001613', facets: [] })).toBe('wrong');
    expect(outcomeOf(listed, { kind: 'missing', portalCode: '1.001978', name: '', facets: [] })).toBe('wrong');
    // Another portal procedure named for a lacking one (the allowance itself for its monthly
    // job-search notice) tells the citizen a wrong name and code: wrong too, not "not found".
    expect(outcomeOf(lacking, { kind: 'missing', portalCode: '1.000362', name: '', facets: [] })).toBe('wrong');
    expect(outcomeOf({ q: 'truy tặng Bà mẹ Việt Nam anh hùng', codes: [], missing: 'none' }, { kind: 'missing', portalCode: '2.001482', name: '', facets: [] })).toBe('wrong');
    expect(outcomeOf(listed, { kind: 'choose', codes: ['1.001978', '1.001193'], facets: [] })).toBe('choices');
  });
});

describe('answers on the held-out half, through the assistant', () => {
  // Floors just under the figures when they were set; raise them as answers improve. The set
  // grew from 541 to 749 questions (held-out 241 → 326) with domains the old set barely had
  // (tax, legal aid, enforcement, welfare, customs, housing, land levies, visas), then to 831
  // (held-out 326 → 353) with 82 questions collected where the pages still had new ones
  // (nationality, foreigners' residence, land, vehicles, maternity and survivors' benefits),
  // which the search finds less well: the held-out half stood at right 21.5%, right or among
  // choices 60.1%, wrong 5.1%, top-3 71.8% when they joined (22.4, 61.7, 4.3, 73.3 on the 326),
  // and at 22.4%, 61.8%, 4.2%, 73.9% once a procedure the usage list does not name counted as
  // rarely used rather than never, and short messages' lexicon entries were added (lost vehicle
  // papers and certificates among them).
  // November 29, later: 39 more collected where the corpus still had new ones (870 in all, held-out
  // 366), and rules from the tune half (organisation-only procedures lowered in a citizen's
  // message, weak variant cues, a portal rival, two variants named, group and field names
  // alone): on the same 366, right 22.4 → 23.0%, right or among choices 62.3 → 63.7%, wrong
  // 4.1 → 3.6%, top-3 74.5%; with marks removed wrong 4.6 → 4.4%.
  // November 29, last: naming another portal procedure for a lacking one counts as wrong (it
  // counted as "not found"): the same code then stood at wrong 4.9%, with marks removed 6.0%;
  // a portal procedure is now named only as a catalogue answer would be (its variant said, an
  // organisation's name only for an organisation, in a story its name said, a rival within 75%):
  // right 23.0 → 22.4%, right or among choices 63.7 → 64.2%, wrong 4.9 → 4.1% (6.0 → 5.2%).
  // 29 of the 326 ask for procedures neither the catalogue nor the portal list has: for them
  // "not found" is the best reply.
  it('names the right procedure or offers it among choices, and rarely names a wrong one', () => {
    const [all] = rows(heldOut);
    const summary = JSON.stringify(all);
    expect(rate(all!, 'right'), summary).toBeGreaterThanOrEqual(0.22);
    expect(rate(all!, 'right', 'choices'), summary).toBeGreaterThanOrEqual(0.635);
    expect(rate(all!, 'wrong'), summary).toBeLessThanOrEqual(0.042);
    expect(share(all!.top3, all!.ranked), summary).toBeGreaterThanOrEqual(0.74);
  });

  it('does nearly as well on the same questions typed without diacritics', () => {
    const written = tally('as written', heldOut.filter((j) => j.marks === 'as-written'));
    const bare = tally('marks removed', heldOut.filter((j) => j.marks === 'removed'));
    const helpful = (t: Tally) => rate(t, 'right', 'choices');
    expect(helpful(bare)).toBeGreaterThanOrEqual(helpful(written) - 0.03);
    // 5.2% on the set of 870, a wrong portal name counted as wrong (4.4% when it was not;
    // 4.8% on the 831 before it, 4.9% on the 749).
    expect(rate(bare, 'wrong')).toBeLessThanOrEqual(0.053);
  });

  it('rarely answers a procedure the catalogue lacks with another procedure (a known gap: no more may join it)', () => {
    const lacking = heldOut.filter((j) => j.question.codes.length === 0);
    expect(lacking.length).toBeGreaterThan(0);
    // Answered with a catalogue procedure, or named as another portal procedure.
    const answered = lacking.filter((j) => j.decision.kind === 'answer' || (j.decision.kind === 'missing' && j.decision.portalCode !== j.question.missing));
    // Known gap: 5 of the 76 held-out questions the catalogue lacks are answered as written
    // with another procedure or named as another portal one (11 of 152 askings with and without
    // marks; 7 and 15 before a portal name was held to a catalogue answer's rules). Counting
    // catalogue answers only, it was 4 (8) of 45 before portal procedures became rivals and
    // buttons, and 2 (4) of 76 since. The target is none.
    expect(answered.filter((j) => j.marks === 'as-written').length).toBeLessThanOrEqual(5);
    expect(answered.length).toBeLessThanOrEqual(11);
  });
});

describe('the work list of misses (`npm run eval -- --report`)', () => {
  it('says for each miss what the chat did and which rule made it', () => {
    const misses: Question[] = [
      { q: 'chứng thực', codes: ['2.000815'] },
      { q: 'chế độ hưu trí', codes: [], missing: 'none' },
      { q: 'làm visa đi nước ngoài', codes: [], missing: 'none' },
    ];
    const report = formatReport(loaded.index, judgeAll(loaded.index, misses, { withoutMarks: false }));
    expect(report).toContain('# Eval report: tune half, 3 of 3 not answered right');
    expect(report).toContain('- chat: replied without a procedure: "Thị thực (visa) để đi nước ngoài');
    expect(report).toMatch(/- chat: offered 2\.001019, [^\n]*\[fieldAsked\]/);
    expect(report).toMatch(/- chat: offered 1\.003799, [^\n]*\[groupNamed\]/);
  });
});

describe('the chat-style band (written by the team, reported apart)', () => {
  it('still answers short chat messages right', () => {
    const t = tally('chat', judgeAll(loaded.index, chat, { withoutMarks: false }));
    expect(rate(t, 'right')).toBeGreaterThanOrEqual(0.9);
    expect(rate(t, 'wrong')).toBeLessThanOrEqual(0.03);
  });
});
