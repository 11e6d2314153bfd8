// The working-day calendar as the scan needs it: is a day a working day, and a cumulative
// index that turns "working days late" into one subtraction per dossier.
import { dayFromNumber } from '../local-time';

/** What the alerts need from the calendar: src/dossiers/working-days.ts's WorkingCalendar (lenient) fits. */
export interface WorkingDayCalendar {
  isWorkingDay(day: string): boolean;
}

/**
 * Working days counted from a fixed origin, for every day in a range. `rank(d)` is the number
 * of working days on or before d, so working days strictly after a and up to b = rank(b) - rank(a).
 */
export class WorkingDayIndex {
  private readonly ranks: Int32Array;

  constructor(private readonly calendar: WorkingDayCalendar, private readonly first: number, private readonly last: number) {
    this.ranks = new Int32Array(last - first + 1);
    let count = 0;
    for (let n = first; n <= last; n++) {
      if (calendar.isWorkingDay(dayFromNumber(n))) count++;
      this.ranks[n - first] = count;
    }
  }

  /** Rank of a day number; days outside the range are counted on the fly (rare: very old dossiers). */
  rank(n: number): number {
    if (n >= this.first && n <= this.last) return this.ranks[n - this.first]!;
    if (n < this.first) {
      let count = 0;
      for (let d = n + 1; d <= this.first; d++) if (this.calendar.isWorkingDay(dayFromNumber(d))) count++;
      // Days before the range: rank(first) - working days in (n, first].
      return this.ranks[0]! - count;
    }
    let count = this.ranks[this.ranks.length - 1]!;
    for (let d = this.last + 1; d <= n; d++) if (this.calendar.isWorkingDay(dayFromNumber(d))) count++;
    return count;
  }

  /** The day number of the k-th working day after day n (k ≥ 1). */
  addWorkingDays(n: number, k: number): number {
    let d = n;
    let left = k;
    while (left > 0) {
      d++;
      if (this.calendar.isWorkingDay(dayFromNumber(d))) left--;
    }
    return d;
  }
}
