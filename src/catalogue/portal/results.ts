// Parses "Kết quả xử lý": results as "<name>Mã: KQ.G15.000031", then the page's keywords and
// description cells ("Từ khóa…Mô tả…") and, in most records, page chrome.
import type { z } from 'zod';
import type { resultSchema } from '../schema';
import { NO_INFO, stripPageChrome, tidy } from './text';

type Result = z.infer<typeof resultSchema>;

const MARK = /Mã:\s*/g;

/**
 * The code after "Mã:": usually "KQ.G15.000031", sometimes prefixed ("TP-G12.KQ.120") or the
 * agency's own ("VBTT"). "Chưa xác định" and lowercase keyboard noise ("dsfas") are no code.
 */
function readCode(rest: string): { code?: string; length: number } {
  const kq = /^[\w.-]*?KQ[.\w-]*\d/.exec(rest) ?? /^[A-ZĐ0-9][A-ZĐ0-9.-]*?(?=\p{Lu}\p{Ll}|\s|$)/u.exec(rest);
  if (kq) return { code: kq[0], length: kq[0].length };
  const none = /^(?:Chưa xác định(?: rõ)?|[a-z]+(?=\p{Lu}|\s|$))/u.exec(rest);
  return { length: none ? none[0].length : 0 };
}

export interface ParsedResults {
  results: Result[];
  /** The "Từ khóa" cell, one keyword a line or semicolon. */
  keywords: string[];
}

export function parseResults(text: string): ParsedResults {
  let body = stripPageChrome(text);
  let keywords: string[] = [];
  const keywordAt = body.lastIndexOf('Từ khóa');
  if (keywordAt >= 0) {
    const tail = body.slice(keywordAt + 'Từ khóa'.length);
    body = body.slice(0, keywordAt);
    const cell = tidy(tail.split('Mô tả')[0] ?? '');
    // The cell is mostly one phrase ("Cấp giấy thông hành cho cán bộ, công chức"): commas stay.
    if (cell && cell !== NO_INFO) keywords = cell.split(/[;\n]/).map((k) => k.trim()).filter(Boolean);
  }
  const results: Result[] = [];
  let from = 0;
  for (const m of body.matchAll(MARK)) {
    if (m.index < from) continue;
    const name = tidy(body.slice(from, m.index)).replace(/^[-+*\s]+/, '');
    const { code, length } = readCode(body.slice(m.index + m[0].length));
    from = m.index + m[0].length + length;
    if (name && name !== NO_INFO) results.push(code ? { name, code } : { name });
  }
  const rest = tidy(body.slice(from)).replace(/^[-+*\s]+/, '');
  if (rest && rest !== NO_INFO) results.push({ name: rest });
  return { results, keywords };
}
