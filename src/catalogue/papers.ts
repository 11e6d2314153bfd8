// The papers a citizen brings for a procedure, read out of the portal's lists. Those lists mix
// real papers with notes for the officer ("Lưu ý", "Người tiếp nhận có trách nhiệm…"), lead-ins
// ("… các giấy tờ sau:") and conditions. Every channel and the printed listing show this one
// list, so a citizen sees the same papers wherever they ask: the declaration form first (with its
// form number), then the papers everyone brings, then the conditional ones; papers to submit
// before papers to show; and, where a procedure has several cases, the common case (the one
// with the declaration form and the most papers everyone brings) first.
import { formatPaperCount } from './format';
import type { Paper, PaperGroup } from './schema';

export interface CitizenPaper {
  /** The name as the catalogue gives it. */
  name: string;
  /** "1 bản chính, 1 bản sao"; empty when the catalogue gives no counts. */
  count: string;
  /** The form number of a declaration ("CT01", "01/ĐKTT"), when the catalogue gives one. */
  form?: string;
  /** The declaration form (tờ khai) the citizen fills in. */
  declaration: boolean;
  /** Needed only in some cases ("Trường hợp …", "Nếu …"). */
  conditional: boolean;
}

export interface CitizenPaperGroup {
  kind: PaperGroup['kind'];
  /** The case heading ("Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ"). */
  case?: string;
  papers: CitizenPaper[];
}

const NOTE_HEADING = /^(lưu ý|ghi chú|chú ý)(?=[\s:.]|$)/iu;
// \b is ASCII-only in JavaScript, so Vietnamese word ends are matched by lookahead.
// A paper needed only by some ("… đối với người chưa đủ 14 tuổi", "… (nếu có)") is conditional too.
const CONDITIONAL = /^(trường hợp|đối với|nếu)(?=[\s:,])|(?:trong|với) trường hợp(?=[\s:,])|đối với (?:người|trường hợp)(?=\s)|\(nếu có\)/iu;
// "Tờ khai …", also counted ("01 tờ khai đề nghị cấp hộ chiếu").
const DECLARATION = /^(?:0?\d{1,2}\s+)?(tờ khai|bản khai|phiếu khai|mẫu (?:hộ tịch|tờ khai))(?=[\s:,(]|$)/iu;
// "mẫu CT01", "Mẫu số 01/ĐKTT", "theo mẫu số TK1-TS", "Mẫu số 01/2025/LLTP".
const FORM_NUMBER = /\b(?:mẫu|mau)\s+(?:số\s+|so\s+)?([A-ZĐ]{0,5}[\s-]?\d{1,3}[a-z]?(?:[/-][A-ZĐ0-9]+)*)(?=[\s),;._]|$)/iu;
// A lead-in to the list ("… nộp các giấy tờ sau:"), an instruction to the officer, a note or
// the count of dossiers ("Số lượng hồ sơ: 01 bộ"), whatever counts the portal gave it.
const NOT_A_PAPER = /:\s*$|^(người tiếp nhận|cơ quan (?:đăng ký|tiếp nhận|giải quyết)|cán bộ)(?=\s)|^(lưu ý|ghi chú|chú ý)\s*[:.-]|^số lượng hồ sơ(?=[\s:])/iu;

// An enumeration label the portal puts before a case or a paper: "1.", "1.2.", "a)", "(iii)".
const LABEL = /^\(?(\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[ivx]{1,4})[.)](?=\s)\s*/iu;
const LETTERS = 'abcdđeghiklmnopqrstuvxy';
const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10 };

