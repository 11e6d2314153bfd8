// Parses "Thành phần hồ sơ": one run of text where each group is
// "<heading>Tên giấy tờMẫu đơn, tờ khaiSố lượng<papers…>" and each paper ends with its count
// ("1 bản chính", "0 bản chính,1 bản sao", "2 bản sao"), its form's file name just before it.
import type { Paper, PaperGroup } from '../schema';
import { formOf, namesDocument } from './paper-rows';
import { NO_INFO, tidy } from './text';

const TABLE_HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';

/** A paper's count: at most two digits (a longer run is the name's own number glued on). */
const COUNT = /(\d{1,2}) bản chính(?:\s*,\s*(\d{1,2}) bản sao)?|(\d{1,2}) bản sao/g;

const FORM_EXTENSION = /\.(?:docx|doc|pdf|xlsx|xls|rar|zip|odt)$/i;
const FORM_WORDS = /(?:Mẫu|MẪU|Mau|MAU|mau|mẫu|Phụ lục|Phụ Lục|PHỤ LỤC|Phu luc|Phu Luc|PL\s?\d|Phiếu|PHIẾU|Tờ khai|TỜ KHAI|TK\s?\d|Ms\s?\d|Biểu mẫu|Đơn|Don|Form)/g;

/** Where a glued-on form file name starts inside `text` (which ends with its extension). */
export function formStart(text: string): number {
  const window = Math.max(0, text.length - 120);
  // Other forms of the same paper end with an extension too; the first one bounds the search.
  const before = text.slice(0, text.length - 4);
  const earlier = /\.(?:docx|doc|pdf|xlsx|xls|DOCX|DOC|PDF)(?![a-z])(?=\S)/g;
  let lastEnd = -1;
  for (let m = earlier.exec(before); m; m = earlier.exec(before)) lastEnd = m.index + m[0].length;
  if (lastEnd >= 0) return formStart(text.slice(0, lastEnd));
  const from = window;
  FORM_WORDS.lastIndex = from;
  for (let m = FORM_WORDS.exec(text); m; m = FORM_WORDS.exec(text)) {
    const prev = text.charAt(m.index - 1);
    // Glued on: no space between the name's last character and the file name.
    if (m.index > 0 && /[\p{L}\p{N}.;:)\]”"]/u.test(prev)) return m.index;
  }
  // No form word: the file name starts after the name's closing punctuation or a camel-case join.
  const tail = text.slice(from);
  let best = -1;
  const punct = /[.;:)”](?=\S)/g;
  for (let m = punct.exec(tail); m; m = punct.exec(tail)) {
    if (from + m.index + 1 < text.length - 8) best = from + m.index + 1;
  }
  if (best >= 0) return best;
  const camel = /[\p{Ll}](?=\p{Lu})/gu;
  for (let m = camel.exec(tail); m; m = camel.exec(tail)) best = from + m.index + 1;
  return best;
}

/** Splits "name + form file names" into the paper's name and its forms. */
export function splitForm(text: string): { name: string; form?: string } {
  if (!FORM_EXTENSION.test(text)) return { name: text };
  let at = formStart(text);
  if (at <= 0) return { name: text };
  // Numbered file names ("1.MuCT01….doc") lose their number to the name's last sentence.
  const numbered = /(?<=[.;:)\]])\d{1,2}\.$/.exec(text.slice(0, at));
  if (numbered) at = numbered.index;
  const name = text.slice(0, at).trim();
  const form = text.slice(at).replace(/\.(docx|doc|pdf|xlsx|xls|rar|zip|odt|DOCX|DOC|PDF)(?![a-z])(?=\S)/g, '.$1; ').trim();
  return name ? { name, form } : { name: text };
}

/** Strips list bullets the portal keeps at the start of a name ("- ", "+ ", "• "). */
function cleanName(text: string): string {
  return tidy(text.replace(/^[\s\-+•*–]+/, ''));
}

function headingOf(text: string): { kind: 'submit' | 'present'; case?: string } {
  let heading = tidy(text);
  let kind: 'submit' | 'present' = 'submit';
  const marker = /\*?\s*Giấy tờ phải (nộp|xuất trình)\s*:?/i.exec(heading);
  if (marker) {
    if (/xuất trình/i.test(marker[1]!)) kind = 'present';
    heading = tidy(`${heading.slice(0, marker.index)} ${heading.slice(marker.index + marker[0].length)}`);
  }
  heading = heading.replace(/^[\s\-*]+|[\s\-:]+$/g, '').trim();
  return heading && heading !== NO_INFO ? { kind, case: heading } : { kind };
}

