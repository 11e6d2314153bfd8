// Checks on calendar.yaml that the schema cannot express: real dates, in the right year,
// ranges in order, make-up days on weekends; and a warning for a year nobody has filled in.
import type { CatalogueProblem } from './problems';
import { formatField } from './problems';
import { calendarEntrySchema, type CalendarData, type CalendarEntry } from './schema';
import type { LineMap } from './yaml-lines';
import { HolidayYearError, statutoryDayNumbers } from '../holidays';

const DAY_MS = 86_400_000;
/** Vietnam keeps UTC+7 all year. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

function parseDay(text: string): Date | undefined {
  const day = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text ? undefined : day;
}

function entryDays(entry: CalendarEntry): { from?: string; to?: string } {
  return entry.date !== undefined ? { from: entry.date, to: entry.date } : { from: entry.from, to: entry.to };
}

function entriesOf(raw: unknown): { year: string; list: 'daysOff' | 'workingDays'; index: number; entry: CalendarEntry }[] {
  const found: ReturnType<typeof entriesOf> = [];
  const years = (raw as { years?: unknown } | null)?.years;
  if (typeof years !== 'object' || years === null) return found;
  for (const [year, data] of Object.entries(years)) {
    for (const list of ['daysOff', 'workingDays'] as const) {
      const items = (data as Record<string, unknown> | null)?.[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item, index) => {
        const entry = calendarEntrySchema.safeParse(item);
        if (entry.success) found.push({ year, list, index, entry: entry.data });
      });
    }
  }
  return found;
}

/** What is wrong with one well-formed entry, and under which key, if anything. */
function entryProblem(entry: CalendarEntry, year: string, list: 'daysOff' | 'workingDays'): [string, string] | undefined {
  const span = entryDays(entry);
  const key = entry.date !== undefined ? 'date' : 'from';
  const from = span.from ? parseDay(span.from) : undefined;
  const to = span.to ? parseDay(span.to) : undefined;
  if (!from) return [key, `${span.from} is not a real date`];
  if (!to) return ['to', `${span.to} is not a real date`];
  if (to < from) return ['to', `ends (${span.to}) before it starts (${span.from})`];
  if (String(from.getUTCFullYear()) !== year && String(to.getUTCFullYear()) !== year) return [key, `${span.from} is not in ${year}`];
  if ((to.getTime() - from.getTime()) / DAY_MS > 31) return ['to', 'a range longer than a month is surely a typo'];
  if (list === 'workingDays') {
    for (let t = from.getTime(); t <= to.getTime(); t += DAY_MS) {
      const weekday = new Date(t).getUTCDay();
      // A weekday only when the notice gives back a computed statutory day (e.g. another Tết split).
      if (weekday !== 0 && weekday !== 6 && !isStatutoryDayOff(t)) {
        return [key, `${new Date(t).toISOString().slice(0, 10)} is a weekday and no statutory holiday; make-up working days are Saturdays or Sundays`];
      }
    }
  }
  return undefined;
}

function isStatutoryDayOff(t: number): boolean {
  try {
    return statutoryDayNumbers(new Date(t).getUTCFullYear()).has(Math.round(t / DAY_MS));
  } catch (error) {
    if (error instanceof HolidayYearError) return false;
    throw error;
  }
}

/**
 * Errors for impossible entries, from the raw parsed file so they are reported alongside any
 * schema errors (each entry that fits the schema is checked). `lines` is built only if needed.
 */
export function checkCalendar(raw: unknown, file: string, lines: () => LineMap): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  for (const { year, list, index, entry } of entriesOf(raw)) {
    const found = entryProblem(entry, year, list);
    if (!found) continue;
    const at = ['years', year, list, index, found[0]];
    problems.push({ file, line: lines().nearest(at), field: formatField(at), message: found[1] });
  }
  return problems;
}

/** The year in Vietnam at `now`. */
export function vietnamYear(now: Date): number {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).getUTCFullYear();
}

/** Whether calendar.yaml records the government's notice for `year` (at least one entry). */
export function isYearAnnounced(calendar: CalendarData, year: number): boolean {
  const data = calendar.years[String(year)];
  return data !== undefined && data.daysOff.length + data.workingDays.length > 0;
}

/** The month (1–12) in Vietnam at `now`. */
function vietnamMonth(now: Date): number {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).getUTCMonth() + 1;
}

/**
 * Years whose notice should be recorded by `now` and is not: this year, and from October on
 * (when the government usually announces it) next year too.
 */
export function missingAnnouncements(calendar: CalendarData, now: Date): number[] {
  const thisYear = vietnamYear(now);
  const due = vietnamMonth(now) >= 10 ? [thisYear, thisYear + 1] : [thisYear];
  return due.filter((year) => !isYearAnnounced(calendar, year));
}

/** The warning for a year whose notice is missing, as the server logs it and validate prints it. */
export function missingAnnouncementMessage(year: number): string {
  return `the government's notice for ${year} is not recorded: deadlines in ${year} count the statutory holidays but no swapped days off or make-up Saturdays`;
}

/**
 * The statutory holidays are computed; the yearly swaps and make-up days are not. A warning,
 * because next year's notice is often decided late.
 */
export function calendarYearWarnings(calendar: CalendarData, file: string, now: Date, lines: () => LineMap): CatalogueProblem[] {
  return missingAnnouncements(calendar, now).map((year) => {
    const at = calendar.years[String(year)] ? ['years', String(year)] : ['years'];
    return { file, line: lines().nearest(at), field: formatField(['years', String(year)]), message: missingAnnouncementMessage(year) };
  });
}
