// Who handles a procedure the catalogue lacks (procedures/portal-only.yaml), so the honest
// "not in my list" reply can still say where to go. An entry's own `office` wins (a province
// writes it); otherwise a few national families are known by their name: they are handled by
// the same kind of agency everywhere. Anything else gets no office rather than a guess.
import type { PortalOnlyProcedure } from '../catalogue/portal-only';
import { normalize } from '../search/normalize';

/**
 * Name patterns (on the normalised name: with its marks, without punctuation, "ký" read "kí"),
 * names that look alike but are handled elsewhere, and the agency. Checked against every entry
 * of portal-only.yaml: a family whose pattern caught a procedure of another agency was narrowed,
 * or left out.
 */
const FAMILIES: readonly { name: RegExp; not?: RegExp; code?: RegExp; office: string }[] = [
  { name: /trợ cấp thất nghiệp|tìm kiếm việc làm/u, office: 'Trung tâm Dịch vụ việc làm của tỉnh, thành phố' },
  // The power company's own procedures (codes 3.…); ministries and provinces approve the grid itself.
  { name: /(mua bán|sử dụng) điện|cấp điện|công tơ|thiết bị đo đếm/u, code: /^3\./u, office: 'Công ty điện lực nơi bạn sử dụng điện' },
  { name: /(khai|hoàn|quyết toán|đăng k[ýí]) thuế|nội dung đăng k[ýí] thuế|quyết toán thuế/u, office: 'Cơ quan thuế quản lý bạn' },
  { name: /^giải quyết chế độ (bảo hiểm|cho người lao động)|^(đăng k[ýí]|cấp|đóng) .*(bhxh|bhyt|bảo hiểm xã hội|bảo hiểm y tế)/u, not: /khai sinh/u, office: 'Cơ quan Bảo hiểm xã hội' },
  { name: /hợp pháp hóa lãnh sự|chứng nhận lãnh sự/u, office: 'Cục Lãnh sự, Bộ Ngoại giao (hoặc cơ quan ngoại vụ của tỉnh được ủy quyền)' },
  { name: /chứng minh nhân dân|số định danh cá nhân/u, office: 'Cơ quan Công an (Công an xã, phường hoặc Công an tỉnh)' },
  { name: /^(đăng k[ýí]|thông báo).*(doanh nghiệp|công ty)/u, not: /hợp tác xã|viễn thông|lao động/u, office: 'Phòng Đăng ký kinh doanh, Sở Tài chính' },
  { name: /hải quan/u, not: /xuất xứ/u, office: 'Cơ quan hải quan' },
  // Monthly social allowances, their funeral support and disability assessment: the commune.
  { name: /^(thủ tục )?thực hiện điều chỉnh thôi hưởng trợ cấp xã hội|^hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội|^xác định xác định lại mức độ khuyết tật/u, office: 'Ủy ban nhân dân xã, phường nơi người đó cư trú' },
  { name: /^chuyển trường đối với học sinh/u, office: 'Trường nơi học sinh muốn chuyển đến' },
];

export function portalOffice(entry: Pick<PortalOnlyProcedure, 'code' | 'name' | 'office'>): string | undefined {
  if (entry.office) return entry.office;
  const name = normalize(entry.name);
  return FAMILIES.find((f) => f.name.test(name) && !f.not?.test(name) && (!f.code || f.code.test(entry.code)))?.office;
}
