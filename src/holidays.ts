// The statutory days off of a year, computed from the law rather than typed in each year:
// Labour Code 2019 Art. 112 (1/1; Tết, 5 days; Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5; 2/9 and
// one adjacent day), Resolution 28/2026/QH16 (24/11 from 2026), and Art. 111(3): a holiday on a
// Saturday or Sunday is compensated on the next working day. The government's yearly notice
// (swapped days, make-up Saturdays) stays in calendar.yaml.
//
// The lunar dates follow the Vietnamese calendar: months start on the day of the new moon in
// Vietnam time (UTC+7), month 11 holds the winter solstice, and a leap year's leap month is the
// first month without a principal solar term. The Chinese calendar (UTC+8) differs in some
// years (Tết 1985, 2007). New moons and solar terms come from astronomy-engine; checked against
// the Vietnamese lunar tables for 1968–2099 (Tết and 10/3 every year).
import { SearchMoonPhase, SearchSunLongitude, Seasons, SunPosition } from 'astronomy-engine';
import { DAY_MS, VIETNAM_OFFSET_MS, dayFromNumber, dayNumber, type LocalDay } from './local-time';

/** Vietnam has kept this calendar (UTC+7) since 1968; before that the lunar dates differ. */
export const FIRST_COMPUTED_YEAR = 1968;
export const LAST_COMPUTED_YEAR = 2199;

export interface StatutoryDayOff {
  day: LocalDay;
  name: string;
}

/** Outside the years the lunar calendar is computed for. */
export class HolidayYearError extends Error {
  override readonly name = 'HolidayYearError';
  constructor(readonly year: number) {
    super(`holidays: the statutory days off are computed for ${FIRST_COMPUTED_YEAR}–${LAST_COMPUTED_YEAR}, not ${year}`);
  }
}

/** The local (UTC+7) day number of an instant. */
function vnDay(instant: Date): number {
  return Math.floor((instant.getTime() + VIETNAM_OFFSET_MS) / DAY_MS);
}

function nextNewMoon(after: Date): Date {
  const found = SearchMoonPhase(0, after, 40);
  if (!found) throw new Error(`holidays: no new moon within 40 days after ${after.toISOString()}`);
  return found.date;
}

/** Day number of the first day of lunar month 11 of `year`: the new moon on or before the winter solstice. */
function month11Start(year: number): number {
  const solstice = vnDay(Seasons(year).dec_solstice.date);
  let moon = nextNewMoon(new Date((solstice - 31) * DAY_MS - VIETNAM_OFFSET_MS));
  let start = vnDay(moon);
  for (;;) {
    moon = nextNewMoon(new Date(moon.getTime() + DAY_MS));
    if (vnDay(moon) > solstice) return start;
    start = vnDay(moon);
  }
}

/** Local days of the principal solar terms (sun longitude a multiple of 30°) in [from, to). */
function principalTerms(from: number, to: number): number[] {
  const days: number[] = [];
  let at = new Date(from * DAY_MS - VIETNAM_OFFSET_MS);
  for (;;) {
    const target = ((Math.floor(SunPosition(at).elon / 30) + 1) * 30) % 360;
    const found = SearchSunLongitude(target, at, 40);
    if (!found) throw new Error(`holidays: no solar term within 40 days after ${at.toISOString()}`);
    const day = vnDay(found.date);
    if (day >= to) return days;
    if (day >= from) days.push(day);
    at = new Date(found.date.getTime() + 3_600_000);
  }
}

export interface LunarYearDays {
  /** Mùng 1 Tết: the first day of lunar month 1. */
  newYear: number;
  /** The first day of (non-leap) lunar month 3. */
  month3: number;
}

const lunarCache = new Map<number, LunarYearDays>();

/** Day numbers of the lunar year that starts in Gregorian `year` (Vietnamese calendar, UTC+7). */
export function lunarYearDays(year: number): LunarYearDays {
  const cached = lunarCache.get(year);
  if (cached) return cached;
  // The months from month 11 of last year up to month 11 of this year: 12, or 13 with a leap month.
  const last = month11Start(year);
  const starts = [month11Start(year - 1)];
  while (starts.at(-1)! < last) starts.push(vnDay(nextNewMoon(new Date((starts.at(-1)! + 1) * DAY_MS - VIETNAM_OFFSET_MS))));
  let leapIndex = -1;
  if (starts.length === 14) {
    const terms = principalTerms(starts[0]!, last);
    leapIndex = starts.findIndex((start, i) => i > 0 && i < 13 && !terms.some((d) => d >= start && d < starts[i + 1]!));
  }
  // Label the months 11, 12, 1, 2, …; the leap month repeats the one before it.
  let month = 11;
  const found: Partial<LunarYearDays> = {};
  for (let i = 0; i < starts.length - 1; i += 1) {
    if (i === leapIndex) continue;
    if (month === 1) found.newYear ??= starts[i]!;
    if (month === 3) found.month3 ??= starts[i]!;
    month = (month % 12) + 1;
  }
  const result = { newYear: found.newYear!, month3: found.month3! };
  lunarCache.set(year, result);
  return result;
}