function romanValue(s: string): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!]!;
    const next = ROMAN[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** The label as sortable numbers ("1.2." → [1, 2], "b)" → [2], "(iv)" → [4]), or undefined. */
export function enumLabel(text: string): number[] | undefined {
  const found = LABEL.exec(text.trim());
  if (!found) return undefined;
  const label = found[1]!.toLowerCase();
  if (/^\d/.test(label)) return label.split('.').map(Number);
  // "(i)", "(v)" are roman; "i)", "v)" alone are letters of the a), b), c) kind.
  if (/^[ivx]+$/.test(label) && (text.trim().startsWith('(') || label.length > 1)) return [romanValue(label)];
  return [LETTERS.indexOf(label) + 1];
}

function compareLabels(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

const unlabelled = (text: string) => text.trim().replace(LABEL, '');

/** Items the portal numbered but listed out of order (1.1, 1.4, 1.2) back in their order; others keep their place. */
function inLabelOrder<T>(items: readonly T[], text: (item: T) => string): T[] {
  const labels = items.map((item) => enumLabel(text(item)));
  const slots = labels.flatMap((l, i) => (l ? [i] : []));
  const sorted = slots.map((i) => ({ item: items[i]!, label: labels[i]! })).sort((a, b) => compareLabels(a.label, b.label));
  const out = [...items];
  slots.forEach((slot, k) => {
    out[slot] = sorted[k]!.item;
  });
  return out;
}

function counted(paper: Paper): boolean {
  return paper.originals > 0 || paper.copies > 0;
}

/**
 * The form number a paper names ("CT01", "01/ĐK"), from its name or else from its attachment's
 * file name (`form`: "Mẫu DC02 Phiếu đề nghị….doc"); never the file name itself.
 */
export function formNumber(paper: Pick<Paper, 'name' | 'form'>): string | undefined {
  const found = FORM_NUMBER.exec(paper.name) ?? (paper.form ? FORM_NUMBER.exec(paper.form) : null);
  return found?.[1]?.replace(/\s+/g, '');
}

function toCitizen(paper: Paper): CitizenPaper {
  const name = paper.name.replace(/\s+/g, ' ').trim();
  const bare = unlabelled(name);
  const declaration = DECLARATION.test(bare);
  // Every form keeps its number when a long name is shortened ("Phiếu đề nghị … (mẫu DC02)").
  const form = formNumber(paper);
  return { name, count: formatPaperCount(paper), ...(form ? { form } : {}), declaration, conditional: !declaration && CONDITIONAL.test(bare) };
}

/** A case heading as compared with another: spacing and case set aside. */
const headingKey = (g: { case?: string }) => g.case?.replace(/\s+/g, ' ').trim().toLowerCase();

/** Shown over a group whose heading the portal already used for another group, which it quotes. */
export function repeatedHeading(heading: string): string {
  return `Trường hợp khác (Cổng DVC cũng ghi “${shorten(heading, 60)}”)`;
}

// Cases few citizens are in: acting for someone else, a conversion, the armed forces, a
// foreigner, a religious establishment, a boat, a list filed for many people, a collection
// agent. They follow the common case.
const RARE_CASE = /(ủy quyền|uỷ quyền|người đại diện|chuyển đổi|quân đội|công an nhân dân|đóng quân|nước ngoài|tín ngưỡng|tôn giáo|phương tiện|trợ giúp xã hội|doanh nghiệp xã hội|theo danh sách|đại lý)/iu;
const rare = (g: { case?: string }) => g.case !== undefined && RARE_CASE.test(g.case);
// A heading that only qualifies ("Trường hợp …", "Đối với …") follows one that names the
// procedure itself ("Tách hộ để đăng ký thường trú …").
const qualified = (g: { case?: string }) => g.case !== undefined && /^(trường hợp|đối với|nếu)(?=[\s:,])/iu.test(unlabelled(g.case));

// A paper the portal numbered ("1.2. Lao động nữ sinh con …") keeps its number's place even
// when it reads as a condition: the numbers are the order the law gives.
const paperRank = (p: CitizenPaper) => (p.declaration ? 0 : p.conditional && !enumLabel(p.name) ? 2 : 1);

/**
 * The papers to bring, grouped by kind and case, in the order a citizen should read them.
 * Notes, lead-ins and, where the catalogue counts papers, the uncounted lines are left out.
 */
export function citizenPapers(groups: readonly PaperGroup[]): CitizenPaperGroup[] {
  const relevant = groups.filter((g) => !(g.case && NOTE_HEADING.test(g.case.trim())));
  const anyCounted = relevant.some((g) => g.papers.some(counted));
  // Groups the importer split without a case heading read as one list, and so do two groups
  // one after the other under one heading (the portal split a case's papers). Two groups under
  // one heading with other cases between them stay apart: the portal sometimes files a rare
  // case's papers under the common case's heading (the importer's report flags it).
  const merged = new Map<string, CitizenPaperGroup & { at: number }>();
  let previous: { heading: string; key: string } | undefined;
  relevant.forEach((group, at) => {
    const heading = headingKey(group);
    const key = heading === undefined ? group.kind : previous?.heading === heading ? previous.key : `case ${at}`;
    previous = heading === undefined ? undefined : { heading, key };
    const keep = group.papers.filter((p) => (!anyCounted || counted(p)) && !NOT_A_PAPER.test(p.name.trim())).map(toCitizen);
    const entry = merged.get(key);
    if (entry) entry.papers.push(...keep);
    else merged.set(key, { kind: group.kind, ...(group.case ? { case: group.case } : {}), papers: keep, at });
  });
  const score = (g: CitizenPaperGroup) => (g.papers.some((p) => p.declaration) ? 100 : 0) + g.papers.filter((p) => !p.conditional).length;
  const kept = [...merged.values()].filter((g) => g.papers.length > 0);
  // Where the portal numbered its cases ("1. Người tham gia", "2. Đại lý thu"), case 1 is the
  // common one: the numbers order the cases, not their wording or size.
  const headed = kept.filter((g) => g.case !== undefined);
  const numbered = headed.length >= 2 && headed.filter((g) => enumLabel(g.case ?? '')).length * 2 >= headed.length;
  const byLabel = (a: CitizenPaperGroup, b: CitizenPaperGroup) => {
    const [la, lb] = [enumLabel(a.case ?? ''), enumLabel(b.case ?? '')];
    return la && lb ? compareLabels(la, lb) : Number(la === undefined) - Number(lb === undefined);
  };
  const byCommonness = (a: CitizenPaperGroup, b: CitizenPaperGroup) => (numbered ? byLabel(a, b) : Number(qualified(a)) - Number(qualified(b)) || score(b) - score(a));
  // A heading the portal repeats belongs to the group under it with the declaration (else the
  // first); the other is some case the portal misfiled (a houseboat's papers under "… chỗ ở hợp
  // pháp thuộc quyền sở hữu của mình"): it comes after the other cases and says what it is.
  const declares = (g: CitizenPaperGroup) => g.papers.some((p) => p.declaration);
  const owner = new Map<string, CitizenPaperGroup>();
  for (const g of kept) {
    const h = headingKey(g);
    const held = h === undefined ? undefined : owner.get(h);
    if (h !== undefined && (!held || (declares(g) && !declares(held)))) owner.set(h, g);
  }
  const misfiled = new Set(
    kept.filter((g) => {
      const h = headingKey(g);
      return h !== undefined && owner.get(h) !== g;
    }),
  );
  return kept
    .sort((a, b) => Number(a.kind === 'present') - Number(b.kind === 'present') || Number(a.case !== undefined) - Number(b.case !== undefined) || Number(misfiled.has(a)) - Number(misfiled.has(b)) || Number(rare(a)) - Number(rare(b)) || byCommonness(a, b) || a.at - b.at)
    .map((g) => {
      const { at: _at, ...group } = g;
      return misfiled.has(g) ? { ...group, case: repeatedHeading(group.case!) } : group;
    })
    .map((g) => ({
      ...g,
      papers: inLabelOrder(g.papers, (p) => p.name)
        .map((p, i) => ({ p, i }))
        .sort((x, y) => paperRank(x.p) - paperRank(y.p) || x.i - y.i)
        .map((x) => x.p),
    }));
}

/** How many papers a citizen brings, as `citizenPapers` lists them. */
export function citizenPaperCount(groups: readonly PaperGroup[]): number {
  return citizenPapers(groups).reduce((n, g) => n + g.papers.length, 0);
}

// Short form: for a posted sheet or a phone, each name cut to its first clause and at most a
// handful of papers, pointing to the QR code or the source page for the rest.

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

/** Collapses whitespace and cuts at a word boundary with an ellipsis. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/[;:,.]+$/, '');
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 2);
  const space = cut.lastIndexOf(' ');
  const kept = (space > max / 2 ? cut.slice(0, space) : cut).replace(/[;:,.\s]+$/, '');
  // A cut inside a parenthesis closes it, so the name does not read as running on.
  const open = (kept.match(/\(/g) ?? []).length > (kept.match(/\)/g) ?? []).length;
  return `${kept}…${open ? ')' : ''}`;
}

/**
 * Where a paper's first clause ends: the first full stop or semicolon after `from` characters
 * that closes a sentence, not one inside a parenthesis ("(… xuất xưởng; …)") nor a number's
 * or label's dot ("1.1.1. Bản sao Giấy ra viện").
 */
function clauseEnd(text: string, from: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if ((c === '.' || c === ';') && depth === 0 && i >= from && /\s|$/.test(text[i + 1] ?? '') && !(c === '.' && /\d/.test(text[i - 1] ?? ''))) return i;
  }
  return undefined;
}

/** A paper's name up to its first full stop or semicolon when that is enough to name it. */
export function shortPaperName(name: string, max = PAPER_NAME_MAX): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return shorten(clean, max);
  const end = clauseEnd(clean, 25);
  const clause = end === undefined ? undefined : clean.slice(0, end);
  if (clause && clause.length <= max) return shorten(clause, max);
  const paren = clean.indexOf(' (');
  if (paren >= 25 && paren <= max) return `${shorten(clean.slice(0, paren), max)}…`;
  return shorten(clean, max);
}

