// The papers parser: groups, cases, counts and form file names glued onto paper names.
import { describe, expect, it } from 'vitest';
import { parsePapers, splitForm } from '../../../src/catalogue/portal/papers';

const TABLE = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';

describe('parsePapers', () => {
  it('reads the submit and present sections with their counts', () => {
    const groups = parsePapers(
      `* Giấy tờ phải nộp:${TABLE}- Tờ khai đăng ký khai sinh theo mẫu;1 bản chính- Giấy chứng sinh.1 bản chính` +
        `* Giấy tờ phải xuất trình:${TABLE}- Hộ chiếu hoặc Thẻ căn cước.1 bản chính`,
    );
    expect(groups).toEqual([
      {
        kind: 'submit',
        papers: [
          { name: 'Tờ khai đăng ký khai sinh theo mẫu;', originals: 1, copies: 0 },
          { name: 'Giấy chứng sinh.', originals: 1, copies: 0 },
        ],
      },
      { kind: 'present', papers: [{ name: 'Hộ chiếu hoặc Thẻ căn cước.', originals: 1, copies: 0 }] },
    ]);
  });

  it('keeps a case heading and reads "0 bản chính,1 bản sao"', () => {
    const [group] = parsePapers(`Trường hợp ủy quyền${TABLE}Bản sao văn bản ủy quyền0 bản chính,1 bản sao`);
    expect(group).toEqual({ kind: 'submit', case: 'Trường hợp ủy quyền', papers: [{ name: 'Bản sao văn bản ủy quyền', originals: 0, copies: 1 }] });
  });

  it('treats "--" as no heading and does not split on counts written inside a name', () => {
    const [group] = parsePapers(`--${TABLE}Đơn đề nghị kèm 01 bản sao có chứng thực giấy phép1 bản chính`);
    expect(group!.case).toBeUndefined();
    expect(group!.papers).toEqual([{ name: 'Đơn đề nghị kèm 01 bản sao có chứng thực giấy phép', originals: 1, copies: 0 }]);
  });

  it('returns no group for an empty or "--" field', () => {
    expect(parsePapers('')).toEqual([]);
    expect(parsePapers('--')).toEqual([]);
  });
});

describe('splitForm', () => {
  it.each([
    ['Bản khai cá nhân (Mẫu số 03).Mẫu 03.TT41.doc', 'Bản khai cá nhân (Mẫu số 03).', 'Mẫu 03.TT41.doc'],
    ['theo Nghị định số 32/2026/NĐ-CPMẫu số 14.QLT. Cấp lại.docx', 'theo Nghị định số 32/2026/NĐ-CP', 'Mẫu số 14.QLT. Cấp lại.docx'],
    ['Tờ khai (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA).1.MuCT01banhnhkmtheoThngts53.doc', 'Tờ khai (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA).', '1.MuCT01banhnhkmtheoThngts53.doc'],
    ['Giấy khai đăng ký xe (mẫu ĐKX10/79).MauKX1079.docx', 'Giấy khai đăng ký xe (mẫu ĐKX10/79).', 'MauKX1079.docx'],
    ['Danh sách cổ đông.Phụ lục số 05.docxMẫu số 09.docx', 'Danh sách cổ đông.', 'Phụ lục số 05.docx; Mẫu số 09.docx'],
  ])('splits %s', (text, name, form) => {
    expect(splitForm(text)).toEqual({ name, form });
  });

  it('leaves a name without a file name alone', () => {
    expect(splitForm('Đơn đề nghị theo mẫu quy định tại Phụ lục XII')).toEqual({ name: 'Đơn đề nghị theo mẫu quy định tại Phụ lục XII' });
  });
});

describe('parsePaperList on counts inside names', () => {
  it('keeps a count that names the next paper ("01 bản sao giấy khai sinh") in that name', () => {
    const [group] = parsePapers(`--${TABLE}Hộ chiếu cũ.1 bản chính,1 bản sao01 bản sao giấy khai sinh hoặc trích lục.1 bản chính`);
    expect(group!.papers).toEqual([
      { name: 'Hộ chiếu cũ.', originals: 1, copies: 1 },
      { name: '01 bản sao giấy khai sinh hoặc trích lục.', originals: 1, copies: 0 },
    ]);
  });

  it('reads a count repeated in the name once ("nhập khẩu: 01 bản chính;1 bản chính")', () => {
    const [group] = parsePapers(`--${TABLE}Giấy phép nhập khẩu: 01 bản chính;1 bản chính`);
    expect(group!.papers).toEqual([{ name: 'Giấy phép nhập khẩu: 01 bản chính;', originals: 1, copies: 0 }]);
  });

  it('takes one digit of a count glued to a year', () => {
    const [group] = parsePapers(`--${TABLE}Mẫu ban hành ngày 25/6/20241 bản chính`);
    expect(group!.papers).toEqual([{ name: 'Mẫu ban hành ngày 25/6/2024', originals: 1, copies: 0 }]);
  });
});
