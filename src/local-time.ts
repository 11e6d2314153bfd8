// Local dates in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving), as YYYY-MM-DD strings
// and day numbers, so deadlines, "today" and scan keys never depend on the server's TZ.
export const DAY_MS = 86_400_000;
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** A local calendar day, "YYYY-MM-DD". */
export type LocalDay = string;

/** The local calendar day of an instant. */
export function localDay(at: Date | number): LocalDay {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (a Thursday). */
export function dayNumber(day: LocalDay): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

export function dayFromNumber(n: number): LocalDay {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Local day number of an instant, without building strings (the scan does this a million times). */
export function localDayNumber(ms: number): number {
  return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** Milliseconds since local midnight of an instant. */
export function localTimeOfDay(instant: Date | number): number {
  const ms = (typeof instant === 'number' ? instant : instant.getTime()) + VIETNAM_OFFSET_MS;
  return ((ms % DAY_MS) + DAY_MS) % DAY_MS;
}

/** The instant `hour`:`minute` local on `day`. */
export function localInstant(day: LocalDay, hour = 0, minute = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS + (hour * 60 + minute) * 60_000);
}

/** "24/11/2026": how dates are written on Vietnamese forms. */
export function formatDay(day: LocalDay): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** "20/11/2026" for an instant, in Vietnam time. */
export function formatLocalDate(instant: Date): string {
  return formatDay(localDay(instant));
}

/** "24/11/2026 08:05" for an instant, in Vietnam time. */
export function formatLocalDateTime(instant: Date | number): string {
  const local = new Date((typeof instant === 'number' ? instant : instant.getTime()) + VIETNAM_OFFSET_MS).toISOString();
  return `${formatDay(local.slice(0, 10))} ${local.slice(11, 16)}`;
}
