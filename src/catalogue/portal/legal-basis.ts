// Parses "Căn cứ pháp lý": rows of title and number joined with no separator, e.g.
// "…quy định chi tiết Luật Hộ tịch123/2015/NĐ-CPLuật 60/2014/QH1360/2014/QH13".
import type { z } from 'zod';
import type { legalBasisSchema } from '../schema';
import { NO_INFO, tidy } from './text';

type LegalBasis = z.infer<typeof legalBasisSchema>;

const HEADER = 'Tên văn bản pháp lýMã văn bản';

/**
 * A document number: "123/2015/NĐ-CP", "66.7/2025/NQ-CP", "60/2014/QH13", "19/2019/QĐ-TTg",
 * "72/2011/TTLT-BTC-BGTVT". An agency part never ends on a capital that starts the next title
 * ("NĐ-CPNghị định" ends at "CP"); the legislature is "QH" and two digits.
 */
const SEGMENT = String.raw`(?:QH\d{2}|TTg|[A-ZĐ]+(?!\p{Ll}))`;
const NUMBER = new RegExp(String.raw`\d+(?:\.\d+)?(?:/\d{4})?/${SEGMENT}(?:[-–]${SEGMENT})*`, 'gu');

export function parseLegalBasis(text: string): LegalBasis[] {
  let body = text.startsWith(HEADER) ? text.slice(HEADER.length) : text;
  body = body.replace(/\s+$/, '');
  if (!body || body === NO_INFO) return [];
  const matches = [...body.matchAll(NUMBER)].map((m) => {
    // A title ending in a year ("Luật Khiếu nại năm 2011") glues it onto the number: "201102/2011/QH13".
    const glued = /^((?:19|20)\d{2})\d{1,4}[./]/.exec(m[0]);
    const shift = glued ? 4 : 0;
    return { start: m.index + shift, end: m.index + m[0].length, number: m[0].slice(shift) };
  });
  const rows: LegalBasis[] = [];
  let from = 0;
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i]!;
    const next = body.charAt(m.end);
    // A number inside a title is followed by a space or punctuation; a number cell is glued to
    // the next title, unless the next thing is that same row's number cell.
    const spacedTitle = /^\s+\p{Lu}/u.test(body.slice(m.end, m.end + 3));
    const glued = next === '' || spacedTitle || (!/[\s,.;:)]/.test(next) && !(matches[i + 1]?.start === m.end));
    if (!glued) continue;
    const title = tidy(body.slice(from, m.start)).replace(/^[-–\s]+/, '');
    from = m.end;
    if (!title) {
      // A cell with no title before it: keep the number as the title so nothing is lost.
      rows.push({ number: m.number, title: m.number });
      continue;
    }
    rows.push({ number: m.number, title });
  }
  const rest = tidy(body.slice(from));
  if (rest && rest !== NO_INFO) rows.push({ title: rest });
  return rows;
}
