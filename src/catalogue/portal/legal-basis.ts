// Parses "Căn cứ pháp lý": rows of title and number joined with no separator, e.g.
// "…quy định chi tiết Luật Hộ tịch123/2015/NĐ-CPLuật 60/2014/QH1360/2014/QH13".
import type { z } from 'zod';
import type { legalBasisSchema } from '../schema';
import { NO_INFO, stripChrome, tidy } from './text';

type LegalBasis = z.infer<typeof legalBasisSchema>;

const HEADER = 'Tên văn bản pháp lýMã văn bản';

/**
 * A document number: "123/2015/NĐ-CP", "66.7/2025/NQ-CP", "60/2014/QH13", "19/2019/QĐ-TTg",
 * "72/2011/TTLT-BTC-BGTVT". The legislature is "QH" and two digits.
 */
// Agency codes may end in a legislature number ("PL-UBTVQH11") but never in the next number's digits.
const SEGMENT = String.raw`(?:QH\d{2}|TTg|[A-ZĐ]+(?:\d{1,2}(?![\d/.]))?)`;
const NUMBER = new RegExp(String.raw`\d+(?:\.\d+)?(?:/\d{4})?/${SEGMENT}(?:[-–/] ?${SEGMENT})*`, 'gu');

/** Lowercase words that continue a title right after a number glued to them ("TT-BCAngày 01/7/2025"). */
const IN_TITLE = new Set(['ngày', 'của', 'và', 'năm', 'tại', 'theo', 'do', 'đã', 'được']);
/** Lowercase words some titles start with ("NĐ-CPsửa đổi…"). */
const TITLE_START = new Set(['sửa', 'quy', 'số', 'phân', 'nghị', 'về', 'hướng', 'ban', 'thông', 'luật', 'quyết', 'điều', 'bãi', 'bổ', 'danh', 'xử', 'phí', 'lệ', 'chính', 'hợp', 'thực']);

interface NumberMatch {
  start: number;
  end: number;
  number: string;
  /** Glued to lowercase words that carry on the title: never a number cell. */
  inTitle: boolean;
}

/**
 * Where a number ends when letters follow with no space: "NĐ-CPNghị định" ends at "CP" (the
 * capital starts the next title), "NĐ-CPsửa đổi" and "TT-BCAngày" keep all their capitals.
 */
function numberMatch(body: string, m: RegExpMatchArray): NumberMatch {
  // A title ending in a year ("Luật Khiếu nại năm 2011") glues it onto the number: "201102/2011/QH13".
  const shift = /^(?:19|20)\d{2}\d{1,4}[./]/.test(m[0]) ? 4 : 0;
  let end = m.index! + m[0].length;
  let inTitle = false;
  const lower = /^\p{Ll}+/u.exec(body.slice(end))?.[0];
  if (lower && /[A-ZĐ]$/.test(m[0]) && !/(?:TTg|QH\d{2})$/.test(m[0])) {
    if (IN_TITLE.has(lower)) inTitle = true;
    else if (!TITLE_START.has(lower) && /[A-ZĐ]{2}$/.test(m[0])) end -= 1;
  }
  return { start: m.index! + shift, end, number: body.slice(m.index! + shift, end), inTitle };
}

export function parseLegalBasis(text: string): LegalBasis[] {
  let body = stripChrome(text.startsWith(HEADER) ? text.slice(HEADER.length) : text);
  body = body.replace(/\s+$/, '');
  if (!body || body === NO_INFO) return [];
  const matches = [...body.matchAll(NUMBER)].map((m) => numberMatch(body, m));
  const rows: LegalBasis[] = [];
  let from = 0;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    const next = body.charAt(m.end);
    // A number inside a title is followed by a space or punctuation; a number cell is glued to
    // the next title, unless the next thing is that same row's number cell.
    // A cell glued to its title but followed by a space ("…Bộ Tư pháp18/2026/NĐ-CP Nghị định…");
    // a number written inside a title has a space before it ("Thông tư số 66/2023/TT-BCA Sửa đổi").
    const spacedTitle = m.start > 0 && !/\s/.test(body.charAt(m.start - 1)) && /^\s+\p{Lu}/u.test(body.slice(m.end, m.end + 3));
    const glued = next === '' || spacedTitle || (!/[\s,.;:)]/.test(next) && !(matches[i + 1]?.start === m.end));
    if (!glued || m.inTitle) continue;
    // A number cell written as "Thông tư số 03/2023/TT-BTP" leaves its first words glued to the title.
    const title = tidy(body.slice(from, m.start))
      .replace(/^[-–:;,.\s]+/, '')
      .replace(/(?<=[\p{Ll}.)])(?:Thông tư|Nghị định|Quyết định|Nghị quyết|Luật)(?: số)?\s*$/u, '');
    from = m.end;
    if (!title) {
      // A cell with no title before it: keep the number as the title so nothing is lost.
      rows.push({ number: m.number, title: m.number });
      continue;
    }
    rows.push({ number: m.number, title });
  }
  const rest = tidy(body.slice(from));
  if (rest && rest !== NO_INFO) {
    // A last row whose number cell was lost may still name its number in the title.
    const own = [...rest.matchAll(NUMBER)][0]?.[0];
    rows.push(own ? { number: own, title: rest } : { title: rest });
  }
  return rows;
}
