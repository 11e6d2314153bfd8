import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/loader';
import { loadPortalOnly } from '../../src/catalogue/portal-only';
import { formatProblem } from '../../src/catalogue/problems';
import { SearchIndex } from '../../src/search/index';
import { lexiconWith, loadLexicon, parseLexicon, shippedLexicon } from '../../src/search/lexicon';
import { Assistant } from '../../src/assistant/assistant';
import { ConversationMemory } from '../../src/assistant/memory';
import { makeProcedure } from './procedures';

describe('lexicon.yaml', () => {
  it('reports a bad entry with its file and line', () => {
    const text = ['synonyms:', '  - say: [sổ đỏ]', '    means: giấy chứng nhận', '  - say: [CCCD]', '    codes: [1.23]', '  - say: []', '    means: x'].join('\n');
    const { problems } = parseLexicon(text, 'procedures/lexicon.yaml');
    const lines = problems.map(formatProblem);
    expect(lines.some((l) => l.startsWith('procedures/lexicon.yaml:5:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('procedures/lexicon.yaml:6:'))).toBe(true);
  });

  it('names an unknown facet and an unknown section by line', () => {
    const text = ['intents:', '  - facet: papers', '    say: [cần gì]', '  - facet: giấy tờ', '    say: [giấy gì]', 'fillers: [tôi]'].join('\n');
    const lines = parseLexicon(text, 'lexicon.yaml').problems.map(formatProblem);
    expect(lines.some((l) => l.startsWith('lexicon.yaml:4: intents[1].facet'))).toBe(true);
    expect(lines.some((l) => l.startsWith('lexicon.yaml:6: fillers: unknown field'))).toBe(true);
  });

  it('reports broken YAML with its line', () => {
    const { problems } = parseLexicon('synonyms:\n  - say: [a, b\n    means: c\n', 'lexicon.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBeGreaterThan(1);
  });

  it('rejects a synonym that gives neither meaning nor codes', () => {
    const { problems } = parseLexicon('synonyms:\n  - say: [abc]\n', 'lexicon.yaml');
    expect(problems.map((p) => p.message).join(' ')).toMatch(/means|codes/);
  });

  it('refuses codes on an entry read only without a story, by line', () => {
    const text = ['synonyms:', '  - say: [bố tôi mất]', '    means: đăng ký khai tử', '    in_story: false', '  - say: [mua nhà]', '    codes: [1.013831]', '    in_story: false'].join('\n');
    const lines = parseLexicon(text, 'lexicon.yaml').problems.map(formatProblem);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lexicon\.yaml:5: .*in_story/);
  });

  it('refuses keywords: false on an entry without codes, by line', () => {
    const text = ['synonyms:', '  - say: [bằng lái quốc tế]', '    means: cấp giấy phép lái xe quốc tế', '    keywords: false'].join('\n');
    const lines = parseLexicon(text, 'lexicon.yaml').problems.map(formatProblem);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lexicon\.yaml:2: .*keywords: false/);
  });

  it('answers the code of a keywords: false entry said alone, without making its phrases the code\'s keywords', () => {
    const procedures = [
      makeProcedure({ code: '3.000346', name: 'Cấp giấy phép lái xe', field: 'Đường bộ', popularity: 100_000 }),
      makeProcedure({ code: '3.000353', name: 'Cấp giấy phép lái xe quốc tế', field: 'Đường bộ', popularity: 0 }),
    ];
    const entry = (keywords: boolean) =>
      ['synonyms:', '  - say: [làm bằng lái quốc tế, xin bằng lái quốc tế]', '    means: cấp giấy phép lái xe quốc tế', '    codes: [3.000353]', `    keywords: ${keywords}`, '  - say: [bằng lái]', '    means: giấy phép lái xe'].join('\n');
    const decide = (keywords: boolean, text: string) =>
      new Assistant({ index: SearchIndex.build(procedures, lexiconWith(entry(keywords))), memory: new ConversationMemory() }).decide({ channel: 'web', chatId: 'c', text, receivedAt: new Date(0) });
    expect(decide(false, 'làm bằng lái quốc tế')).toMatchObject({ kind: 'answer', code: '3.000353' });
    expect(decide(false, 'xin bằng lái quốc tế hết bao nhiêu tiền')).toMatchObject({ kind: 'answer', code: '3.000353' });
    // Its phrases are not its keywords: an ordinary licence question is not pulled to it.
    expect(decide(false, 'xin bằng lái xe')).not.toMatchObject({ code: '3.000353' });
    expect(decide(true, 'xin bằng lái xe')).toMatchObject({ kind: 'answer', code: '3.000353' });
  });

  it('reads an entry marked in_story: false in a message typed alone, not in a story', () => {
    const procedures = [makeProcedure({ code: '1.000656', name: 'Thủ tục đăng ký khai tử' }), makeProcedure({ code: '1.000001', name: 'Đăng ký biến động quyền sử dụng đất do thừa kế' })];
    const { lexicon } = parseLexicon(['synonyms:', '  - say: [bố tôi mất]', '    means: đăng ký khai tử', '    in_story: false'].join('\n'), 'lexicon.yaml');
    const index = SearchIndex.build(procedures, { ...shippedLexicon(), synonyms: lexicon.synonyms });
    const read = (text: string) => index.analyze(text).expansions.some((e) => e.join(' ').endsWith('khai tử'));
    expect(read('bố tôi mất cần làm gì')).toBe(true);
    const story = 'Bố tôi mất năm ngoái, để lại một mảnh đất chưa chia. Anh em tôi đã thống nhất với nhau. Xin hỏi thủ tục đăng ký thừa kế quyền sử dụng đất như thế nào?';
    expect(index.analyze(story).long).toBe(true);
    expect(read(story)).toBe(false);
  });

  it('ships a valid lexicon whose codes all exist in the catalogue or among the portal procedures it lacks', async () => {
    const dir = path.resolve('procedures');
    const lexicon = await loadLexicon(dir);
    expect(lexicon.synonyms.length).toBeGreaterThan(40);
    expect(lexicon.intents.map((i) => i.facet)).toEqual(expect.arrayContaining(['papers', 'fee', 'time', 'where']));
    const [{ catalogue }, portal] = await Promise.all([loadCatalogue(dir), loadPortalOnly(dir)]);
    const portalCodes = new Set(portal.entries.map((e) => e.code));
    const missing = lexicon.synonyms.flatMap((e) => e.codes).filter((c) => !catalogue.byCode.has(c) && !portalCodes.has(c));
    expect(missing).toEqual([]);
    // The portal's most used procedure, which the catalogue lacks, is named by its code.
    expect(lexicon.synonyms.some((e) => e.codes.includes('1.001978') && !catalogue.byCode.has('1.001978'))).toBe(true);
  });

  it('reads "bị mất" as lost and a bare "mất" (died) as nothing', () => {
    const index = SearchIndex.build([makeProcedure({ code: '1.000001', name: 'Cấp lại thẻ bảo hiểm y tế' })], shippedLexicon());
    const readAs = (q: string) => index.analyze(q).used.map((u) => u.read).join(' | ');
    expect(readAs('tôi bị mất thẻ bảo hiểm y tế')).toContain('cấp lại');
    expect(readAs('bác tôi là chủ hộ vừa mới mất, thủ tục thay đổi chủ hộ thế nào')).not.toContain('cấp lại');
  });

  it('reads questions with the shipped lexicon when a catalogue has none', async () => {
    expect(await loadLexicon(path.resolve('tests/fixtures/no-such-dir'))).toBe(shippedLexicon());
  });

  it('lets a province add its own word without touching the code', () => {
    const procedures = [
      makeProcedure({ code: '1.000001', name: 'Đăng ký khai sinh' }),
      makeProcedure({ code: '1.000002', name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ' }),
    ];
    const question = 'cất chòi cần gì';
    const before = SearchIndex.build(procedures).search(question)[0]?.procedure.code;
    const { lexicon, problems } = parseLexicon('synonyms:\n  - say: [cất chòi, dựng chòi]\n    means: giấy phép xây dựng nhà ở\n', 'lexicon.yaml', shippedLexicon());
    expect(problems).toEqual([]);
    const index = SearchIndex.build(procedures, lexicon);
    expect(before).not.toBe('1.000002');
    expect(index.search(question)[0]?.procedure.code).toBe('1.000002');
    // The question words still come from the shipped sections the file left out.
    expect(index.analyze(question).facets).toEqual(['papers']);
  });

  it('reads shorthand and level words from the file', () => {
    const { lexicon } = parseLexicon('shorthand:\n  - say: [gpxd]\n    means: giấy phép xây dựng\nlevels:\n  commune: [ấp]\n', 'lexicon.yaml', shippedLexicon());
    const index = SearchIndex.build([makeProcedure({ code: '1.000002', name: 'Cấp giấy phép xây dựng' })], lexicon);
    const analysis = index.analyze('gpxd o ấp');
    expect(analysis.topic.join(' ')).toContain('giấy phép xây dựng');
    expect(analysis.levels).toEqual(['commune']);
    const fromFile = analysis.used.filter((u) => u.origin?.file === 'lexicon.yaml');
    expect(fromFile.map((u) => [u.section, u.typed, u.origin?.line])).toEqual([
      ['shorthand', 'gpxd', 2],
      ['levels', 'ấp', 5],
    ]);
  });

  it('reads a level word inside a longer word as that word: "xã hội" is not the commune, "sở hữu" not the province', () => {
    const index = SearchIndex.build([makeProcedure({ code: '1.000002', name: 'Cấp lại sổ bảo hiểm xã hội' })], shippedLexicon());
    expect(index.analyze('cấp lại sổ bảo hiểm xã hội bị mất').levels).toEqual([]);
    expect(index.analyze('đăng ký quyền sở hữu nhà').levels).toEqual([]);
    expect(index.analyze('nộp bộ hồ sơ ở đâu').levels).toEqual([]);
    // The level words themselves still name their level, typed with or without marks.
    expect(index.analyze('đăng ký khai sinh ở ủy ban xã').levels).toEqual(['commune']);
    expect(index.analyze('nop ho so o so tu phap').levels).toEqual(['province']);
    expect(index.analyze('thành phố trực thuộc trung ương').levels).toEqual(['province']);
    // A province's own file may name more such phrases.
    const { lexicon } = parseLexicon('levels:\n  commune: [xã, ấp]\n  unless: [ấp trứng]\n', 'lexicon.yaml', shippedLexicon());
    const own = SearchIndex.build([makeProcedure({ code: '1.000002', name: 'Cấp giấy phép' })], lexicon);
    expect(own.analyze('máy ấp trứng').levels).toEqual([]);
    expect(own.analyze('nộp ở ấp').levels).toEqual(['commune']);
  });
});
