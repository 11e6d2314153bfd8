// The one-stop desks' office hours in Vietnam time (OFFICE_HOURS): the periods of a working day
// in which a processing time in hours is counted, and whose last closing is the due hour of a
// deadline in days. A province sets them; nothing else may assume 07:30 or 17:00.
import { formatDay, localDay, localTimeOfDay, type LocalDay } from './local-time';

/** One office period, in minutes since local midnight: open ≤ t < close. */
export interface OfficePeriod {
  readonly open: number;
  readonly close: number;
}

/** A working day's office periods, in order, not overlapping. */
export interface OfficeHours {
  readonly periods: readonly OfficePeriod[];
}

export const DEFAULT_OFFICE_HOURS_TEXT = '07:30-11:30,13:30-17:00';

export class OfficeHoursError extends Error {
  override readonly name = 'OfficeHoursError';
}

const PERIOD = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;

function minutes(hours: string, mins: string): number | undefined {
  const h = Number(hours);
  const m = Number(mins);
  return h > 24 || m > 59 || (h === 24 && m > 0) ? undefined : h * 60 + m;
}

/**
 * "07:30-11:30,13:30-17:00": comma-separated periods HH:MM-HH:MM, in order, each closing after it
 * opens and no later than 23:59, the next opening no earlier than the last closing. The message
 * states the rule, never the value (config errors do not echo values).
 */
export function parseOfficeHours(text: string): OfficeHours {
  const periods: OfficePeriod[] = [];
  for (const part of text.split(',')) {
    const match = PERIOD.exec(part.trim());
    const open = match ? minutes(match[1]!, match[2]!) : undefined;
    const close = match ? minutes(match[3]!, match[4]!) : undefined;
    if (open === undefined || close === undefined) {
      throw new OfficeHoursError(`office hours: period ${periods.length + 1} is not HH:MM-HH:MM (e.g. "${DEFAULT_OFFICE_HOURS_TEXT}")`);
    }
    if (close <= open) throw new OfficeHoursError(`office hours: period ${periods.length + 1} closes before it opens`);
    // A deadline due at the closing would be the next day's 00:00, and read as the next day.
    if (close >= 24 * 60) throw new OfficeHoursError(`office hours: period ${periods.length + 1} closes after 23:59; a deadline due at 24:00 would read as the next day, so write 23:59`);
    const last = periods[periods.length - 1];
    if (last && open < last.close) throw new OfficeHoursError(`office hours: period ${periods.length + 1} opens before period ${periods.length} closes; list the periods in order`);
    periods.push({ open, close });
  }
  return { periods };
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = parseOfficeHours(DEFAULT_OFFICE_HOURS_TEXT);

/** The first opening of a working day, in minutes since local midnight. */
export function openingMinutes(hours: OfficeHours): number {
  return hours.periods[0]!.open;
}

/** The last closing of a working day: when a deadline in days falls due. */
export function closingMinutes(hours: OfficeHours): number {
  return hours.periods[hours.periods.length - 1]!.close;
}

/** Office minutes in one working day (7 h 30 by default: the lunch break does not count). */
export function officeMinutesPerDay(hours: OfficeHours): number {
  return hours.periods.reduce((sum, p) => sum + p.close - p.open, 0);
}

/**
 * Whether an instant falls in the office day, from the first opening up to (not at) the last
 * closing: a due instant there came from a count in hours (or part of a day), and its hour matters.
 * One at the closing, or outside office hours, is a deadline by the day.
 */
export function withinOfficeDay(hours: OfficeHours, instant: Date | number): boolean {
  const t = localTimeOfDay(instant);
  return t >= openingMinutes(hours) * 60_000 && t < closingMinutes(hours) * 60_000;
}

/** "10:00" when `dueAt` falls due during the office day; undefined for a deadline by the day. */
export function dueClock(hours: OfficeHours, dueAt: Date | number): string | undefined {
  return withinOfficeDay(hours, dueAt) ? formatClock(Math.floor(localTimeOfDay(dueAt) / 60_000)) : undefined;
}

/** "02/03/2026" for a deadline by the day, "10:00 ngày 02/03/2026" with the hour it falls due. */
export function dueWording(day: LocalDay, clock: string | undefined): string {
  return clock === undefined ? formatDay(day) : `${clock} ngày ${formatDay(day)}`;
}

/** A due date as a citizen reads it (see dueWording). */
export function formatDue(hours: OfficeHours, dueAt: Date | number): string {
  return dueWording(localDay(dueAt), dueClock(hours, dueAt));
}

/** "07:30" for 450 minutes. */
export function formatClock(minutesOfDay: number): string {
  return `${String(Math.floor(minutesOfDay / 60)).padStart(2, '0')}:${String(minutesOfDay % 60).padStart(2, '0')}`;
}
