// What a row of the portal's papers table really is. The portal's editors put rule text, notes,
// cross-references and officers' duties into the table as rows with counts ("0 bản chính,1 bản
// sao"), and attach the form as a file whose name is often mangled ("1.MuCT01banhnhkmtheoThngts53.doc"):
// a row that opens as a statement ("Trường hợp …", "Người …", "Yêu cầu …") and names no document
// is rule text, and a paper's form is the number its text names.

/** An enumeration label or bullet before a row ("(iv) ", "3.3. ", "a) ", "- ", "* "). */
const LEADING_LABEL = /^(?:[\s\-+•*–]|\((?:[ivxl]+|\d{1,2}|[a-zđ])\)|(?:\d{1,2}\.)+\d{0,2}\.?(?=\s)|[a-zđ]\)(?=\s))*\s*/iu;

/** Nouns that name a document a citizen hands in or shows. */
const DOCUMENT =
  /(?<![\p{L}])(?:tờ khai|đơn(?! vị)|giấy|bản sao|bản chính|bản chụp|bản dịch|bản vẽ|bản đồ|bản kê|bản khai|bản cam kết|bản thuyết minh|bản mô tả|văn bản|phiếu|hợp đồng|biên bản|nghị quyết|danh sách|sổ|thẻ|ảnh|hộ chiếu|điều lệ|chứng từ|hóa đơn|hoá đơn|chứng chỉ|chứng nhận|trích lục|tài liệu|báo cáo tài chính|quyết định (?:số|của|về|cho|thành lập|bổ nhiệm|giao|công nhận|phê duyệt|cử)|mẫu|hồ sơ (?:thiết kế|kỹ thuật|dự án|năng lực)|dữ liệu điện tử|bằng|văn bằng|luận chứng|đề án|dự án|phương án|kế hoạch|chương trình|thuyết minh|bảng|sơ đồ|mẫu vật|vật mẫu|giấy tờ|thư|lý lịch)(?![\p{L}])/iu;

/** Rows that open as a note, a count of dossiers or a duty, whatever else they mention. */
const NOTE_OPENING = /^(?:lưu ý|ghi chú|chú ý)\s*[:.-]|^số lượng hồ sơ(?=[\s:])/iu;

/** Rule text opens as a condition or a statement about someone, not with a document's name. */
const STATEMENT_OPENING = /^(?:trường hợp|người|đối với|nếu|khi|yêu cầu|cơ quan|việc)(?![\p{L}])/iu;

/** A statement that asks for something ("phải có …", "kèm theo …", "xuất trình …") names a paper. */
const REQUIRES = /(?<![\p{L}])(?:phải có|phải nộp|phải kèm|kèm theo|xuất trình|nộp (?:thêm|bổ sung)|cung cấp (?:bản|giấy|văn bản))(?![\p{L}])/iu;

/** Whether a row of the papers table names a document (a paper), rather than being rule text. */
export function namesDocument(row: string): boolean {
  // "*Hồ sơ đăng ký giải thể doanh nghiệp": a star marks the portal's headings, never a paper.
  if (/^\s*\*\s*hồ sơ(?![\p{L}])/iu.test(row)) return false;
  const text = row.replace(LEADING_LABEL, '').trim();
  if (NOTE_OPENING.test(text)) return false;
  // A lead-in ("Đối với phương tiện thương mại:") heads the papers after it; the renderer reads it.
  if (/:\s*$/.test(text)) return true;
  if (!STATEMENT_OPENING.test(text)) return true;
  // "Đối với tàu biển: Bản trích sao nhật ký…": what follows the case is the paper.
  const colon = text.indexOf(':');
  if (colon > 0 && !STATEMENT_OPENING.test(text.slice(colon + 1).replace(LEADING_LABEL, '').trim())) return true;
  return REQUIRES.test(text) || DOCUMENT.test(text);
}

/** A form number as the paper's text or its file names it: "Mẫu CT01", "mẫu số 01/2025/LLTP", "(Mẫu TK1-TS)". */
const FORM_NUMBER = /(?<![\p{L}])(?:mẫu|mau)\s+(?:số\s+|so\s+)?([A-ZĐ]{0,5}[\s-]?\d{1,3}[a-z]?(?:[/-][A-ZĐ0-9]+)*)(?=[\s),;._]|$)/giu;

/** Form numbers named in `text`, each once, in order. */
function formNumbers(text: string): string[] {
  return [...new Set([...text.matchAll(FORM_NUMBER)].map((m) => m[1]!.replace(/\s+/g, '')))];
}

/**
 * The form a paper is filled in on, from the text the citizen reads: the numbers its name gives
 * ("Mẫu CT01"; "Mẫu TK01; Mẫu TK01a" when it names one per case), else the attached files' names
 * without their extension and copy marks ("Mẫu số 01.docx" → "Mẫu số 01"); never a file name.
 */
export function formOf(name: string, files: string): string | undefined {
  const named = formNumbers(name);
  if (named.length > 0) return named.map((n) => `Mẫu ${n}`).join('; ');
  const titles = files
    .split(/;\s*/)
    .map((f) => f.replace(/\.(?:docx|doc|pdf|xlsx|xls|rar|zip|odt)$/i, '').replace(/\s*\(\d+\)$/, '').replace(/^\d{1,2}\.(?=\S)/, '').trim())
    .filter((f) => f.length > 0);
  const unique = [...new Set(titles)];
  return unique.length > 0 ? unique.join('; ') : undefined;
}
