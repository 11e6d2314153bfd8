// The 30 most used citizen procedures (portal-popularity.jsonl, in the crawl), checked by hand
// against their raw page text, and 1.001193 đăng ký khai sinh. The expectations below are what the
// portal publishes; a parser change that alters any of them is a regression.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRecord } from '../../../src/catalogue/portal/convert';
import { parseRecords, type PortalRecord } from '../../../src/catalogue/portal/record';
import { hasChrome } from '../../../src/catalogue/portal/text';
import type { Procedure } from '../../../src/catalogue/schema';

const FIXTURES = path.resolve(__dirname, '../../fixtures/portal');

function load(file: string): PortalRecord[] {
  return parseRecords(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), file);
}

function convert(record: PortalRecord): Procedure {
  const converted = convertRecord(record, new Map());
  if (!converted.ok) throw new Error(`${record.ma_thu_tuc}: ${converted.reason}`);
  return converted.procedure;
}

const top30 = load('top30.jsonl').map(convert);
const byCode = new Map([...top30, ...load('samples.jsonl').map(convert)].map((p) => [p.code, p]));

function get(code: string): Procedure {
  const p = byCode.get(code);
  if (!p) throw new Error(`no fixture ${code}`);
  return p;
}

/** "kind:time:fee" per row, e.g. "online:3 working_days:7000"; "-" where the portal gives none. */
function rows(p: Procedure): string[] {
  return p.channels.map((c) => {
    const time = c.time?.value !== undefined ? `${c.time.value} ${c.time.unit}` : (c.time?.text ?? '-');
    const fee = c.fees.map((f) => f.amount ?? f.text).join('+') || '-';
    return `${c.kind}:${time}:${fee}`;
  });
}

const EXPECTED: Array<[string, string[]]> = [
  ['1.004194', ['online:3 working_days:7000', 'direct:3 working_days:10000']],
  ['1.001456', ['online:8 working_days:160000', 'postal:8 working_days:160000', 'direct:8 working_days:200000']],
  ['1.004222', ['online:7 working_days:10000', 'direct:7 working_days:20000']],
  ['1.010041', ['online:1 working_days:0', 'online:3 working_days:0']],
  ['1.012575', ['online:2 days:0']],
  ['1.001471', ['online:5 working_days:200000', 'postal:5 working_days:200000', 'direct:5 working_days:200000', 'online:3 working_days:200000', 'direct:3 working_days:200000', 'postal:3 working_days:200000']],
  ['2.001195', ['online:7 working_days:50000', 'direct:7 working_days:50000']],
  ['2.001159', ['online:1 hours:-', 'direct:1 hours:-']],
  ['2.000815', ['direct:-:2000', 'direct:-:10 USD (/bản)']],
  ['1.001612', ['online:-:150000', 'postal:-:150000', 'direct:-:50000']],
  ['2.000635', ['online:-:8000', 'postal:-:8000', 'direct:-:8000']],
  ['1.002759', ['online:45 days:0', 'postal:45 days:0', 'direct:45 days:0']],
  ['2.000986', ['direct:20 days:0']],
  ['1.008309', ['online:1 working_days:0', 'postal:1 working_days:0', 'direct:1 working_days:0']],
  ['1.002755', ['online:3 working_days:5000', 'direct:3 working_days:10000']],
  ['2.000200', ['online:7 working_days:-', 'direct:7 working_days:-']],
  ['2.001194', ['online:7 working_days:70000', 'direct:7 working_days:70000']],
  ['1.010039', ['online:3 working_days:0']],
  ['2.002023', ['online:1 working_days:0', 'postal:1 working_days:0', 'direct:1 working_days:0']],
  ['1.002051', ['online:10 days:0', 'postal:10 days:0', 'direct:10 days:0']],
  ['1.001939', ['online:5 working_days:0', 'postal:5 working_days:0', 'direct:5 working_days:0']],
  ['1.001613', ['online:5 working_days:0', 'postal:5 working_days:0', 'direct:5 working_days:0']],
  ['1.010028', ['online:2 working_days:-', 'postal:2 working_days:-', 'direct:2 working_days:-']],
  ['1.000757', ['online:7 working_days:0', 'direct:7 working_days:70000']],
  // The online row's table says "100 VNĐ"; its detail spells out 100.000 đồng.
  ['2.001610', ['online:3 working_days:100000', 'postal:3 working_days:100000', 'direct:3 working_days:100000']],
  ['1.003677', ['online:1 working_days:-', 'online:2 working_days:-']],
  ['2.000720', ['online:1 working_days:0', 'postal:1 working_days:0', 'direct:1 working_days:0']],
  ['2.002029', ['online:1 working_days:0', 'postal:1 working_days:0', 'direct:1 working_days:0']],
  // The cell says "Miễn phí" but its detail names the fee: 135.000 đồng (not free).
  ['3.000347', ['online:5 working_days:Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần. - Trường hợp tổ chức, cá nhân nộp hồ sơ theo hình thức trực tuyến: Kể từ ngày 01/12/2023 đến hết ngày 31/12/2025, áp dụng mức thu lệ phí là 115.000 đồng/lần cấp.', 'direct:5 working_days:Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần. - Trường hợp tổ chức, cá nhân nộp hồ sơ theo hình thức trực tuyến: Kể từ ngày 01/12/2023 đến hết ngày 31/12/2025, áp dụng mức thu lệ phí là 115.000 đồng/lần cấp.']],
  ['1.010038', ['direct:5 working_days:10000', 'online:5 working_days:5000']],
];

