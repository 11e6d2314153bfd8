// The morning messages: one per official. Counts first, then the most urgent items with
// their codes, then how to see the rest — short enough to read on a phone.
import { reply, type Block, type Reply } from '../conversation/message';
import { formatDay } from '../local-time';
import { dueWording } from '../office-hours';

/** An open dossier as the digest shows it. */
export interface DigestItem {
  code: string;
  procedureCode: string;
  officialId: string | null;
  dueDay: string;
  /** "10:00" for a dossier due during the office day (a time in hours); absent for one due by the day. */
  dueTime?: string;
  /** Working days past the due date; 0 when not overdue. */
  lateDays: number;
  overdue: boolean;
  /** Working days until the due day (0 = due today); only for dossiers not yet overdue. */
  daysLeft: number;
  extended: boolean;
}

/** How many items a digest lists by code; the rest are counted. */
export const MAX_LISTED = 10;
export const SEE_THE_REST = 'Xem đủ danh sách trên hệ thống một cửa điện tử của đơn vị.';

function lateLine(item: DigestItem, owner?: string): string {
  const who = owner === undefined ? '' : ` — ${owner}`;
  const late = item.lateDays === 0 ? 'quá hạn từ hôm nay' : `trễ ${item.lateDays} ngày làm việc`;
  return `${item.code}: ${late} (hạn ${dueWording(item.dueDay, item.dueTime)})${item.extended ? ', đã hẹn lại' : ''}${who}`;
}

function dueLine(item: DigestItem): string {
  const today = item.dueTime ? `hạn ${item.dueTime} hôm nay` : 'hạn hôm nay';
  const when = item.daysLeft === 0 ? today : `hạn ${dueWording(item.dueDay, item.dueTime)}, còn ${item.daysLeft} ngày làm việc`;
  return `${item.code}: ${when}`;
}

function rest(shown: number, total: number): Block[] {
  return total > shown ? [{ type: 'text', text: `Còn ${total - shown} hồ sơ khác. ${SEE_THE_REST}` }] : [];
}

export function mostLateFirst(a: DigestItem, b: DigestItem): number {
  return b.lateDays - a.lateDays || a.dueDay.localeCompare(b.dueDay) || a.code.localeCompare(b.code);
}

export function soonestFirst(a: DigestItem, b: DigestItem): number {
  return a.daysLeft - b.daysLeft || a.code.localeCompare(b.code);
}

/** An officer's digest: their overdue dossiers and those due within the configured days. */
export function officerDigest(day: string, overdue: DigestItem[], nearDue: DigestItem[], apologies: number): Reply {
  const blocks: Block[] = [
    { type: 'heading', text: `Hồ sơ cần xử lý — ${formatDay(day)}` },
    { type: 'text', text: `Quá hạn: ${overdue.length}. Sắp đến hạn: ${nearDue.length}.` },
  ];
  const lateShown = overdue.slice().sort(mostLateFirst).slice(0, MAX_LISTED);
  const dueShown = nearDue.slice().sort(soonestFirst).slice(0, MAX_LISTED - lateShown.length);
  if (lateShown.length) blocks.push({ type: 'text', text: 'Quá hạn:' }, { type: 'list', items: lateShown.map((i) => lateLine(i)) });
  if (dueShown.length) blocks.push({ type: 'text', text: 'Sắp đến hạn:' }, { type: 'list', items: dueShown.map(dueLine) });
  blocks.push(...rest(lateShown.length + dueShown.length, overdue.length + nearDue.length));
  if (apologies > 0) blocks.push({ type: 'text', text: `Mẫu 04 (phiếu xin lỗi, hẹn lại ngày trả) soạn sẵn cho ${apologies} hồ sơ: xem các tin ngay sau.` });
  return reply(blocks);
}

/** A unit head's digest: the unit's overdue dossiers, escalating those late beyond the threshold. */
export function headDigest(day: string, unit: string, overdue: DigestItem[], escalateDays: number, ownerName: (id: string | null) => string): Reply {
  const escalated = overdue.filter((i) => i.lateDays > escalateDays).sort(mostLateFirst);
  const others = overdue.filter((i) => i.lateDays <= escalateDays).sort(mostLateFirst);
  const blocks: Block[] = [
    { type: 'heading', text: `${unit}: hồ sơ quá hạn — ${formatDay(day)}` },
    { type: 'text', text: `Quá hạn: ${overdue.length}. Trễ trên ${escalateDays} ngày làm việc: ${escalated.length}.` },
  ];
  const escShown = escalated.slice(0, MAX_LISTED);
  const otherShown = others.slice(0, MAX_LISTED - escShown.length);
  if (escShown.length) blocks.push({ type: 'text', text: `Cần chỉ đạo xử lý ngay (trễ trên ${escalateDays} ngày):` }, { type: 'list', items: escShown.map((i) => lateLine(i, ownerName(i.officialId))) });
  if (otherShown.length) blocks.push({ type: 'text', text: 'Quá hạn khác:' }, { type: 'list', items: otherShown.map((i) => lateLine(i, ownerName(i.officialId))) });
  blocks.push(...rest(escShown.length + otherShown.length, overdue.length));
  return reply(blocks);
}