/** Papers of one group's body, in published order; rows of rule text go to `ruleRows`. */
export function parsePaperList(body: string): { papers: Paper[]; rest: string; ruleRows: Paper[] } {
  const papers: Paper[] = [];
  const ruleRows: Paper[] = [];
  let from = 0;
  COUNT.lastIndex = 0;
  for (let m = COUNT.exec(body); m; m = COUNT.exec(body)) {
    const after = body.charAt(m.index + m[0].length);
    // "kèm 01 bản sao có chứng thực" inside a name: real counts are glued to what follows.
    if (after === ' ' && /^ [\p{Ll}]/u.test(body.slice(m.index + m[0].length, m.index + m[0].length + 2))) continue;
    // "…nhập khẩu: 01 bản chính;1 bản chính": the first count is the name's own text.
    if (/^[;.,:]?\s*\d{1,2} bản (?:chính|sao)(?:\s*,\s*\d{1,2} bản sao)?(?! \p{Ll})/u.test(body.slice(m.index + m[0].length))) continue;
    // A two-digit count after a digit is a name's last digit glued to a one-digit count ("ngày 25/6/20241 bản chính").
    let countAt = m.index;
    let first = m[1] ?? m[3]!;
    if (first.length === 2 && /\d/.test(body.charAt(m.index - 1))) {
      countAt += 1;
      first = first.slice(1);
    }
    const raw = body.slice(from, countAt);
    const { name, form } = splitForm(raw.trim());
    const cleaned = cleanName(name);
    from = m.index + m[0].length;
    if (!cleaned) continue;
    const originals = m[1] !== undefined ? Number(first) : 0;
    const copies = m[2] !== undefined ? Number(m[2]) : m[3] !== undefined ? Number(first) : 0;
    const formName = form ? formOf(cleaned, form) : undefined;
    const paper = { name: cleaned, originals, copies, ...(formName ? { form: formName } : {}) };
    (namesDocument(name) ? papers : ruleRows).push(paper);
  }
  return { papers, rest: body.slice(from), ruleRows };
}

export interface PaperTable {
  groups: PaperGroup[];
  /**
   * Rows the portal put in the table with counts that name no document: notes ("Lưu ý: …"), the
   * number of dossiers, rule text and officers' duties ("Người ủy quyền … chịu trách nhiệm …").
   */
  ruleRows: Paper[];
}

/** All groups; a group whose papers could not be read is dropped (the report counts it). */
export function parsePaperTable(text: string): PaperTable {
  const parts = text.split(TABLE_HEADER);
  if (parts.length === 1) {
    const { papers, ruleRows } = parsePaperList(text);
    return { groups: papers.length ? [{ kind: 'submit', papers }] : [], ruleRows };
  }
  const groups: PaperGroup[] = [];
  const ruleRows: Paper[] = [];
  let heading = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const { papers, rest, ruleRows: rules } = parsePaperList(parts[i]!);
    ruleRows.push(...rules);
    const isLast = i === parts.length - 1;
    // Text after a group's last count is the next group's heading (or, at the end, a paper without a count).
    const trailing = cleanName(rest);
    if (isLast && trailing && trailing !== NO_INFO) papers.push({ name: trailing, originals: 0, copies: 0 });
    if (papers.length) {
      const group: PaperGroup = { ...headingOf(heading), papers };
      const previous = groups[groups.length - 1];
      if (group.case !== undefined && describesItsPaper(group.case, papers)) {
        // "Phiếu được tạo lập khi trích xuất thông tin…" above the paper it describes is not a
        // case: its papers join the group before when that one holds everyone's papers.
        delete group.case;
        if (previous && previous.case === undefined && previous.kind === group.kind) previous.papers.push(...papers);
        else groups.push(group);
      } else groups.push(group);
    }
    heading = isLast ? '' : rest;
  }
  return { groups, ruleRows };
}

/**
 * A heading that only describes the paper below it ("Phiếu được tạo lập khi trích xuất…" above
 * "Phiếu thu nhận thông tin căn cước"): it starts with the first paper's noun and goes on
 * "được", "này", "là"; or, above a single paper, it is that paper's own name followed by
 * "Phiếu này là biểu mẫu điện tử…".
 */
function describesItsPaper(heading: string, papers: readonly Paper[]): boolean {
  const words = (text: string) =>
    text
      .normalize('NFC')
      .toLowerCase()
      .split(/\s+/)
      .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
      .filter(Boolean);
  const head = words(heading);
  const name = words(papers[0]!.name);
  if (head.length < 2 || name.length === 0) return false;
  if (head[0] === name[0] && /^(?:được|này|là)$/u.test(head[1]!)) return true;
  return papers.length === 1 && name.length >= 3 && name.every((w, i) => head[i] === w) && /(?:^| )này là(?: |$)/u.test(head.slice(name.length).join(' '));
}

/** The groups of `parsePaperTable`. */
export function parsePapers(text: string): PaperGroup[] {
  return parsePaperTable(text).groups;
}
