import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/search/index';
import { lexiconWith } from '../../src/search/lexicon';
import { makeProcedure, sampleProcedures } from './procedures';

const SYNONYMS = `
synonyms:
  - say: [giấy độc thân, xác nhận độc thân]
    means: cấp giấy xác nhận tình trạng hôn nhân
    codes: [1.004873]
  - say: [nhập khẩu, nhập hộ khẩu]
    means: đăng ký thường trú
  - say: [CCCD, căn cước công dân]
    means: thẻ căn cước
  - say: [bằng lái, GPLX]
    means: giấy phép lái xe
`;

function build(): SearchIndex {
  return SearchIndex.build(sampleProcedures(), lexiconWith(SYNONYMS));
}

const first = (index: SearchIndex, q: string) => index.search(q, { limit: 3 })[0]?.procedure.code;

describe('SearchIndex', () => {
  const index = build();

  it('finds a procedure typed with diacritics, without them, and in NFD', () => {
    expect(first(index, 'đăng ký kết hôn')).toBe('1.000894');
    expect(first(index, 'dang ky ket hon')).toBe('1.000894');
    expect(first(index, 'Đăng ký kết hôn'.normalize('NFD'))).toBe('1.000894');
  });

  it('keeps question words out of the topic', () => {
    expect(first(index, 'đăng ký kết hôn cần những giấy tờ gì')).toBe('1.000894');
    expect(first(index, 'lam giay khai sinh o dau vay')).toBe('1.001193');
    expect(first(index, 'dk tam tru mat bao lau')).toBe('1.004194');
  });

  it('prefers the exact spelling when diacritics are typed', () => {
    const procedures = [makeProcedure({ code: '8.000001', name: 'Cấp giấy phép khai thác thủy sản' }), makeProcedure({ code: '8.000002', name: 'Cấp giấy phép khai thác thuỷ sạn' })];
    const small = SearchIndex.build(procedures);
    expect(first(small, 'thủy sản')).toBe('8.000001');
    expect(first(small, 'thuỷ sạn')).toBe('8.000002');
  });

  it('understands abbreviations and colloquial names from the synonyms file', () => {
    expect(first(index, 'giấy độc thân')).toBe('1.004873');
    expect(first(index, 'nhap khau cho con')).toBe('1.004222');
    expect(first(index, 'đổi CCCD')).toBe('1.014063');
    expect(first(index, 'doi bang lai')).toBe('3.000347');
  });

  it('repairs typos and syllables typed together', () => {
    expect(first(index, 'dang ky ket hn')).toBe('1.000894');
    expect(first(index, 'dang ky khai sihn')).toBe('1.001193');
    expect(first(index, 'khaisinh')).toBe('1.001193');
  });

  it('puts the commune-level variant first when no level is named, and the named level otherwise', () => {
    expect(first(index, 'cấp đổi thẻ căn cước')).toBe('1.014063');
    expect(first(index, 'cấp đổi thẻ căn cước cấp tỉnh')).toBe('2.001195');
  });

  it('ranks the variant whose extra words were typed above the popular base procedure', () => {
    expect(first(index, 'đăng ký lại khai sinh')).toBe('1.004884');
    expect(first(index, 'khai sinh có yếu tố nước ngoài')).toBe('2.000528');
    expect(first(index, 'khai sinh')).toBe('1.001193');
  });

  it('uses portal usage to order otherwise equal matches', () => {
    const procedures = [makeProcedure({ code: '8.000011', name: 'Đăng ký hoạt động A', popularity: 10 }), makeProcedure({ code: '8.000012', name: 'Đăng ký hoạt động B', popularity: 100000 })];
    expect(first(SearchIndex.build(procedures), 'đăng ký hoạt động')).toBe('8.000012');
  });

  it('puts a procedure for people before one only organisations apply for, unless the message names a company', () => {
    const procedures = [
      makeProcedure({ code: '8.000021', name: 'Cấp giấy phép hoạt động A', popularity: 1000, applicants: 'Doanh nghiệp, Tổ chức (không bao gồm doanh nghiệp, HTX)' }),
      makeProcedure({ code: '8.000022', name: 'Cấp giấy phép hoạt động B', popularity: 800, applicants: 'Công dân Việt Nam, Doanh nghiệp' }),
    ];
    const built = SearchIndex.build(procedures);
    expect(first(built, 'cấp giấy phép hoạt động')).toBe('8.000022');
    expect(first(built, 'công ty tôi cần cấp giấy phép hoạt động')).toBe('8.000021');
    expect(first(built, 'cong ty toi can cap giay phep hoat dong')).toBe('8.000021');
    // Without the rule, usage alone decides.
    expect(first(SearchIndex.build(procedures, undefined, undefined, { rerank: { organisationOnly: 1 } }), 'cấp giấy phép hoạt động')).toBe('8.000021');
  });

  it('finds a procedure by its code', () => {
    expect(first(index, 'thủ tục 1.004222')).toBe('1.004222');
  });

  it('respects the limit and reports coverage of the topic words', () => {
    const hits = index.search('đăng ký', { limit: 2 });
    expect(hits).toHaveLength(2);
    const none = index.search('máy bay trực thăng', { limit: 5 });
    expect(none.every((h) => h.coverage < 0.5)).toBe(true);
  });

  it('never throws, whatever the text', () => {
    const huge = 'đăng ký '.repeat(1250);
    expect(() => index.search(huge)).not.toThrow();
    expect(() => index.search('\u0000\u0007\u001b[31m\r\n\t')).not.toThrow();
    expect(() => index.search('\u0301\u0300\u0323')).not.toThrow();
    // A single 10,000-letter "word" must not set off spelling repair (it would try millions of edits).
    expect(index.search('a'.repeat(10_000))).toEqual([]);
    expect(index.search(`${'khaisinh'.repeat(1250)} x`.slice(0, 10_000))).toBeInstanceOf(Array);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 10_000 }), (s) => {
        const hits = index.search(s, { limit: 5 });
        return Array.isArray(hits) && hits.length <= 5;
      }),
      { numRuns: 300 },
    );
  });
});

