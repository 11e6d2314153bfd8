// The parse-quality report of an import: how many records got each part, and which could not
// be parsed, grouped by reason.
import type { Procedure } from '../schema';
import type { Published } from './convert';
import { hasChrome } from './text';

export interface Failure {
  code: string;
  reason: string;
}

export interface ImportReport {
  records: number;
  written: number;
  duplicates: Array<{ code: string; kept: number; dropped: number[] }>;
  removed: number;
  counts: {
    channels: number;
    /** Of the records with channels: a time with a value, or the law's wording of one. */
    time: number;
    timeValue: number;
    /** Records whose table published a time (not only "Không có thông tin"), and a fee. */
    timePublished: number;
    feePublished: number;
    fee: number;
    papers: number;
    legalBasis: number;
    results: number;
    popularity: number;
    /** Records with page chrome left in any field (the importer's own check; should be 0). */
    chrome: number;
  };
  /** Records converted but missing a part or read with doubt, grouped by reason. */
  gaps: Map<string, string[]>;
  failures: Failure[];
}

export function emptyReport(records: number): ImportReport {
  return {
    records,
    written: 0,
    duplicates: [],
    removed: 0,
    counts: { channels: 0, time: 0, timeValue: 0, timePublished: 0, feePublished: 0, fee: 0, papers: 0, legalBasis: 0, results: 0, popularity: 0, chrome: 0 },
    gaps: new Map(),
    failures: [],
  };
}

/** Files `code` under `reason` in the report's list of records to check. */
export function gap(report: ImportReport, reason: string, code: string): void {
  const list = report.gaps.get(reason) ?? [];
  list.push(code);
  report.gaps.set(reason, list);
}

/** A case heading longer than 99% of the catalogue's is likely a paper or a note read as a heading. */
const MAX_CASE_HEADING = 600;
// A heading that opens like a paper ("Tờ khai …", "Đơn đề nghị …") was probably one.
const PAPER_START = /^(tờ khai|đơn|bản sao|bản chính|văn bản đề nghị)(?=[\s,:])/iu;

/**
 * Case headings to check by hand against the portal page. The same heading twice usually means
 * the portal filed a rarer case's papers under the common case's heading (đăng ký thường trú:
 * a houseboat's papers under "chỗ ở hợp pháp thuộc quyền sở hữu của mình"), which the chat
 * would otherwise show first.
 */
export function suspiciousCases(p: Pick<Procedure, 'papers'>): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const g of p.papers) {
    if (!g.case) continue;
    const key = `${g.kind}\u0000${g.case.trim().toLowerCase()}`;
    if (seen.has(key)) out.add('case heading repeated (check which papers belong to it)');
    seen.add(key);
    if (g.case.length > MAX_CASE_HEADING) out.add('case heading over 600 characters (a paper or note read as a heading?)');
    if (PAPER_START.test(g.case.trim())) out.add('case heading reads like a paper');
  }
  return [...out];
}

/** A fee amount under 1.000 đồng, read or left unknown ("1 Việt Nam Đồng"): no fee is that small. */
function tinyFee(f: Procedure['channels'][number]['fees'][number]): boolean {
  return f.amount !== null ? f.amount > 0 && f.amount < 1000 : /^\d{1,3} (?:VNĐ|Việt Nam Đồng|Đồng)/.test(f.text);
}

