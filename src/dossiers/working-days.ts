// The working-day engine: which local days count, due dates, pauses and lateness, always in
// Vietnam time (UTC+7 all year, no DST) whatever the server's TZ. Pure: data in, dates out.
// A day is off when calendar.yaml's yearly notice says so, or when it is a weekend or a statutory
// holiday (computed in holidays.ts) that the notice does not turn into a working day. The alert
// scan counts lateness for many dossiers at once with WorkingDayIndex, over the same days.
// Times in hours (and parts of a day) are counted in office time (OFFICE_HOURS) on working days.
import type { CalendarData, CalendarEntry, ProcessingTime } from '../catalogue/schema';
import { HolidayYearError, statutoryDayNumbers } from '../holidays';
import { DAY_MS, VIETNAM_OFFSET_MS, dayFromNumber as dayOf, dayNumber, localDay, localDayNumber, localInstant, localTimeOfDay, type LocalDay } from '../local-time';
import { closingMinutes, DEFAULT_OFFICE_HOURS, officeMinutesPerDay, openingMinutes, withinOfficeDay, type OfficeHours } from '../office-hours';

export { formatLocalDate, localDay, localInstant, type LocalDay } from '../local-time';
/** Nobody counts deadlines further than this; a bigger count is a data error. */
const MAX_WORKING_DAYS = 1000;
const MINUTE_MS = 60_000;

/** A day is consulted in a year whose holidays cannot be computed: counting it would be a guess. */
export class CalendarYearMissingError extends Error {
  override readonly name = 'CalendarYearMissingError';
  constructor(readonly year: number, reason?: string) {
    super(`working-days: no holidays known for ${year}${reason ? ` (${reason})` : ''}`);
  }
}

export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}