describe('SearchIndex on a large catalogue', () => {
  // 7,000 procedures share "cấp giấy phép" in their names: more postings than one question
  // may score, so those words are left to the rerank and must still decide between siblings.
  const filler = Array.from({ length: 7000 }, (_, i) => makeProcedure({ name: `Cấp giấy phép kinh doanh mặt hàng số ${i + 1}`, field: 'Thương mại' }));
  const index = SearchIndex.build([
    ...filler,
    // The sibling used most comes first: only the typed words can put the others above it.
    makeProcedure({ code: '1.000002', name: 'Đổi giấy phép lái xe quốc tế', field: 'Đường bộ', popularity: 5000 }),
    makeProcedure({ code: '1.000003', name: 'Thu hồi giấy phép lái xe quốc tế', field: 'Đường bộ', popularity: 50 }),
    makeProcedure({ code: '1.000001', name: 'Cấp giấy phép lái xe quốc tế', field: 'Đường bộ', popularity: 100 }),
  ]);

  it('still tells siblings apart by the common words typed', () => {
    expect(first(index, 'cấp giấy phép lái xe')).toBe('1.000001');
    expect(first(index, 'cap giay phep lai xe')).toBe('1.000001');
    expect(first(index, 'đổi giấy phép lái xe')).toBe('1.000002');
    expect(first(index, 'thu hoi giay phep lai xe')).toBe('1.000003');
  });

  it('answers a question made only of common words, within the limit', () => {
    const hits = index.search('cấp giấy phép', { limit: 5 });
    expect(hits).toHaveLength(5);
    expect(hits.every((h) => h.procedure.name.startsWith('Cấp giấy phép'))).toBe(true);
  });
});

describe('SearchIndex on a long question', () => {
  const others = Array.from({ length: 30 }, (_, i) => makeProcedure({ name: `Cấp giấy phép kinh doanh mặt hàng số ${i + 1}`, field: 'Thương mại' }));
  const index = SearchIndex.build([
    ...others,
    // A long name shares many words of a story ("chia", "tách", "theo quy định…"); the short
    // one is what the citizen named.
    makeProcedure({ code: '1.000001', name: 'Đăng ký biến động quyền sử dụng đất do chia, tách, hợp nhất tổ chức, chuyển đổi loại hình doanh nghiệp, điều chỉnh quy hoạch chi tiết', field: 'Đất đai' }),
    makeProcedure({ code: '1.000002', name: 'Tách thửa hoặc hợp thửa đất', field: 'Đất đai' }),
  ]);

  it('prefers the procedure whose own name the citizen said over one that shares more of the story', () => {
    const q = 'Tôi có một mảnh đất rộng ở quê, giờ tôi muốn tách thửa đất để chia cho hai con trai tôi sau khi chuyển đổi công việc, điều kiện và thủ tục tách thửa đất như thế nào?';
    const [top] = index.search(q, { limit: 2, explain: true });
    expect(top?.procedure.code).toBe('1.000002');
    expect(top?.explain?.factors.nameSaid).toBeGreaterThan(1.5);
  });
});

describe('portal procedures the catalogue lacks', () => {
  const catalogue = [
    makeProcedure({ code: '2.000986', name: 'Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi', field: 'Hộ tịch' }),
    makeProcedure({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh', field: 'Hộ tịch' }),
  ];
  const portal = [
    { code: '2.002621', name: 'Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi', audience: 'citizen' as const, uses: 54_888 },
    { code: '1.001978', name: 'Giải quyết hưởng trợ cấp thất nghiệp', audience: 'citizen' as const, uses: 6_000_000 },
  ];
  const index = SearchIndex.build(catalogue, lexiconWith('synonyms:\n  - say: [BHTN]\n    means: bảo hiểm thất nghiệp\n    codes: [1.001978]\n'), portal);

  it('finds the catalogue procedure under an older, shorter portal name it holds whole', () => {
    const { hits, portals } = index.query('đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi');
    expect(hits[0]?.procedure.code).toBe('2.000986');
    expect(portals.map((p) => p.entry.code)).not.toContain('2.002621');
  });

  it('reports the others apart, found by name or by a lexicon phrase that names their code', () => {
    expect(index.query('trợ cấp thất nghiệp').portals[0]?.entry.code).toBe('1.001978');
    expect(index.query('hưởng BHTN').portals[0]?.entry.code).toBe('1.001978');
    expect(index.portalProcedure('1.001978')?.name).toBe('Giải quyết hưởng trợ cấp thất nghiệp');
    expect(index.portalProcedure('2.000986')).toBeUndefined();
  });
});
