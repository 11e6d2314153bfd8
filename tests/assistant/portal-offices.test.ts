// Where to go for a procedure the catalogue lacks: the office a province wrote, or the agency a
// national family of procedures is handled by; nothing for a look-alike handled elsewhere.
import { describe, expect, it } from 'vitest';
import { portalOffice } from '../../src/assistant/portal-offices';

const office = (code: string, name: string, own?: string) => portalOffice({ code, name, ...(own ? { office: own } : {}) });

describe('portalOffice', () => {
  it('names the agency of the national families citizens ask for most', () => {
    expect(office('1.001978', 'Giải quyết hưởng trợ cấp thất nghiệp')).toBe('Trung tâm Dịch vụ việc làm của tỉnh, thành phố');
    expect(office('3.000001', 'Cấp điện mới từ lưới điện hạ áp')).toBe('Công ty điện lực nơi bạn sử dụng điện');
    expect(office('1.010241', 'Đăng ký thuế lần đầu đối với người nộp thuế là cá nhân')).toBe('Cơ quan thuế quản lý bạn');
    expect(office('1.001308', 'Thủ tục chứng nhận lãnh sự, hợp pháp hoá lãnh sự giấy tờ')).toMatch(/^Cục Lãnh sự/);
    expect(office('2.001178', 'Cấp xác nhận số chứng minh nhân dân 09 số, số định danh cá nhân')).toMatch(/^Cơ quan Công an/);
    expect(office('2.001996', 'Thông báo thay đổi ngành, nghề kinh doanh (đối với doanh nghiệp tư nhân, công ty TNHH)')).toBe('Phòng Đăng ký kinh doanh, Sở Tài chính');
    expect(office('1.001776', 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng')).toBe('Ủy ban nhân dân xã, phường nơi người đó cư trú');
    expect(office('1.001699', 'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật')).toBe('Ủy ban nhân dân xã, phường nơi người đó cư trú');
    expect(office('1.005099', 'Chuyển trường đối với học sinh tiểu học')).toBe('Trường nơi học sinh muốn chuyển đến');
  });

  it('prefers the office written for the entry', () => {
    expect(office('1.001978', 'Giải quyết hưởng trợ cấp thất nghiệp', 'Trung tâm Dịch vụ việc làm Ninh Bình')).toBe('Trung tâm Dịch vụ việc làm Ninh Bình');
  });

  it('says nothing rather than guess for look-alikes handled by another agency', () => {
    // Grid investment is approved by the province, radio licences by a ministry, not the power company.
    expect(office('1.013394', 'Phê duyệt danh mục đầu tư lưới điện trung áp, hạ áp')).toBeUndefined();
    expect(office('3.000411', 'Cấp giấy phép sử dụng tần số và thiết bị vô tuyến điện')).toBeUndefined();
    // Veterans' funeral allowances are the commune's, not social insurance's.
    expect(office('1.010452', 'Giải quyết Chế độ mai táng phí đối với Cựu chiến binh')).toBeUndefined();
    // Contributing to unemployment insurance is registered with social insurance, not the job centre.
    expect(office('2.000888', 'Tham gia bảo hiểm thất nghiệp')).toBeUndefined();
    expect(office('1.005377', 'Thông báo tạm ngừng kinh doanh đối với hợp tác xã')).toBeUndefined();
    expect(office('1.005129', 'Đăng ký hợp đồng cung ứng lao động của doanh nghiệp hoạt động dịch vụ đưa người lao động đi làm việc ở nước ngoài')).toBeUndefined();
    // The newborn bundle is the commune's, though it issues a health-insurance card.
    expect(office('2.002621', 'Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi')).toBeUndefined();
    // Taking someone into a social protection centre is decided elsewhere than the monthly allowance.
    expect(office('2.000286', 'Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội')).toBeUndefined();
    // "thuê" (rent) is not "thuế" (tax).
    expect(office('1.999999', 'Đăng ký cho thuê lại lao động')).toBeUndefined();
  });
});
