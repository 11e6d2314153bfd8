// Dossier statuses as one-stop systems send them, with what a citizen reads for each.
// "Overdue" is not a status: it is derived from the due date.
export const DOSSIER_STATUSES = ['received', 'processing', 'supplement_requested', 'paused', 'ready', 'returned', 'rejected', 'withdrawn'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const STATUS_LABELS: Record<DossierStatus, string> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang xử lý',
  supplement_requested: 'Cần bổ sung hồ sơ',
  paused: 'Tạm dừng xử lý',
  ready: 'Đã có kết quả, chờ trả',
  returned: 'Đã trả kết quả',
  rejected: 'Từ chối giải quyết',
  withdrawn: 'Đã rút hồ sơ',
};

/** What the citizen should expect or do next. */
export const NEXT_STEPS: Record<DossierStatus, string> = {
  received: 'Hồ sơ sẽ được chuyển cán bộ xử lý.',
  processing: 'Cán bộ đang giải quyết, bạn chờ đến ngày hẹn trả.',
  supplement_requested: 'Bạn cần nộp bổ sung giấy tờ theo phiếu yêu cầu (Mẫu 02). Thời hạn tính lại từ đầu khi hồ sơ đủ.',
  paused: 'Hồ sơ đang tạm dừng; cơ quan sẽ báo khi xử lý tiếp.',
  ready: 'Bạn mang phiếu hẹn đến bộ phận một cửa để nhận kết quả.',
  returned: 'Hồ sơ đã hoàn tất.',
  rejected: 'Xem lý do trong văn bản từ chối (Mẫu 03).',
  withdrawn: 'Hồ sơ đã kết thúc theo yêu cầu rút.',
};

/** Once here, the agency's work is done: the clock stops for good. */
const CLOSED: ReadonlySet<DossierStatus> = new Set(['ready', 'returned', 'rejected', 'withdrawn']);
/** The clock is stopped but will run again. */
const STOPPED: ReadonlySet<DossierStatus> = new Set(['supplement_requested', 'paused']);

export function isClosed(status: DossierStatus): boolean {
  return CLOSED.has(status);
}

export function isClockStopped(status: DossierStatus): boolean {
  return STOPPED.has(status);
}

export function isDossierStatus(value: string): value is DossierStatus {
  return (DOSSIER_STATUSES as readonly string[]).includes(value);
}
