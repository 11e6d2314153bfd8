// How procedure facts read in Vietnamese, the same on every channel and every listing:
// "50.000 đồng", "Miễn phí", "5 ngày làm việc", "1 bản chính, 1 bản sao".
import type { ChannelKind, Fee, Paper, ProcessingTime } from './schema';

const thousands = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

export function formatAmount(amount: number): string {
  return `${thousands.format(amount)} đồng`;
}

/** "Miễn phí", "50.000 đồng", or the published text when no amount could be read. */
export function formatFee(fee: Fee): string {
  if (fee.amount === 0) return 'Miễn phí';
  if (fee.amount !== null) return formatAmount(fee.amount);
  return fee.text;
}

export function formatFees(fees: readonly Fee[]): string {
  if (fees.length === 0) return 'Không có thông tin';
  if (fees.every((f) => f.amount === 0)) return 'Miễn phí';
  return fees.map(formatFee).join('; ');
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