/** Mùng 1 Tết of `year`, e.g. "2026-02-17". */
export function lunarNewYear(year: number): LocalDay {
  return dayFromNumber(lunarYearDays(year).newYear);
}

/** Giỗ Tổ Hùng Vương (10/3 lunar) of `year`, e.g. "2026-04-26". */
export function hungKingsDay(year: number): LocalDay {
  return dayFromNumber(lunarYearDays(year).month3 + 9);
}

function isWeekend(n: number): boolean {
  const weekday = (n + 4) % 7;
  return weekday === 0 || weekday === 6;
}

/**
 * Quốc khánh's adjacent day: the one that joins 2/9 to a weekend, as the yearly notices have
 * chosen (3/9 when 2/9 is a Monday or a Thursday, 1/9 otherwise); the notice may still differ.
 */
function nationalDayNeighbour(year: number): number {
  const second = dayNumber(`${year}-09-02`);
  const weekday = (second + 4) % 7;
  return weekday === 1 || weekday === 4 ? second + 1 : second - 1;
}

const yearCache = new Map<number, readonly StatutoryDayOff[]>();

/**
 * The statutory days off of `year`, in date order, compensation days included. Tết is taken as
 * the last two days of the old lunar year and the first three of the new, the split the
 * government chose in 2021–2026; a notice that picks other days goes in calendar.yaml.
 */
export function statutoryDaysOff(year: number): readonly StatutoryDayOff[] {
  if (!Number.isInteger(year) || year < FIRST_COMPUTED_YEAR || year > LAST_COMPUTED_YEAR) throw new HolidayYearError(year);
  const cached = yearCache.get(year);
  if (cached) return cached;
  const days = new Map<number, string>();
  const add = (n: number, name: string) => {
    if (!days.has(n)) days.set(n, name);
  };
  add(dayNumber(`${year}-01-01`), 'Tết Dương lịch');
  const tet = lunarYearDays(year).newYear;
  add(tet - 2, 'Tết Nguyên đán (trước Tết)');
  add(tet - 1, 'Tết Nguyên đán (trước Tết)');
  add(tet, 'Tết Nguyên đán (mùng 1)');
  add(tet + 1, 'Tết Nguyên đán (mùng 2)');
  add(tet + 2, 'Tết Nguyên đán (mùng 3)');
  add(lunarYearDays(year).month3 + 9, 'Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  add(dayNumber(`${year}-04-30`), 'Ngày Chiến thắng 30/4');
  add(dayNumber(`${year}-05-01`), 'Ngày Quốc tế Lao động 1/5');
  add(dayNumber(`${year}-09-02`), 'Quốc khánh 2/9');
  add(nationalDayNeighbour(year), 'Quốc khánh (ngày liền kề)');
  if (year >= 2026) add(dayNumber(`${year}-11-24`), 'Ngày Văn hóa Việt Nam');
  // Art. 111(3): a holiday on a weekend is made up on the next day that is neither a weekend nor a holiday.
  for (const [n, name] of [...days].sort((a, b) => a[0] - b[0])) {
    if (!isWeekend(n)) continue;
    let make = n + 1;
    while (isWeekend(make) || days.has(make)) make += 1;
    days.set(make, `Nghỉ bù ${name}`);
  }
  const list = [...days].sort((a, b) => a[0] - b[0]).map(([n, name]) => ({ day: dayFromNumber(n), name }));
  yearCache.set(year, list);
  return list;
}

/** Day numbers of `year`'s statutory days off. */
const numberCache = new Map<number, ReadonlySet<number>>();
export function statutoryDayNumbers(year: number): ReadonlySet<number> {
  let set = numberCache.get(year);
  if (!set) {
    set = new Set(statutoryDaysOff(year).map((d) => dayNumber(d.day)));
    numberCache.set(year, set);
  }
  return set;
}

/**
 * Computes the years' holidays now (about 15–50 ms a year, cached), so the first scan or
 * deadline after a start does not pay for it while webhooks are waiting. Years outside the
 * computed range are skipped.
 */
export function prepareHolidays(years: Iterable<number>): void {
  for (const year of years) {
    if (year >= FIRST_COMPUTED_YEAR && year <= LAST_COMPUTED_YEAR) statutoryDayNumbers(year);
  }
}
