// Due dates for a procedure's channel, over the province's calendar and the desks' office hours
// (built once per pair).
import { isYearAnnounced } from '../catalogue/calendar-checks';
import type { CalendarData, ChannelKind, Procedure } from '../catalogue/schema';
import type { OfficeHours } from '../office-hours';
import { DossierInputError } from './errors';
import { appliesCutoff, CalendarYearMissingError, localDay, WorkingCalendar } from './working-days';

const built = new WeakMap<OfficeHours, WeakMap<CalendarData, WorkingCalendar>>();

export function workingCalendar(data: CalendarData, hours: OfficeHours): WorkingCalendar {
  let byData = built.get(hours);
  if (!byData) {
    byData = new WeakMap();
    built.set(hours, byData);
  }
  let calendar = byData.get(data);
  if (!calendar) {
    calendar = new WorkingCalendar(data, hours);
    byData.set(data, calendar);
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
    // A year whose holidays cannot be computed (far outside the lunar tables): refusing the
    // dossier would lose it; count Monday–Friday and let the caller warn.
    return calendar.toLenient().dueAt(startedAt, time, { cutoff: appliesCutoff(channel) });
  }
}

/**
 * Warnings for a due date counted over a year whose government notice calendar.yaml does not
 * record yet: the statutory holidays are counted, swapped days and make-up Saturdays are not.
 */
export function calendarWarnings(data: CalendarData, from: Date, to: Date): string[] {
  const missing: number[] = [];
  for (let year = localYear(from); year <= localYear(to); year += 1) {
    if (!isYearAnnounced(data, year)) missing.push(year);
  }
  return missing.map((year) => `calendar.yaml has no announcement for ${year} yet: dueAt counts the statutory holidays but no swapped days off or make-up Saturdays, and may move once ${year} is added`);
}

function localYear(instant: Date): number {
  return Number(localDay(instant).slice(0, 4));
}
