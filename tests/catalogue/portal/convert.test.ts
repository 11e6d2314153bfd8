// One record to one procedure: field mapping, absent cells, levels, popularity and refusals.
import { describe, expect, it } from 'vitest';
import { convertRecord, RETRIEVED_AT } from '../../../src/catalogue/portal/convert';
import { parseRecords, type PortalRecord } from '../../../src/catalogue/portal/record';

function record(overrides: Partial<PortalRecord> = {}): PortalRecord {
  const [base] = parseRecords(JSON.stringify({
    ma_thu_tuc: '1.000001',
    detail_url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc',
    ten_thu_tuc: 'Thủ tục thử',
    so_quyet_dinh: '1/QĐ-BTP',
    cap_thuc_hien: 'Cấp tỉnh, Cấp xã',
    loai_thu_tuc: 'Không có thông tin',
    linh_vuc: 'Hộ tịch',
    doi_tuong_thuc_hien: 'Công dân Việt Nam',
    co_quan_co_tham_quyen: '',
    thu_tuc_lien_quan: '#Tên thủ tục1Đăng ký khai sinh#1Tên thủ tụcĐăng ký khai sinh',
    trinh_tu_thuc_hien: 'Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.',
    cach_thuc_thuc_hien: 'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp1Miễn phí',
    thanh_phan_ho_so: '--Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chính',
    can_cu_phap_ly: 'Tên văn bản pháp lýMã văn bảnLuật Hộ tịch60/2014/QH13',
    yeu_cau_dieu_kien: 'Có chỗ ở hợp pháp.Chọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ',
    ket_qua_xu_ly: 'Giấy khai sinhMã: KQ.G15.000031',
  }), 'test');
  return { ...base!, ...overrides };
}

describe('convertRecord', () => {
  it('maps the portal fields onto the schema and leaves "Không có thông tin" and blanks out', () => {
    const converted = convertRecord(record(), new Map([['1.000001', 42]]));
    if (!converted.ok) throw new Error(converted.reason);
    const p = converted.procedure;
    expect(converted.folder).toBe('ho-tich');
    expect(p.levels).toEqual(['province', 'commune']);
    expect(p.type).toBeUndefined();
    expect(p.agencies).toEqual({});
    expect(p.conditions).toBe('Có chỗ ở hợp pháp.');
    expect(p.steps).toEqual(['Bước 1: Nộp hồ sơ.', 'Bước 2: Nhận kết quả.']);
    expect(p.related).toEqual(['Đăng ký khai sinh']);
    expect(p.legalBasis).toEqual([{ number: '60/2014/QH13', title: 'Luật Hộ tịch' }]);
    expect(p.source).toEqual({ url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/abc', decision: '1/QĐ-BTP', retrievedAt: RETRIEVED_AT });
    expect(p.popularity).toBe(42);
  });

  it('gives 0 uses to a code missing from the usage list', () => {
    const converted = convertRecord(record(), new Map());
    expect(converted.ok && converted.procedure.popularity).toBe(0);
  });

  it('refuses a record the schema rejects, saying which field and why', () => {
    const converted = convertRecord(record({ ma_thu_tuc: 'ABC' }), new Map());
    expect(converted).toMatchObject({ ok: false, code: 'ABC' });
    expect(!converted.ok && converted.reason).toMatch(/^code: /);
    const noLevel = convertRecord(record({ cap_thuc_hien: 'Cấp thôn' }), new Map());
    expect(!noLevel.ok && noLevel.reason).toMatch(/^levels: /);
  });
});
