// The legal-basis parser: titles and numbers joined with no separator.
import { describe, expect, it } from 'vitest';
import { parseLegalBasis } from '../../../src/catalogue/portal/legal-basis';

const HEADER = 'Tên văn bản pháp lýMã văn bản';

describe('parseLegalBasis', () => {
  it('splits titles from numbers, including a number inside the title', () => {
    expect(
      parseLegalBasis(`${HEADER}Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 quy định chi tiết Luật Hộ tịch123/2015/NĐ-CPLuật 60/2014/QH1360/2014/QH13`),
    ).toEqual([
      { number: '123/2015/NĐ-CP', title: 'Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 quy định chi tiết Luật Hộ tịch' },
      { number: '60/2014/QH13', title: 'Luật 60/2014/QH13' },
    ]);
  });

  it('does not glue the next title or a title year onto a number', () => {
    expect(parseLegalBasis(`${HEADER}Luật Khiếu nại năm 201102/2011/QH13Nghị định 05/2012/NĐ-CP05/2012/NĐ-CPQuyết định về thủ tục19/2019/QĐ-TTg`)).toEqual([
      { number: '02/2011/QH13', title: 'Luật Khiếu nại năm 2011' },
      { number: '05/2012/NĐ-CP', title: 'Nghị định 05/2012/NĐ-CP' },
      { number: '19/2019/QĐ-TTg', title: 'Quyết định về thủ tục' },
    ]);
  });

  it('reads decimal and joint-circular numbers', () => {
    expect(parseLegalBasis(`${HEADER}Nghị quyết cắt giảm thủ tục66.7/2025/NQ-CPThông tư liên tịch về đào tạo72/2011/TTLT-BTC-BGTVT`).map((l) => l.number)).toEqual([
      '66.7/2025/NQ-CP',
      '72/2011/TTLT-BTC-BGTVT',
    ]);
  });

  it('keeps a title without a number, and nothing for "Không có thông tin"', () => {
    expect(parseLegalBasis(`${HEADER}Bộ luật Hàng hải Việt Nam`)).toEqual([{ title: 'Bộ luật Hàng hải Việt Nam' }]);
    expect(parseLegalBasis('Không có thông tin')).toEqual([]);
  });
});

describe('parseLegalBasis on glued lowercase text', () => {
  it('keeps a number glued to "ngày" inside its title and ends a cell before a title starting lowercase', () => {
    expect(
      parseLegalBasis(`${HEADER}Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an53/2025/TT-BCAsửa đổi quy định về phí12/2024/NĐ-CP`),
    ).toEqual([
      { number: '53/2025/TT-BCA', title: 'Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an' },
      { number: '12/2024/NĐ-CP', title: 'sửa đổi quy định về phí' },
    ]);
  });

  it('drops the words of a number cell that leak onto the title', () => {
    expect(parseLegalBasis(`${HEADER}Thông tư ngày 02/8/2023 của Bộ Tư phápThông tư số 03/2023/TT-BTP`)).toEqual([
      { number: '03/2023/TT-BTP', title: 'Thông tư ngày 02/8/2023 của Bộ Tư pháp' },
    ]);
  });

  it('ends a cell followed by a space when the number is glued to its title, not when written inside one', () => {
    expect(parseLegalBasis(`${HEADER}Nghị định về Bộ Tư pháp18/2026/NĐ-CP Nghị định về hộ tịch87/2020/NĐ-CP`).map((l) => l.number)).toEqual(['18/2026/NĐ-CP', '87/2020/NĐ-CP']);
    expect(parseLegalBasis(`${HEADER}Thông tư số 66/2023/TT-BCA Sửa đổi Thông tư 55/2021/TT-BCA66/2023/TT-BCA`)).toEqual([
      { number: '66/2023/TT-BCA', title: 'Thông tư số 66/2023/TT-BCA Sửa đổi Thông tư 55/2021/TT-BCA' },
    ]);
  });
});
