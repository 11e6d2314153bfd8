// The papers of one procedure in short form. The portal's paper lists mix real papers with
// notes for the officer ("Lưu ý", "Người tiếp nhận có trách nhiệm…") and conditions; a posted
// listing keeps what a citizen brings: papers with counts, main papers before conditional
// ones, each cut to its first clause, and at most a handful, pointing to the QR code for the rest.
import { formatPaperCount } from '../catalogue/format';
import type { Paper, PaperGroup } from '../catalogue/schema';

export interface ListingPaper {
  name: string;
  /** "1 bản chính, 1 bản sao"; empty when the catalogue gives no counts. */
  count: string;
}

export interface ListingPaperGroup {
  /** "Trường hợp …", "Giấy tờ xuất trình", or undefined for the plain list to submit. */
  title?: string;
  papers: ListingPaper[];
}

export interface ShortPapers {
  groups: ListingPaperGroup[];
  /** Papers left out to keep the entry short; the full list is one scan away. */
  more: number;
}

export const PAPER_NAME_MAX = 110;
export const PAPERS_MAX = 8;

const NOTE_HEADING = /^(lưu ý|ghi chú|chú ý)(?=[\s:.]|$)/i;
// \b is ASCII-only in JavaScript, so Vietnamese word ends are matched by lookahead.
const CONDITIONAL = /^(trường hợp|đối với|nếu)(?=[\s:,])|\btrong trường hợp(?=[\s:,])/i;

/** Collapses whitespace and cuts at a word boundary with an ellipsis. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/[;:,.]+$/, '');
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[;:,.\s]+$/, '')}…`;
}

/** A paper's name up to its first full stop or semicolon when that is enough to name it. */
export function shortPaperName(name: string, max = PAPER_NAME_MAX): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return shorten(clean, max);
  const clause = /^(.{25,}?)[.;](\s|$)/.exec(clean)?.[1];
  if (clause && clause.length <= max) return shorten(clause, max);
  const paren = clean.indexOf(' (');
  if (paren >= 25 && paren <= max) return `${shorten(clean.slice(0, paren), max)}…`;
  return shorten(clean, max);
}

function counted(paper: Paper): boolean {
  return paper.originals > 0 || paper.copies > 0;
}

function groupTitle(group: PaperGroup): string | undefined {
  const parts: string[] = [];
  if (group.kind === 'present') parts.push('Giấy tờ xuất trình');
  if (group.case) parts.push(shorten(group.case, PAPER_NAME_MAX));
  return parts.length > 0 ? parts.join(' – ') : undefined;
}

export function shortPapers(groups: readonly PaperGroup[], max = PAPERS_MAX): ShortPapers {
  const relevant = groups.filter((g) => !(g.case && NOTE_HEADING.test(g.case.trim())));
  const anyCounted = relevant.some((g) => g.papers.some(counted));
  // Groups the importer split without a case heading read as one list; papers to submit come first.
  const merged = new Map<string, { group: PaperGroup; papers: Paper[] }>();
  for (const group of [...relevant].sort((a, b) => Number(a.kind === 'present') - Number(b.kind === 'present'))) {
    const key = `${group.kind}\u0000${group.case ?? ''}`;
    const keep = group.papers.filter((p) => !anyCounted || counted(p));
    const entry = merged.get(key);
    if (entry) entry.papers.push(...keep);
    else merged.set(key, { group, papers: keep });
  }
  let total = 0;
  let shownCount = 0;
  const out: ListingPaperGroup[] = [];
  for (const { group, papers } of merged.values()) {
    total += papers.length;
    const ordered = [...papers].sort((a, b) => Number(CONDITIONAL.test(a.name.trim())) - Number(CONDITIONAL.test(b.name.trim())));
    const shown = ordered.slice(0, max - shownCount).map((p) => ({ name: shortPaperName(p.name), count: formatPaperCount(p) }));
    shownCount += shown.length;
    if (shown.length === 0) continue;
    const title = groupTitle(group);
    out.push(title ? { title, papers: shown } : { papers: shown });
  }
  return { groups: out, more: total - shownCount };
}
