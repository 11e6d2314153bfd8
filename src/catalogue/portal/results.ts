// Parses "Kết quả xử lý": results as "<name>Mã: KQ.G15.000031", then the page's keywords and
// description cells ("Từ khóa…Mô tả…") and, in most records, page chrome.
import type { z } from 'zod';
import type { resultSchema } from '../schema';
import { NO_INFO, stripChrome, tidy } from './text';

type Result = z.infer<typeof resultSchema>;

const CODE = /Mã:\s*(KQ[.\w-]*\d)/g;

export interface ParsedResults {
  results: Result[];
  /** The "Từ khóa" cell, split on commas. */
  keywords: string[];
}

export function parseResults(text: string): ParsedResults {
  let body = stripChrome(text);
  let keywords: string[] = [];
  const keywordAt = body.lastIndexOf('Từ khóa');
  if (keywordAt >= 0) {
    const tail = body.slice(keywordAt + 'Từ khóa'.length);
    body = body.slice(0, keywordAt);
    const cell = tidy(tail.split('Mô tả')[0] ?? '');
    if (cell && cell !== NO_INFO) keywords = cell.split(/[,;]/).map((k) => k.trim()).filter(Boolean);
  }
  const results: Result[] = [];
  let from = 0;
  for (const m of body.matchAll(CODE)) {
    const name = tidy(body.slice(from, m.index)).replace(/^[-+*\s]+/, '');
    from = m.index + m[0].length;
    if (name && name !== NO_INFO) results.push({ name, code: m[1]! });
  }
  const rest = tidy(body.slice(from)).replace(/^[-+*\s]+/, '');
  if (rest && rest !== NO_INFO) results.push({ name: rest });
  return { results, keywords };
}