/** Counts one converted procedure into the report. */
export function countProcedure(report: ImportReport, p: Procedure, published: Published): void {
  const c = report.counts;
  if (p.channels.length > 0) {
    c.channels++;
    if (published.time) c.timePublished++;
    if (published.fee) c.feePublished++;
    if (p.channels.some((ch) => ch.time)) c.time++;
    else gap(report, published.time ? 'time published but not parsed' : 'every time cell says "Không có thông tin"', p.code);
    if (p.channels.some((ch) => ch.time?.value !== undefined)) c.timeValue++;
    if (p.channels.some((ch) => ch.fees.length > 0)) c.fee++;
    else gap(report, published.fee ? 'fee published but not parsed' : 'every fee cell says "Không có thông tin"', p.code);
    if (p.channels.some((ch) => ch.fees.some(tinyFee))) gap(report, 'fee under 1.000 đồng (check the portal page)', p.code);
  } else gap(report, 'no channel rows', p.code);
  if (p.papers.length > 0) c.papers++;
  else gap(report, 'no papers', p.code);
  for (const reason of suspiciousCases(p)) gap(report, reason, p.code);
  if (p.legalBasis.length > 0) c.legalBasis++;
  else gap(report, 'no legal basis', p.code);
  if (p.results.length > 0) c.results++;
  else gap(report, 'no result', p.code);
  if (p.popularity > 0) c.popularity++;
  if (hasChrome(JSON.stringify(p))) {
    c.chrome++;
    gap(report, 'page chrome left in a field', p.code);
  }
}

function pct(n: number, of: number): string {
  return of === 0 ? '–' : `${((100 * n) / of).toFixed(1)}%`;
}

const MAX_CODES = 40;

function mark(n: number, of: number, share: number): string {
  return of > 0 && n / of >= share ? 'met ' : 'MISS';
}

export function formatReport(r: ImportReport): string {
  const c = r.counts;
  const ok = r.written;
  const lines = [
    `records read:        ${r.records}`,
    `procedures written:  ${r.written}${r.removed ? ` (${r.removed} stale file(s) removed)` : ''}`,
    `duplicate codes:     ${r.duplicates.length}${r.duplicates.map((d) => ` ${d.code} (kept line ${d.kept}, dropped ${d.dropped.join(', ')})`).join(';')}`,
    `not converted:       ${r.failures.length}`,
    '',
    `channels:            ${c.channels} / ${ok} (${pct(c.channels, ok)})`,
    `  processing time:   ${c.time} / ${c.channels} with channels (${pct(c.time, c.channels)}); with a number: ${c.timeValue} (${pct(c.timeValue, c.channels)})`,
    `                     ${c.time} / ${c.timePublished} whose table publishes a time (${pct(c.time, c.timePublished)})`,
    `  fee:               ${c.fee} / ${c.channels} with channels (${pct(c.fee, c.channels)})`,
    `                     ${c.fee} / ${c.feePublished} whose table publishes a fee (${pct(c.fee, c.feePublished)})`,
    `at least one paper:  ${c.papers} / ${ok} (${pct(c.papers, ok)})`,
    `legal basis:         ${c.legalBasis} / ${ok} (${pct(c.legalBasis, ok)})`,
    `result:              ${c.results} / ${ok} (${pct(c.results, ok)})`,
    `usage count:         ${c.popularity} / ${ok} (${pct(c.popularity, ok)})`,
    `page chrome left:    ${c.chrome}`,
    '',
    'targets:',
    `  ${mark(c.time, c.channels, 0.97)} processing time for >= 97% of records with channels`,
    `  ${mark(c.fee, c.channels, 0.97)} fee for >= 97% of records with channels${c.fee < c.channels ? ` (${c.channels - c.feePublished} publish no fee at all)` : ''}`,
    `  ${mark(c.papers, ok, 0.95)} at least one paper for >= 95% of records`,
    `  ${c.chrome === 0 ? 'met ' : 'MISS'} no page chrome in any field`,
  ];
  if (r.failures.length) {
    lines.push('', 'could not convert:');
    for (const f of r.failures) lines.push(`  ${f.code}: ${f.reason}`);
  }
  if (r.gaps.size) {
    lines.push('', 'incomplete or doubtful records, by reason:');
    for (const [reason, codes] of [...r.gaps].sort((a, b) => b[1].length - a[1].length)) {
      const shown = codes.slice(0, MAX_CODES).join(' ');
      lines.push(`  ${reason} (${codes.length}): ${shown}${codes.length > MAX_CODES ? ` … and ${codes.length - MAX_CODES} more` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
