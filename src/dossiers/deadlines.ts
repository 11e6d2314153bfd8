// Due dates for a procedure's channel, over the province's calendar (built once per calendar).
import type { CalendarData, ChannelKind, Procedure } from '../catalogue/schema';
import { DossierInputError } from './errors';
import { appliesCutoff, CalendarYearMissingError, WorkingCalendar } from './working-days';

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
    if (error instanceof CalendarYearMissingError) throw new DossierInputError('dueAt', `${error.message}; or send dueAt`);
    throw error;
  }
}
