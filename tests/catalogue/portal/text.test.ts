// Results, page chrome, "Không có thông tin", levels and folder names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLevels } from '../../../src/catalogue/portal/levels';
import { parseResults } from '../../../src/catalogue/portal/results';
import { hasChrome, present, slug, stripChrome } from '../../../src/catalogue/portal/text';

const CHROME =
  'Chọn cơ quan thực hiệnTỉnh/ Thành phốBộ ngành-- Chọn Tỉnh/ Thành phố --Phường/ XãSở-- Chọn Phường/ Xã --Hệ thống chỉ hiển thị những cơ quan đã áp dụng dịch vụ công trực tuyếnNộp hồ sơ';

describe('parseResults', () => {
  it('reads names with their KQ codes and drops keywords, description and chrome', () => {
    expect(parseResults(`Giấy khai sinhMã: KQ.G15.000031Từ khóaKhông có thông tinMô tảKhông có thông tin${CHROME}`)).toEqual({
      results: [{ name: 'Giấy khai sinh', code: 'KQ.G15.000031' }],
      keywords: [],
    });
  });

  it('reads an agency\'s own result code', () => {
    expect(parseResults('Văn bản tố tụng của Tòa ánMã: VBTTTừ khóaKhông có thông tin').results).toEqual([{ name: 'Văn bản tố tụng của Tòa án', code: 'VBTT' }]);
  });

  it('reads prefixed codes and drops "Chưa xác định" and keyboard noise', () => {
    expect(parseResults('Quyết định thu hồiMã: TP-G12.KQ.120Mã số cơ sở chăn nuôiMã: Chưa xác định rõBản sao giao dịchMã: dsfas').results).toEqual([
      { name: 'Quyết định thu hồi', code: 'TP-G12.KQ.120' },
      { name: 'Mã số cơ sở chăn nuôi' },
      { name: 'Bản sao giao dịch' },
    ]);
  });

  it('reads several results and the keywords cell', () => {
    const parsed = parseResults('Văn bản chấp thuậnMã: KQ.G19.000111Văn bản không chấp thuậnMã: KQ.G19.000472Từ khóaCấp thông hành cho cán bộ, công chức;khai sinhMô tảKhông có thông tin');
    expect(parsed.results.map((r) => r.code)).toEqual(['KQ.G19.000111', 'KQ.G19.000472']);
    expect(parsed.keywords).toEqual(['Cấp thông hành cho cán bộ, công chức', 'khai sinh']);
  });
});

describe('page chrome and empty cells', () => {
  it('strips the agency picker from any field', () => {
    expect(stripChrome(`Điều kiện A.${CHROME}`)).toBe('Điều kiện A.');
    expect(hasChrome(stripChrome(`x${CHROME}`))).toBe(false);
  });

  it('ends a field where the crawler ran on into a later section of the page', () => {
    expect(present('Không có thông tinTừ khóaKhông có thông tinMô tảKhông có thông tin')).toBeUndefined();
    expect(present('Có chỗ ở hợp pháp.Cơ quan thực hiệnCông an cấp xã')).toBe('Có chỗ ở hợp pháp.');
    expect(present('Theo quy định tại mục Kết quả xử lý của thủ tục')).toBe('Theo quy định tại mục Kết quả xử lý của thủ tục');
  });

  it('reads "Không có thông tin" and blanks as absent', () => {
    expect(present('Không có thông tin')).toBeUndefined();
    expect(present('  ')).toBeUndefined();
    expect(present(' Bộ Công an ')).toBe('Bộ Công an');
  });

  it('never leaves chrome in a field, whatever precedes it', () => {
    fc.assert(fc.property(fc.string(), (text) => !hasChrome(stripChrome(text + CHROME))));
  });
});

describe('parseLevels', () => {
  it('maps every portal level and reports unknown ones', () => {
    expect(parseLevels('Cấp bộ, Cấp tỉnh, Cấp huyện, Cấp xã, Cơ quan khác')).toEqual({
      levels: ['ministry', 'province', 'district', 'commune', 'other'],
      unknown: [],
    });
    expect(parseLevels('Cấp thôn').unknown).toEqual(['Cấp thôn']);
  });
});

describe('slug', () => {
  it('makes ASCII folder names from Vietnamese fields', () => {
    expect(slug('Hộ tịch')).toBe('ho-tich');
    expect(slug('Đường bộ')).toBe('duong-bo');
    expect(slug('Hàng hải và đường thủy nội địa')).toBe('hang-hai-va-duong-thuy-noi-dia');
  });

  it('always yields lowercase letters, digits and dashes', () => {
    fc.assert(fc.property(fc.string(), (text) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug(text))));
  });
});
