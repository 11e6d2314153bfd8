// The listing's fixed Vietnamese wording, shared by the HTML, Markdown and text renderers so
// the printed sheet and the posted text say the same thing.
import type { Listing } from './listing';
import type { ListingItem } from './summary';

export const TITLE = 'Danh mục thủ tục hành chính (rút gọn)';
export const PAPERS_LABEL = 'Giấy tờ cần nộp';
export const NO_PAPERS = 'Không có thông tin về giấy tờ; hỏi cán bộ một cửa.';
export const TIME_LABEL = 'Thời hạn giải quyết';
export const FEE_LABEL = 'Phí, lệ phí';
export const ONLINE_LABEL = 'Nộp trực tuyến';
export const QR_CAPTION = 'Quét để hỏi';

/**
 * Printed at the top of a listing whose links and QR codes open an address only the server
 * itself can reach, so nobody posts it by mistake.
 */
export function localLinksWarning(baseUrl: string): string {
  return `CHƯA DÙNG ĐƯỢC ĐỂ NIÊM YẾT: mã QR và liên kết trên bản này mở ${baseUrl}, địa chỉ chỉ máy chủ tự mở được; người dân quét sẽ không vào được. Người quản trị đặt PUBLIC_BASE_URL (địa chỉ công khai của trang hỏi đáp) rồi in lại.`;
}

/** After a shortened paper list: where the rest is. */
export function morePapersText(count: number, medium: 'qr' | 'link'): string {
  return `… và ${count} giấy tờ khác theo từng trường hợp: ${medium === 'qr' ? 'quét mã QR' : 'bấm liên kết'} để xem đủ.`;
}

export function onlineText(item: ListingItem): string {
  if (!item.online) return 'Không';
  return item.onlineNote ? `Có (${item.onlineNote})` : 'Có';
}

export function metaLine(listing: Listing): string {
  return `Gồm ${listing.total} thủ tục · Ngày ${listing.date} · Phiên bản dữ liệu: ${listing.catalogueVersion}`;
}

/** How to ask about one procedure: by QR code on paper, by link in a post. */
export function howToAsk(listing: Listing, medium: 'qr' | 'link'): string {
  const how = medium === 'qr' ? 'Quét mã QR bên cạnh thủ tục bằng điện thoại' : 'Bấm vào liên kết của thủ tục';
  return `${how} để hỏi thêm ${listing.viaTelegram ? 'qua Telegram' : 'trên trang hỏi đáp'}.`;
}

/** The footer, as sentences; each renderer marks the URLs up its own way. */
export function footerParts(listing: Listing): { fullText: string; portalUrl: string; ask: string; assistantUrl: string; note: string } {
  return {
    fullText: 'Nội dung đầy đủ (trình tự, mẫu đơn, căn cứ pháp lý) tra theo mã thủ tục tại Cổng Dịch vụ công quốc gia:',
    portalUrl: listing.portalUrl,
    ask: listing.viaTelegram ? 'Hỏi đáp qua Telegram:' : 'Hỏi đáp trực tuyến:',
    assistantUrl: listing.assistantUrl,
    note: 'Phí, lệ phí có thể do HĐND tỉnh quy định; nếu có thay đổi, cán bộ một cửa sẽ hướng dẫn.',
  };
}
