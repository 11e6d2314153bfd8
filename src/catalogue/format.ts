// How procedure facts read in Vietnamese, the same on every channel and every listing:
// "50.000 đồng", "Miễn phí", "5 ngày làm việc", "1 bản chính, 1 bản sao".
import type { ChannelKind, Fee, Paper, ProcessingTime, SubmissionChannel } from './schema';

const thousands = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

export function formatAmount(amount: number): string {
  return `${thousands.format(amount)} đồng`;
}

// What an amount is per: "2,000 Việt Nam Đồng (/trang)", "40.000đ/giấy thông hành (…)".
const PER_UNIT = /^\s*\(\s*\/\s*([^()]{1,30}?)\s*\)/u;
const PER_AFTER_AMOUNT = /(?:đồng|đ|vnđ)\s*\/\s*([^\s/;,.()][^/;,.()]{0,30}?)\s*(?=[(;,.]|$)/iu;

/** "/trang", "/bản" when the fee's text says what its amount is per; empty otherwise. */
export function feeUnit(fee: Fee): string {
  const paren = fee.text.indexOf('(');
  const head = paren < 0 ? fee.text : fee.text.slice(0, paren);
  const unit = (paren < 0 ? undefined : PER_UNIT.exec(fee.text.slice(paren))?.[1]) ?? PER_AFTER_AMOUNT.exec(head)?.[1];
  return unit ? `/${unit.trim()}` : '';
}

/** "Miễn phí", "50.000 đồng", "2.000 đồng/trang", or the published text when no amount could be read. */
export function formatFee(fee: Fee): string {
  if (fee.amount === 0) return 'Miễn phí';
  if (fee.amount !== null) return `${formatAmount(fee.amount)}${feeUnit(fee)}`;
  return fee.text.replace(/\s*\(\s*\/\s*([^()]{1,30}?)\s*\)/u, '/$1');
}

export function formatFees(fees: readonly Fee[], at?: { now: Date; channel: ChannelKind }): string {
  if (fees.length === 0) return 'Không có thông tin';
  if (fees.every((f) => f.amount === 0)) return 'Miễn phí';
  return fees.map((f) => (at ? formatFeeAt(f, at.now, at.channel) : formatFee(f))).join('; ');
}

// "Kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 mức thu lệ phí … bằng 50% mức thu nêu trên":
// a reduced rate for a period, in the fee's own text.
const REDUCTION = /từ\s+ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(?:đến|tới)\s+(?:hết\s+)?ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4}),?([^.;()]*?)bằng\s+(\d{1,3})\s*%\s*mức\s+thu/giu;

/** A reduced rate the fee's text puts in force at `now` (Vietnam days), for that channel. */
function reductionAt(fee: Fee, now: Date, channel: ChannelKind): { percent: number; until: string } | undefined {
  if (!fee.amount) return undefined;
  const day = (d: string, m: string, y: string, next = 0) => Date.UTC(Number(y), Number(m) - 1, Number(d) + next) - 7 * 3_600_000;
  for (const m of fee.text.matchAll(REDUCTION)) {
    const [, d1, m1, y1, d2, m2, y2, scope, percent] = m as unknown as string[];
    // A reduction for online submission ("theo hình thức trực tuyến") is not the counter's.
    if (/trực\s+tuy/iu.test(scope!) && channel !== 'online') continue;
    if (now.getTime() < day(d1!, m1!, y1!) || now.getTime() >= day(d2!, m2!, y2!, 1)) continue;
    const p = Number(percent);
    if (p > 0 && p < 100) return { percent: p, until: `${d2!.padStart(2, '0')}/${m2!.padStart(2, '0')}/${y2}` };
  }
  return undefined;
}

/** The amount in force at `now`: "25.000 đồng đến hết 31/12/2026 (50% mức 50.000 đồng)". */
function formatFeeAt(fee: Fee, now: Date, channel: ChannelKind): string {
  const cut = reductionAt(fee, now, channel);
  if (!cut || !fee.amount) return formatFee(fee);
  const unit = feeUnit(fee);
  return `${formatAmount(Math.round((fee.amount * cut.percent) / 100))}${unit} đến hết ${cut.until} (${cut.percent}% mức ${formatAmount(fee.amount)}${unit})`;
}

