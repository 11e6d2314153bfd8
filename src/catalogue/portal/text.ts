// Text clean-up shared by the portal parsers: the crawl's "no information" marker, page chrome
// that leaked into fields, and whitespace that would make the generated YAML noisy.

/** The portal's placeholder for an empty cell. */
export const NO_INFO = 'Không có thông tin';

/**
 * Page chrome scraped along with the procedure: the agency picker and its "Nộp hồ sơ" button at the
 * end of the page. Everything from its first marker on is chrome, never data.
 */
const CHROME_MARKERS = [
  'Chọn cơ quan thực hiện',
  'Hệ thống chỉ hiển thị những cơ quan đã áp dụng dịch vụ công trực tuyến',
  '-- Chọn Tỉnh/ Thành phố --',
  '-- Chọn Bộ ngành --',
  '-- Chọn Phường/ Xã --',
];

/**
 * Headings of later page sections. When a section is missing from the page, the crawler ran the
 * previous field on into them ("Không có thông tinTừ khóaKhông có thông tinMô tả…"); glued on
 * both sides like that, a heading always ends the field.
 */
const SPILLED_HEADING = /(?<=\S)(?:Cơ quan thực hiện|Yêu cầu, điều kiện thực hiện|Kết quả xử lý|Căn cứ pháp lý|Từ khóa)(?=\S)/;

/** Cuts the page's own chrome (the agency picker) off a field. */
export function stripPageChrome(text: string): string {
  let end = text.length;
  for (const marker of CHROME_MARKERS) {
    const at = text.indexOf(marker);
    if (at >= 0 && at < end) end = at;
  }
  return text.slice(0, end);
}

/** Cuts page chrome, and later sections the crawler ran on into, off a field. */
export function stripChrome(text: string): string {
  const spill = SPILLED_HEADING.exec(text);
  return stripPageChrome(spill ? text.slice(0, spill.index) : text);
}

/** True when a text still holds a piece of page chrome (used by the report and the tests). */
export function hasChrome(text: string): boolean {
  return CHROME_MARKERS.some((m) => text.includes(m)) || /Nộp hồ sơ\s*$/.test(text) && /Phường\/ Xã|Tỉnh\/ Thành phố|Bộ ngành/.test(text);
}

/** Trims every line, drops runs of blank lines and non-breaking spaces, collapses inner spaces. */
export function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\t]/g, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A cleaned field, or undefined when it is empty or says "Không có thông tin". */
export function present(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const cleaned = tidy(stripChrome(text));
  if (cleaned === '' || cleaned === NO_INFO || cleaned === '--') return undefined;
  return cleaned;
}

/** Lowercase ASCII slug of a Vietnamese label, e.g. "Hộ tịch" → "ho-tich". */
export function slug(text: string): string {
  const ascii = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii || 'khac';
}
