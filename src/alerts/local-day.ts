// Local dates in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving), as YYYY-MM-DD strings,
// so that "today", "due tomorrow" and the scan's day key never depend on the server's TZ.
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The local calendar day of an instant. */
export function localDay(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Local day number of an instant, without building strings (the scan does this a million times). */
export function localDayNumber(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** "24/11/2026": how dates are written on Vietnamese forms. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