// "áp dụng đến hết ngày 31/12/2024": the last day a fee applies (a circular's own date is not one).
const FEE_UNTIL = /(?:đến|tới)\s+(?:hết\s+)?ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})/giu;

/**
 * The last "applies until" day the fees quote, as dd/mm/yyyy, when it is already over at `now`
 * (Vietnam time). A fee that quotes a later day still ahead ("50% đến hết 31/12/2025 … đến hết
 * 31/12/2026") is current; undefined then, and when no such day is quoted.
 */
export function feeValidUntilPassed(fees: readonly Fee[], now: Date): string | undefined {
  let last: { at: number; text: string } | undefined;
  for (const f of fees) {
    for (const m of f.text.matchAll(FEE_UNTIL)) {
      const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
      // The end of that day in Vietnam (UTC+7).
      const end = Date.UTC(y, mo - 1, d + 1) - 7 * 3_600_000;
      if (!last || end > last.at) last = { at: end, text: `${String(d).padStart(2, '0')}/${String(mo).padStart(2, '0')}/${y}` };
    }
  }
  return last && last.at <= now.getTime() ? last.text : undefined;
}

const MONEY = /\d[\d.,]*\s*(?:đồng|USD|%)/iu;
const FEE_NOTE_MAX = 260;

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[;:,.\s]+$/, '')}…`;
}

/**
 * What the fee texts and the channel notes add to the amounts: the rates per page, who sets
 * the fee ("do Hội đồng nhân dân tỉnh quyết định"), a reduction still in force. Parts quoting
 * only days already past are left out; each note once, at most `max`.
 */
export function feeNotes(channels: readonly SubmissionChannel[], now: Date, max = 2): string[] {
  const found: string[] = [];
  const add = (text: string, shown: readonly string[]) => {
    let raw = text.trim();
    while (raw.startsWith('(') && raw.endsWith(')')) raw = raw.slice(1, -1).trim();
    const parts = raw
      .replace(/^[-+\s]*tại\s+[^:;.]{3,120}:\s*/iu, '')
      .split(/(?:^|\s)-\s+|;\s+|\n+/u)
      .map((x) => x.replace(/\s+/g, ' ').replace(/^[-+\s]+|[\s.;]+$/g, '').trim())
      .filter((x) => x.length > 0 && !restates(x, shown) && !feeValidUntilPassed([{ amount: null, text: x }], now));
    const joined = parts.join('; ');
    const note = cut(joined.charAt(0).toUpperCase() + joined.slice(1), FEE_NOTE_MAX);
    if (note && !found.includes(note)) found.push(note);
  };
  for (const c of channels) {
    const shown = c.fees.flatMap((f) => [formatFee(f), ...(f.amount ? [formatAmount(f.amount)] : [])]);
    for (const f of c.fees) {
      const paren = f.text.indexOf('(');
      if (paren < 0 || PER_UNIT.test(f.text.slice(paren))) continue;
      add(f.text.slice(paren + 1).replace(/\)\s*$/, ''), shown);
    }
    if (c.note && MONEY.test(c.note)) add(c.note, shown);
  }
  return found.slice(0, max);
}

/** A part that only says the amount already shown ("Cấp đổi thẻ …: 50.000 đồng/thẻ"). */
function restates(part: string, shown: readonly string[]): boolean {
  return shown.some((amount) => {
    const at = part.indexOf(amount);
    return at >= 0 && /^(?:\/[^;.]*)?$/u.test(part.slice(at + amount.length).trim());
  });
}

const UNIT_LABELS = { working_days: 'ngày làm việc', days: 'ngày', hours: 'giờ', months: 'tháng' } as const;

export function formatTime(time: ProcessingTime | undefined): string {
  if (!time) return 'Không có thông tin';
  if (time.value !== undefined && time.unit) return `${thousands.format(time.value)} ${UNIT_LABELS[time.unit]}`;
  return time.text;
}

export const CHANNEL_LABELS: Record<ChannelKind, string> = {
  direct: 'Trực tiếp',
  postal: 'Qua bưu chính',
  online: 'Trực tuyến',
};

/** "1 bản chính, 1 bản sao"; empty when the catalogue gives no counts. */
export function formatPaperCount(paper: Paper): string {
  const parts: string[] = [];
  if (paper.originals > 0) parts.push(`${paper.originals} bản chính`);
  if (paper.copies > 0) parts.push(`${paper.copies} bản sao`);
  return parts.join(', ');
}
