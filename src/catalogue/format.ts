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
