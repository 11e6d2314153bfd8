// Due dates for a procedure's channel, over the province's calendar (built once per calendar).
import type { CalendarData, ChannelKind, Procedure } from '../catalogue/schema';
import { DossierInputError } from './errors';
import { appliesCutoff, CalendarYearMissingError, localDay, WorkingCalendar } from './working-days';

const built = new WeakMap<CalendarData, WorkingCalendar>();

export function workingCalendar(data: CalendarData): WorkingCalendar {
  let calendar = built.get(data);
  if (!calendar) {
    calendar = new WorkingCalendar(data);
    built.set(data, calendar);
  }
  return calendar;
}

/** The due date of a dossier whose clock (re)started at `startedAt`. */
export function computeDueAt(calendar: WorkingCalendar, procedure: Procedure, channel: ChannelKind, startedAt: Date): Date {
  const time = procedure.channels.find((c) => c.kind === channel)?.time;
  if (!time || time.value === undefined || time.unit === undefined) {
    throw new DossierInputError('dueAt', `procedure ${procedure.code} gives no processing time in days for channel "${channel}"; send dueAt`);
  }
  try {
    return calendar.dueAt(startedAt, time, { cutoff: appliesCutoff(channel) });
  } catch (error) {
    if (!(error instanceof CalendarYearMissingError)) throw error;
    // Refusing the dossier would lose it; count Monday–Friday and let the caller warn
    // (see calendarWarnings) until the province adds the year to calendar.yaml.
    return calendar.toLenient().dueAt(startedAt, time, { cutoff: appliesCutoff(channel) });
  }
}

/** Warnings for a due date counted over a year that calendar.yaml does not cover yet. */
export function calendarWarnings(data: CalendarData, from: Date, to: Date): string[] {
  const missing: number[] = [];
  for (let year = localYear(from); year <= localYear(to); year += 1) {
    if (!data.years[String(year)]) missing.push(year);
  }
  return missing.map((year) => `calendar.yaml has no days off for ${year}: dueAt counts Monday–Friday only and may move once ${year} is added`);
}

function localYear(instant: Date): number {
  return Number(localDay(instant).slice(0, 4));
}