function paperNames(p: Procedure, kind: 'submit' | 'present' = 'submit'): string[] {
  return p.papers.filter((g) => g.kind === kind).flatMap((g) => g.papers.map((x) => x.name));
}

function paper(p: Procedure, start: string) {
  const found = p.papers.flatMap((g) => g.papers).find((x) => x.name.startsWith(start));
  if (!found) throw new Error(`${p.code}: no paper starting "${start}"`);
  return found;
}

describe('the 30 most used citizen procedures', () => {
  it('are all in the fixture, as published', () => {
    expect(top30).toHaveLength(30);
    expect(EXPECTED.map(([code]) => code)).toEqual(top30.map((p) => p.code));
  });

  it.each(EXPECTED)('%s has the published channels, times and fees', (code, expected) => {
    expect(rows(get(code))).toEqual(expected);
  });

  it('every one has at least one paper and a result, and no page chrome anywhere', () => {
    for (const p of top30) {
      expect(p.papers.length, p.code).toBeGreaterThan(0);
      expect(p.results.length, p.code).toBeGreaterThan(0);
      expect(hasChrome(JSON.stringify(p)), p.code).toBe(false);
    }
  });
});

describe('key papers', () => {
  it('1.001193 đăng ký khai sinh: online, postal, direct; free; 1 working day; its papers as published', () => {
    const p = get('1.001193');
    expect(rows(p)).toEqual(['online:1 working_days:0', 'postal:1 working_days:0', 'direct:1 working_days:0']);
    expect(p.levels).toEqual(['commune']);
    expect(p.results).toEqual([{ name: 'Giấy khai sinh', code: 'KQ.G15.000031' }]);
    expect(paper(p, 'Giấy chứng sinh')).toMatchObject({ originals: 1, copies: 0 });
    expect(paper(p, 'Tờ khai đăng ký khai sinh theo mẫu')).toMatchObject({ originals: 1, copies: 0 });
    expect(paper(p, 'Văn bản ủy quyền (được chứng thực)')).toMatchObject({ originals: 1 });
    expect(paperNames(p, 'present').some((n) => n.startsWith('Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước'))).toBe(true);
    expect(p.legalBasis).toContainEqual({ number: '123/2015/NĐ-CP', title: 'Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch' });
    expect(p.source).toEqual({ url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7', decision: '163/QĐ-BTP', retrievedAt: '2026-07-31' });
  });

  it('1.004194 đăng ký tạm trú: the CT01 declaration with its form, by case', () => {
    const p = get('1.004194');
    expect(p.papers.map((g) => g.case)).toContain('Hồ sơ đăng ký tạm trú gồm');
    expect(paper(p, 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01')).toMatchObject({ originals: 1, copies: 0, form: 'Mẫu CT01' });
  });

  it('1.001456 hộ chiếu: declaration with both forms its text names (TK01, TK01a for children), photo, birth certificate copy', () => {
    const p = get('1.001456');
    expect(paper(p, 'Tờ khai đề nghị cấp hộ chiếu phổ thông ở trong nước')).toMatchObject({ originals: 1, form: 'Mẫu TK01; Mẫu TK01a' });
    expect(paper(p, 'Ảnh mới chụp không quá 06 tháng')).toMatchObject({ originals: 1 });
    expect(paper(p, 'Bản sao giấy khai sinh hoặc trích lục giấy khai sinh')).toMatchObject({ originals: 1, copies: 1 });
  });

  it('2.001195 cấp đổi thẻ căn cước: the CC01 and DC02 forms, named as their files name them', () => {
    const p = get('2.001195');
    expect(paper(p, 'Phiếu thu nhận thông tin căn cước').form).toBe('Mẫu CC01');
    expect(paper(p, 'Phiếu đề nghị giải quyết thủ tục về căn cước').form).toBe('Mẫu DC02');
  });

  it('1.012575 đăng ký xe: the ĐKX10/79 declaration, its form number from its text, not the file name', () => {
    expect(paper(get('1.012575'), 'Giấy khai đăng ký xe').form).toBe('Mẫu ĐKX10/79');
  });

  it('3.000347 đổi giấy phép lái xe: application, health certificate, copy of the licence', () => {
    const p = get('3.000347');
    expect(paper(p, 'Đề nghị đổi giấy phép lái xe')).toMatchObject({ originals: 1 });
    expect(paper(p, 'Giấy khám sức khỏe của người lái xe')).toMatchObject({ originals: 1 });
    expect(paper(p, 'Bản sao hoặc bản sao điện tử được chứng thực')).toMatchObject({ originals: 0, copies: 1 });
  });

  it('1.001613 BHXH một lần: papers read from the raw page when the crawler cut the field', () => {
    const p = get('1.001613');
    expect(paper(p, 'a) Sổ BHXH')).toMatchObject({ originals: 1 });
    expect(paper(p, 'b) Đơn đề nghị (Mẫu số 14-HSB)')).toMatchObject({ originals: 1 });
  });

  it('1.000014: a fee the table stores in thousands takes the amount its detail spells out', () => {
    const p = get('1.000014');
    expect(p.channels[0]!.fees[0]!.amount).toBe(20000);
    expect(p.channels[0]!.time?.value).toBe(1);
  });
});