/** Minutes since local midnight. */
function localMinutes(instant: Date): number {
  const shifted = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

function addDays(day: LocalDay, days: number): LocalDay {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}


function expand(entries: readonly CalendarEntry[], into: Set<LocalDay>): void {
  for (const entry of entries) {
    const from = entry.date ?? entry.from;
    const to = entry.date ?? entry.to;
    if (!from || !to) continue;
    for (let day = from; day <= to; day = addDays(day, 1)) into.add(day);
  }
}

export interface StartOptions {
  /** Apply the afternoon cutoff (see `appliesCutoff`). */
  cutoff: boolean;
}


export class WorkingCalendar implements WorkingDayCalendar {
  // Day numbers, not strings: a scan counts lateness for thousands of dossiers.
  private readonly daysOff = new Set<number>();
  private readonly workingDays = new Set<number>();
  private readonly cutoffMinutes: number;
  /** Years consulted whose holidays could not be computed, while lenient; the caller must report them. */
  readonly missingYears = new Set<number>();

  constructor(data: CalendarData, readonly officeHours: OfficeHours = DEFAULT_OFFICE_HOURS, private readonly lenient = false) {
    for (const entries of Object.values(data.years)) {
      const off = new Set<LocalDay>();
      const on = new Set<LocalDay>();
      expand(entries.daysOff, off);
      expand(entries.workingDays, on);
      for (const d of off) this.daysOff.add(dayNumber(d));
      for (const d of on) this.workingDays.add(dayNumber(d));
    }
    const [h, m] = data.cutoff.split(':').map(Number);
    this.cutoffMinutes = (h ?? 15) * 60 + (m ?? 0);
  }

  /**
   * The same calendar, but a year whose holidays cannot be computed is counted as plain
   * Monday–Friday and recorded in `missingYears` instead of throwing: for read-only answers
   * (lookups, lateness) that must still say something, while the caller logs the gap loudly.
   */
  toLenient(): WorkingCalendar {
    // Shares the day tables: a scan builds one of these per dossier.
    const copy = Object.create(WorkingCalendar.prototype) as WorkingCalendar;
    return Object.assign(copy, this, { lenient: true, missingYears: new Set<number>() });
  }

  private works(n: number): boolean {
    if (this.workingDays.has(n)) return true;
    if (this.daysOff.has(n)) return false;
    const weekday = (n + 4) % 7;
    if (weekday === 0 || weekday === 6) return false;
    return !this.isStatutoryDayOff(n);
  }

  private isStatutoryDayOff(n: number): boolean {
    const year = new Date(n * DAY_MS).getUTCFullYear();
    try {
      return statutoryDayNumbers(year).has(n);
    } catch (error) {
      if (!(error instanceof HolidayYearError)) throw error;
      if (!this.lenient) throw new CalendarYearMissingError(year, error.message);
      this.missingYears.add(year);
      return false;
    }
  }

  private nextWorking(n: number): number {
    let next = n + 1;
    for (let guard = 0; !this.works(next); guard += 1) {
      if (guard > 60) throw new DeadlineError(`working-days: no working day within 60 days after ${dayOf(n)}`);
      next += 1;
    }
    return next;
  }

  isWorkingDay(day: LocalDay): boolean {
    return this.works(dayNumber(day));
  }

  nextWorkingDay(day: LocalDay): LocalDay {
    return dayOf(this.nextWorking(dayNumber(day)));
  }

  /** The `count`-th working day after `day` (`day` itself is day zero). */
  addWorkingDays(day: LocalDay, count: number): LocalDay {
    if (!Number.isInteger(count) || count < 0 || count > MAX_WORKING_DAYS) throw new DeadlineError(`working-days: bad working-day count ${count}`);
    let current = dayNumber(day);
    for (let i = 0; i < count; i += 1) current = this.nextWorking(current);
    return dayOf(current);
  }

  /** Working days in (from, to]: 0 when `to` is not after `from`. */
  workingDaysBetween(from: LocalDay, to: LocalDay): number {
    let count = 0;
    const last = dayNumber(to);
    for (let n = dayNumber(from) + 1; n <= last; n += 1) if (this.works(n)) count += 1;
    return count;
  }

  /**
   * Day zero of the count: the day of receipt, or, when received on a day off or at/after the
   * cutoff, the next working day. The count itself starts on the working day after day zero.
   */
  startDay(receivedAt: Date, options: StartOptions): LocalDay {
    const day = localDay(receivedAt);
    if (!this.isWorkingDay(day)) return this.nextWorkingDay(day);
    if (options.cutoff && localMinutes(receivedAt) >= this.cutoffMinutes) return this.nextWorkingDay(day);
    return day;
  }

  /**
   * The instant office time starts counting: the receipt itself, or the first opening of the
   * next working day when received on a day off or at/after the cutoff (the same rule as
   * `startDay`). A receipt outside office hours on a working day starts at the next opening;
   * `afterOfficeTime` takes care of that.
   */
  startInstant(receivedAt: Date, options: StartOptions): Date {
    const start = this.startDay(receivedAt, options);
    return start === localDay(receivedAt) ? receivedAt : this.opening(start);
  }

  /**
   * The due instant for `time` counted from `startedAt` (receipt, or a completed supplement).
   * Whole working days, calendar days and months fall due at the last closing of the due day.
   * Hours are office time from `startInstant` (Civil Code 2015, Art. 147: a time in hours runs
   * from the moment given): 1 hour from Monday 11:00 is 14:00 with a 13:30 reopening. A part of
   * a working day is that part of the day's office time, counted like the whole days from the
   * first opening after day zero (Art. 147: a time in days starts the next day): 0.5 from
   * Monday is Tuesday at mid-office-day, 1 is Tuesday's closing, 1.5 Wednesday's middle.
   */
  dueAt(startedAt: Date, time: ProcessingTime, options: StartOptions): Date {
    if (time.value === undefined || time.unit === undefined) throw new DeadlineError(`working-days: the processing time "${time.text}" has no number of days`);
    const start = this.startDay(startedAt, options);
    switch (time.unit) {
      case 'working_days':
        if (Number.isInteger(time.value)) return this.closing(this.addWorkingDays(start, time.value));
        return this.afterOfficeTime(this.opening(this.nextWorkingDay(start)), time.value * officeMinutesPerDay(this.officeHours));
      case 'hours':
        return this.afterOfficeTime(this.startInstant(startedAt, options), time.value * 60);
      case 'days':
        return this.closing(this.onOrAfterWorkingDay(addDays(start, Math.ceil(time.value))));
      case 'months': {
        // The same day of the last month, or that month's last day when it has none (Civil Code
        // 2015, Art. 148): 31/7 + 2 months is 30/9, not 1/10.
        const [y, m, d] = start.split('-').map(Number) as [number, number, number];
        const month = m - 1 + Math.ceil(time.value);
        const lastDay = new Date(Date.UTC(y, month + 1, 0)).getUTCDate();
        const target = new Date(Date.UTC(y, month, Math.min(d, lastDay))).toISOString().slice(0, 10);
        return this.closing(this.onOrAfterWorkingDay(target));
      }
    }
  }

  /** The first opening of `day`. */
  private opening(day: LocalDay): Date {
    return localInstant(day, 0, openingMinutes(this.officeHours));
  }

  /** The last closing of `day`: when a deadline in days falls due. */
  private closing(day: LocalDay): Date {
    return localInstant(day, 0, closingMinutes(this.officeHours));
  }

  /**
   * The instant `minutes` of office time after `from`, skipping what is outside the office
   * periods and the days off. Ends at a period's closing when the time runs out there (1 hour
   * from 10:30 is 11:30, not the 13:30 reopening).
   */
  afterOfficeTime(from: Date, minutes: number): Date {
    if (!(minutes >= 0) || minutes > MAX_WORKING_DAYS * officeMinutesPerDay(this.officeHours)) throw new DeadlineError(`working-days: bad office time of ${minutes} minutes`);
    let left = Math.round(minutes * MINUTE_MS);
    let n = localDayNumber(from.getTime());
    let t = localTimeOfDay(from);
    if (!this.works(n)) {
      n = this.nextWorking(n);
      t = 0;
    }
    for (;;) {
      for (const period of this.officeHours.periods) {
        const open = Math.max(t, period.open * MINUTE_MS);
        const close = period.close * MINUTE_MS;
        if (open >= close) continue;
        if (open + left <= close) return new Date(n * DAY_MS - VIETNAM_OFFSET_MS + open + left);
        left -= close - open;
      }
      n = this.nextWorking(n);
      t = 0;
    }
  }

  /** Office time from `from` to `to`, in minutes: what a pause costs a deadline in hours. */
  officeMinutesBetween(from: Date, to: Date): number {
    let total = 0;
    const first = localDayNumber(from.getTime());
    const last = localDayNumber(to.getTime());
    for (let n = first; n <= last; n += 1) {
      if (!this.works(n)) continue;
      const start = n === first ? localTimeOfDay(from) : 0;
      const end = n === last ? localTimeOfDay(to) : DAY_MS;
      for (const period of this.officeHours.periods) {
        total += Math.max(0, Math.min(end, period.close * MINUTE_MS) - Math.max(start, period.open * MINUTE_MS));
      }
    }
    return total / MINUTE_MS;
  }

  /** A calendar-day deadline that lands on a day off moves to the next working day. */
  private onOrAfterWorkingDay(day: LocalDay): LocalDay {
    return this.isWorkingDay(day) ? day : this.nextWorkingDay(day);
  }

  /**
   * The due date after a pause from `pausedAt` to `resumedAt`. A deadline by the day (due at the
   * closing, or outside office hours) is pushed back by the working days the pause covered (the
   * pause day itself counts as worked when paused after it began), to that day's closing. One due
   * during the office day (a time in hours) is pushed back by the office time the pause covered,
   * so a dossier paused with 30 minutes left still has them when it resumes.
   */
  shiftForPause(dueAt: Date, pausedAt: Date, resumedAt: Date): Date {
    if (withinOfficeDay(this.officeHours, dueAt)) {
      const lost = this.officeMinutesBetween(pausedAt, resumedAt);
      return lost === 0 ? dueAt : this.afterOfficeTime(dueAt, lost);
    }
    const lost = this.workingDaysBetween(localDay(pausedAt), localDay(resumedAt));
    if (lost === 0) return dueAt;
    return this.closing(this.addWorkingDays(localDay(dueAt), lost));
  }

  /**
   * Working days late at `at` for a dossier due at `dueAt`: the working days after the due day
   * up to and including the day of `at`. 0 when not late, or late only since earlier today.
   */
  workingDaysLate(dueAt: Date, at: Date): number {
    if (at.getTime() <= dueAt.getTime()) return 0;
    return this.workingDaysBetween(localDay(dueAt), localDay(at));
  }

  /** The latest due instant that counts as "near due" at `now`: the end of the `days`-th working day. */
  nearDueLimit(now: Date, days: number): Date {
    const today = localDay(now);
    const base = this.isWorkingDay(today) ? today : this.nextWorkingDay(today);
    return localInstant(this.addWorkingDays(base, days), 23, 59);
  }
}

/** What a working-day count needs from a calendar: WorkingCalendar (lenient, for the alerts) fits. */
export interface WorkingDayCalendar {
  isWorkingDay(day: string): boolean;
}

/**
 * The alert scan's fast count over the same working days (a WorkingCalendar's `isWorkingDay`):
 * working days counted from a fixed origin, for every day in a range. `rank(d)` is the number of
 * working days on or before d, so working days strictly after a and up to b = rank(b) - rank(a),
 * as `workingDaysBetween` counts them, in one subtraction per dossier.
 */
export class WorkingDayIndex {
  private readonly ranks: Int32Array;

  constructor(private readonly calendar: WorkingDayCalendar, private readonly first: number, private readonly last: number) {
    this.ranks = new Int32Array(last - first + 1);
    let count = 0;
    for (let n = first; n <= last; n++) {
      if (calendar.isWorkingDay(dayOf(n))) count++;
      this.ranks[n - first] = count;
    }
  }

  /** Rank of a day number; days outside the range are counted on the fly (rare: very old dossiers). */
  rank(n: number): number {
    if (n >= this.first && n <= this.last) return this.ranks[n - this.first]!;
    if (n < this.first) {
      let count = 0;
      for (let d = n + 1; d <= this.first; d++) if (this.calendar.isWorkingDay(dayOf(d))) count++;
      // Days before the range: rank(first) - working days in (n, first].
      return this.ranks[0]! - count;
    }
    let count = this.ranks[this.ranks.length - 1]!;
    for (let d = this.last + 1; d <= n; d++) if (this.calendar.isWorkingDay(dayOf(d))) count++;
    return count;
  }

  /** The day number of the k-th working day after day n (k ≥ 1). */
  addWorkingDays(n: number, k: number): number {
    let d = n;
    let left = k;
    while (left > 0) {
      d++;
      if (this.calendar.isWorkingDay(dayOf(d))) left--;
    }
    return d;
  }
}

/**
 * The 15:00 rule: DOMAIN.md states it for paper dossiers. We apply it to every channel,
 * online included: an online dossier submitted at 22:00 is received by an officer the next
 * working morning, exactly like a late paper one, and provincial systems count it that way.
 * It applies to times in hours too (`startInstant`): counted from the next working day's
 * opening, as certification does it (Decree 23/2015: a request received after 15:00 is
 * answered the next working day), not from the last hours of the afternoon.
 */
export function appliesCutoff(_channel: string): boolean {
  return true;
}