/** A short name that keeps a declaration's form number in view ("Tờ khai … (mẫu CT01)"). */
function shortName(p: CitizenPaper): string {
  if (!p.form) return shortPaperName(p.name);
  const suffix = ` (mẫu ${p.form})`;
  const short = shortPaperName(p.name, PAPER_NAME_MAX - suffix.length);
  return short.includes(p.form) ? short : `${short}${suffix}`;
}

function groupTitle(group: CitizenPaperGroup): string | undefined {
  const parts: string[] = [];
  if (group.kind === 'present') parts.push('Giấy tờ xuất trình');
  if (group.case) parts.push(shorten(group.case, PAPER_NAME_MAX));
  return parts.length > 0 ? parts.join(' – ') : undefined;
}

/** `citizenPapers` cut to `max` papers, each name short enough for a posted sheet or a phone. */
export function shortPapers(groups: readonly PaperGroup[], max = PAPERS_MAX): ShortPapers {
  let total = 0;
  let shownCount = 0;
  const out: ListingPaperGroup[] = [];
  for (const group of citizenPapers(groups)) {
    total += group.papers.length;
    const shown = group.papers.slice(0, max - shownCount).map((p) => ({ name: shortName(p), count: p.count }));
    shownCount += shown.length;
    if (shown.length === 0) continue;
    const title = groupTitle(group);
    out.push(title ? { title, papers: shown } : { papers: shown });
  }
  return { groups: out, more: total - shownCount };
}
