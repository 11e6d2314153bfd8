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
