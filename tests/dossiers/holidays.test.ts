// The statutory days off computed from the law and the Vietnamese lunar calendar (UTC+7), and
// the working-day calendar that adds calendar.yaml's yearly notice on top.
process.env.TZ = 'America/New_York';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCalendar } from '../../src/catalogue/calendar-checks';
import { loadCatalogue } from '../../src/catalogue/loader';
import { buildLineMap } from '../../src/catalogue/yaml-lines';
import type { CalendarData } from '../../src/catalogue/schema';
import { HolidayYearError, hungKingsDay, lunarNewYear, statutoryDaysOff } from '../../src/holidays';
import { CalendarYearMissingError, localDay, WorkingCalendar } from '../../src/dossiers/working-days';

const empty: CalendarData = { timezone: 'Asia/Ho_Chi_Minh', cutoff: '15:00', years: {} };
const days = (value: number) => ({ value, unit: 'working_days' as const, text: `${value} ngày làm việc` });

/** Every day from `from` to `to` inclusive. */
function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

describe('Vietnamese lunar calendar', () => {
  it('puts Tết on the known first days, Vietnamese (UTC+7) where it differs from the Chinese calendar', () => {
    const known: Record<number, string> = {
      1985: '1985-01-21', // Chinese New Year 1985 was 20/2: the new moon of 21/1 fell before midnight in Hà Nội only
      2007: '2007-02-17', // Chinese: 18/2
      2023: '2023-01-22',
      2024: '2024-02-10',
      2025: '2025-01-29',
      2026: '2026-02-17',
      2027: '2027-02-06',
      2029: '2029-02-13',
      2030: '2030-02-02', // Chinese: 3/2 (new moon 2/2 at 23:07 in Hà Nội)
    };
    for (const [year, day] of Object.entries(known)) expect([year, lunarNewYear(Number(year))]).toEqual([year, day]);
  });

  it('puts Giỗ Tổ Hùng Vương (10/3 lunar) on the known days, also after a leap month', () => {
    // 2023 had a leap 2nd month, 2025 a leap 6th.
    expect(['2023', '2024', '2025', '2026', '2027'].map((y) => hungKingsDay(Number(y)))).toEqual(['2023-04-29', '2024-04-18', '2025-04-07', '2026-04-26', '2027-04-16']);
  });

  it('refuses years it cannot compute instead of guessing', () => {
    expect(() => statutoryDaysOff(1900)).toThrow(HolidayYearError);
  });
});

describe('statutory days off', () => {
  it('computes 2027, which calendar.yaml does not have: Tết on a Saturday is made up on Tuesday and Wednesday', () => {
    expect(statutoryDaysOff(2027).map((d) => d.day)).toEqual([
      '2027-01-01',
      ...span('2027-02-04', '2027-02-10'),
      '2027-04-16',
      '2027-04-30', '2027-05-01', '2027-05-03',
      '2027-09-02', '2027-09-03',
      '2027-11-24',
    ]);
    expect(statutoryDaysOff(2027).find((d) => d.day === '2027-05-03')?.name).toBe('Nghỉ bù Ngày Quốc tế Lao động 1/5');
  });

  it('counts a deadline across Tết 2027 without any 2027 entry in the calendar', () => {
    const calendar = new WorkingCalendar(empty);
    // Wed 3/2/2027 + 3 working days: Thu 4/2 to Wed 10/2 are off, so Thu 11/2, Fri 12/2, Mon 15/2.
    expect(localDay(calendar.dueAt(new Date('2027-02-03T09:00:00+07:00'), days(3), { cutoff: true }))).toBe('2027-02-15');
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-11-24')).toBe(false);
    expect(calendar.isWorkingDay('2027-11-25')).toBe(true);
  });

  it('with the shipped notices gives exactly the days off DOMAIN.md lists for 2025 and 2026', async () => {
    const { catalogue, problems } = await loadCatalogue(path.resolve('procedures'));
    expect(problems).toEqual([]);
    const calendar = new WorkingCalendar(catalogue.calendar);
    const off = [
      '2025-01-01', ...span('2025-01-25', '2025-02-02'), '2025-04-07', ...span('2025-04-30', '2025-05-04'), ...span('2025-08-30', '2025-09-02'),
      ...span('2026-01-01', '2026-01-04'), ...span('2026-02-14', '2026-02-22'), ...span('2026-04-26', '2026-04-27'), ...span('2026-04-30', '2026-05-03'),
      ...span('2026-08-29', '2026-09-02'), '2026-11-24',
    ];
    const makeUp = ['2025-04-26', '2026-01-10'];
    const wrong: string[] = [];
    for (const day of span('2025-01-01', '2026-12-31')) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const expected = makeUp.includes(day) || (!off.includes(day) && weekday !== 0 && weekday !== 6);
      if (calendar.isWorkingDay(day) !== expected) wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });

  it('lets a notice give back a computed day (another Tết split) and still refuses an ordinary weekday as a make-up day', async () => {
    const calendar = new WorkingCalendar({ ...empty, years: { '2027': { daysOff: [{ date: '2027-02-11', name: 'Tết: nghỉ mùng 6' }], workingDays: [{ date: '2027-02-04', name: 'Tết: không nghỉ 28 tháng Chạp' }] } } });
    expect(calendar.isWorkingDay('2027-02-04')).toBe(true);
    expect(calendar.isWorkingDay('2027-02-11')).toBe(false);
    const raw = { years: { '2027': { workingDays: [{ date: '2027-02-04', name: 'Tết' }, { date: '2027-02-17', name: 'nhầm' }] } } };
    expect(checkCalendar(raw, 'calendar.yaml', () => buildLineMap('')).map((p) => p.message)).toEqual([
      '2027-02-17 is a weekday and no statutory holiday; make-up working days are Saturdays or Sundays',
    ]);
  });

  it('throws for a year it cannot compute, and the lenient calendar reports it', () => {
    const calendar = new WorkingCalendar(empty);
    expect(() => calendar.isWorkingDay('2300-03-01')).toThrow(CalendarYearMissingError);
    const lenient = calendar.toLenient();
    expect(lenient.isWorkingDay('2300-03-01')).toBe(true);
    expect([...lenient.missingYears]).toEqual([2300]);
  });
});
