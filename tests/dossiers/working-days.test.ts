// Run under a far-off zone: the engine must not depend on the server's TZ.
process.env.TZ = 'America/New_York';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/loader';
import type { CalendarData } from '../../src/catalogue/schema';
import { dayFromNumber, dayNumber } from '../../src/local-time';
import { CalendarYearMissingError, DeadlineError, formatLocalDate, localDay, WorkingCalendar, WorkingDayIndex } from '../../src/dossiers/working-days';
import type { ProcessingTime } from '../../src/catalogue/schema';
import { formatLocalDateTime, localTimeOfDay } from '../../src/local-time';
import { parseOfficeHours } from '../../src/office-hours';

/** Any receipt from January 2025 to October 2026: the property tests' range. */
const RECEIPTS_2025_2026 = { min: Date.parse('2025-01-01T00:00:00+07:00'), max: Date.parse('2026-10-31T23:59:59+07:00') };

const days = (value: number) => ({ value, unit: 'working_days' as const, text: `${value} ngày làm việc` });
let calendar: WorkingCalendar;
let data: CalendarData;
const calendar2026 = () => data;
/** "2026-03-02 10:00", Vietnam time. */
const isoLocal = (at: Date) => {
  const [d, t] = formatLocalDateTime(at).split(' ');
  return `${d!.split('/').reverse().join('-')} ${t}`;
};

beforeAll(async () => {
  const { catalogue, problems } = await loadCatalogue(path.resolve('procedures'));
  expect(problems).toEqual([]);
  data = catalogue.calendar;
  calendar = new WorkingCalendar(catalogue.calendar);
});

describe('working-day calendar', () => {
  it('counts 24/11/2026 as a holiday: Fri 20/11 10:00 + 3 working days is due Thu 26/11', () => {
    const due = calendar.dueAt(new Date('2026-11-20T10:00:00+07:00'), days(3), { cutoff: true });
    expect(due.toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(formatLocalDate(due)).toBe('26/11/2026');
  });

  it('counts a dossier received at 16:00 from Monday 23/11', () => {
    expect(calendar.startDay(new Date('2026-11-20T16:00:00+07:00'), { cutoff: true })).toBe('2026-11-23');
    expect(localDay(calendar.dueAt(new Date('2026-11-20T16:00:00+07:00'), days(3), { cutoff: true }))).toBe('2026-11-27');
  });

  it('applies the cutoff at exactly 15:00, not at 14:59', () => {
    expect(calendar.startDay(new Date('2026-11-20T14:59:00+07:00'), { cutoff: true })).toBe('2026-11-20');
    expect(calendar.startDay(new Date('2026-11-20T15:00:00+07:00'), { cutoff: true })).toBe('2026-11-23');
  });

  it('uses Vietnam time, not UTC: 23:30 UTC on Thursday is Friday morning in Hà Nội', () => {
    // 2026-11-19T23:30Z is Fri 20/11 06:30 +07:00: before the cutoff, day zero is Friday.
    expect(calendar.startDay(new Date('2026-11-19T23:30:00Z'), { cutoff: true })).toBe('2026-11-20');
    // 08:30Z is 15:30 local: past the cutoff though UTC says morning.
    expect(calendar.startDay(new Date('2026-11-20T08:30:00Z'), { cutoff: true })).toBe('2026-11-23');
  });

  it('carries a dossier across Tết 2026 (14/2–22/2)', () => {
    // Thu 12/2 + 3: Fri 13/2, Mon 23/2, Tue 24/2.
    const due = calendar.dueAt(new Date('2026-02-12T09:00:00+07:00'), days(3), { cutoff: true });
    expect(localDay(due)).toBe('2026-02-24');
  });

  it('counts the make-up Saturday 10/1/2026 as a working day and Friday 2/1 as off', () => {
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-17')).toBe(false);
    // Fri 9/1 + 1 = Sat 10/1.
    expect(localDay(calendar.dueAt(new Date('2026-01-09T09:00:00+07:00'), days(1), { cutoff: true }))).toBe('2026-01-10');
  });

  it('counts the make-up Saturday 26/4/2025 and the 30/4–4/5/2025 break', () => {
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    expect(calendar.isWorkingDay('2025-04-07')).toBe(false);
  });

  it('moves a dossier received on a Sunday to Monday as day zero', () => {
    expect(calendar.startDay(new Date('2026-11-22T10:00:00+07:00'), { cutoff: true })).toBe('2026-11-23');
  });

  it('counts 2027, which calendar.yaml has no notice for, with its computed holidays instead of refusing', () => {
    // Wed 30/12/2026 + 5: Thu 31/12, (Fri 1/1/2027 off), Mon 4/1, Tue 5/1, Wed 6/1, Thu 7/1.
    expect(localDay(calendar.dueAt(new Date('2026-12-30T09:00:00+07:00'), days(5), { cutoff: true }))).toBe('2027-01-07');
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false);
    expect(() => calendar.isWorkingDay('2300-02-08')).toThrow(CalendarYearMissingError);
  });

  it('counts working days late after the due day, skipping 24/11', () => {
    const due = new Date('2026-11-20T17:00:00+07:00');
    expect(calendar.workingDaysLate(due, new Date('2026-11-20T16:00:00+07:00'))).toBe(0);
    expect(calendar.workingDaysLate(due, new Date('2026-11-23T09:00:00+07:00'))).toBe(1);
    expect(calendar.workingDaysLate(due, new Date('2026-11-25T09:00:00+07:00'))).toBe(2);
  });

  it('pushes the due date back by the working days a pause covered', () => {
    const due = new Date('2026-11-26T17:00:00+07:00');
    const shifted = calendar.shiftForPause(due, new Date('2026-11-20T10:00:00+07:00'), new Date('2026-11-25T10:00:00+07:00'));
    // Paused Fri, resumed Wed: Mon 23 and Wed 25 lost (24 is off) → Thu 26 + 2 = Mon 30/11.
    expect(localDay(shifted)).toBe('2026-11-30');
  });

  it('ends a time in months on the same day of the last month, or that month\'s last day when it has none (Civil Code 2015, Art. 148)', () => {
    const months = (value: number) => ({ value, unit: 'months' as const, text: `${value} tháng` });
    // Fri 31/7/2026 + 2 months: September has no 31st, so Wed 30/9, not Thu 1/10.
    expect(localDay(calendar.dueAt(new Date('2026-07-31T09:00:00+07:00'), months(2), { cutoff: true }))).toBe('2026-09-30');
    // Tue 31/3/2026 + 6 months: the same.
    expect(localDay(calendar.dueAt(new Date('2026-03-31T09:00:00+07:00'), months(6), { cutoff: true }))).toBe('2026-09-30');
    // Mon 16/11/2026 + 1 month: the same day, Wed 16/12.
    expect(localDay(calendar.dueAt(new Date('2026-11-16T09:00:00+07:00'), months(1), { cutoff: true }))).toBe('2026-12-16');
  });

  it('refuses a processing time without a number', () => {
    expect(() => calendar.dueAt(new Date('2026-11-20T10:00:00+07:00'), { text: 'Theo quy định' }, { cutoff: true })).toThrow(DeadlineError);
  });

  it('counts only the calendar given, so a province can change it', () => {
    const data: CalendarData = { timezone: 'Asia/Ho_Chi_Minh', cutoff: '11:00', years: { '2026': { daysOff: [{ date: '2026-11-23', name: 'Nghỉ' }], workingDays: [] } } };
    const custom = new WorkingCalendar(data);
    // Past its 11:00 cutoff on Fri 20/11: Mon 23/11 is its own day off, Tue 24/11 the statutory one.
    expect(custom.startDay(new Date('2026-11-20T11:30:00+07:00'), { cutoff: true })).toBe('2026-11-25');
  });
});

describe('processing times in hours and parts of a day, counted in office time (07:30–11:30, 13:30–17:00)', () => {
  const hours = (value: number) => ({ value, unit: 'hours' as const, text: `${value} giờ` });
  const due = (at: string, time: ProcessingTime, cutoff = true) => isoLocal(calendar.dueAt(new Date(at), time, { cutoff }));

  it('makes a 1-hour procedure received Monday 09:00 due Monday 10:00, not Tuesday 17:00', () => {
    expect(due('2026-03-02T09:00:00+07:00', hours(1))).toBe('2026-03-02 10:00');
  });

  it('skips the lunch break: 1 hour from 11:00 is due 14:00, and from 10:30 ends at 11:30', () => {
    expect(due('2026-03-02T11:00:00+07:00', hours(1))).toBe('2026-03-02 14:00');
    expect(due('2026-03-02T10:30:00+07:00', hours(1))).toBe('2026-03-02 11:30');
    expect(due('2026-03-02T12:15:00+07:00', hours(1))).toBe('2026-03-02 14:30');
  });

  it('carries 8 hours from Friday 24/4/2026 across the weekend and Giỗ Tổ (Monday 27/4)', () => {
    // 14:00–17:00 Friday, then 07:30–11:30 and 13:30–14:30 on Tuesday 28/4.
    expect(due('2026-04-24T14:00:00+07:00', hours(8))).toBe('2026-04-28 14:30');
    // From 16:00 without the cutoff: one hour on Friday, seven on Tuesday.
    expect(due('2026-04-24T16:00:00+07:00', hours(8), false)).toBe('2026-04-28 16:30');
    // With it, the count starts Tuesday 07:30: a whole office day (7 h 30) and half an hour.
    expect(due('2026-04-24T16:00:00+07:00', hours(8))).toBe('2026-04-29 08:00');
  });

  it('starts a receipt outside office hours at the next opening: 18:00, 06:00, Sunday, a holiday', () => {
    expect(due('2026-03-02T18:00:00+07:00', hours(1), false)).toBe('2026-03-03 08:30');
    expect(due('2026-03-02T18:00:00+07:00', hours(1))).toBe('2026-03-03 08:30');
    expect(due('2026-03-02T06:00:00+07:00', hours(1))).toBe('2026-03-02 08:30');
    expect(due('2026-03-01T10:00:00+07:00', hours(3))).toBe('2026-03-02 10:30');
    expect(due('2026-11-24T09:00:00+07:00', hours(1))).toBe('2026-11-25 08:30');
  });

  it('applies the 15:00 cutoff to hours as to days: counted from the next working day\'s opening', () => {
    expect(due('2026-03-02T14:59:00+07:00', hours(1))).toBe('2026-03-02 15:59');
    expect(due('2026-03-02T15:00:00+07:00', hours(1))).toBe('2026-03-03 08:30');
    expect(due('2026-03-02T15:30:00+07:00', hours(3))).toBe('2026-03-03 10:30');
    // Without the cutoff the afternoon counts: 15:30–17:00, then 07:30–09:00.
    expect(due('2026-03-02T15:30:00+07:00', hours(3), false)).toBe('2026-03-03 09:00');
    // Friday after 15:00: Monday morning.
    expect(due('2026-11-20T15:10:00+07:00', hours(2))).toBe('2026-11-23 09:30');
  });

  it('counts half a working day as half its office time, from the working day after day zero', () => {
    // 0.5 = 3 h 45: Tuesday 07:30–11:15; 1 is Tuesday's closing, as before; 1.5 Wednesday 11:15.
    expect(due('2026-03-02T09:00:00+07:00', days(0.5))).toBe('2026-03-03 11:15');
    expect(due('2026-03-02T09:00:00+07:00', days(1))).toBe('2026-03-03 17:00');
    expect(due('2026-03-02T09:00:00+07:00', days(1.5))).toBe('2026-03-04 11:15');
    // 0.25 = 1 h 52.5 (the seconds kept); after the cutoff, day zero is Tuesday.
    expect(due('2026-03-02T09:00:00+07:00', days(0.25))).toBe('2026-03-03 09:22');
    expect(due('2026-03-02T15:30:00+07:00', days(0.5))).toBe('2026-03-04 11:15');
  });

  it('is overdue a minute after a 10:00 due time, late 0 working days that day and 1 the next', () => {
    const dueAt = calendar.dueAt(new Date('2026-03-02T09:00:00+07:00'), hours(1), { cutoff: true });
    expect(dueAt.getTime() < Date.parse('2026-03-02T10:01:00+07:00')).toBe(true);
    expect(dueAt.getTime() < Date.parse('2026-03-02T10:00:00+07:00')).toBe(false);
    expect(calendar.workingDaysLate(dueAt, new Date('2026-03-02T10:01:00+07:00'))).toBe(0);
    expect(calendar.workingDaysLate(dueAt, new Date('2026-03-03T08:00:00+07:00'))).toBe(1);
  });

  it('gives a paused dossier due at 10:00 back the office time the pause took', () => {
    const dueAt = new Date('2026-03-02T10:00:00+07:00');
    // Paused 09:30 with 30 minutes left, resumed Tuesday 14:00: due Tuesday 14:30.
    expect(isoLocal(calendar.shiftForPause(dueAt, new Date('2026-03-02T09:30:00+07:00'), new Date('2026-03-03T14:00:00+07:00')))).toBe('2026-03-03 14:30');
    // Paused over lunch only: nothing lost.
    expect(calendar.shiftForPause(dueAt, new Date('2026-03-02T11:40:00+07:00'), new Date('2026-03-02T13:20:00+07:00'))).toEqual(dueAt);
    // A day deadline is pushed back by whole days, to the closing.
    expect(isoLocal(calendar.shiftForPause(new Date('2026-03-04T17:00:00+07:00'), new Date('2026-03-02T09:30:00+07:00'), new Date('2026-03-03T14:00:00+07:00')))).toBe('2026-03-05 17:00');
  });

  it('counts within other office hours, as a province sets them: due at their closing', () => {
    const custom = new WorkingCalendar(calendar2026(), parseOfficeHours('08:00-12:00,13:00-17:30'));
    expect(isoLocal(custom.dueAt(new Date('2026-03-02T12:30:00+07:00'), hours(1), { cutoff: true }))).toBe('2026-03-02 14:00');
    expect(isoLocal(custom.dueAt(new Date('2026-03-02T09:00:00+07:00'), days(3), { cutoff: true }))).toBe('2026-03-05 17:30');
    // 8 h 30 a day: half a day is 4 h 15, the morning's four hours and a quarter after lunch.
    expect(isoLocal(custom.dueAt(new Date('2026-03-02T09:00:00+07:00'), days(0.5), { cutoff: true }))).toBe('2026-03-03 13:15');
  });

  it('spends exactly the hours given, in office time on working days, for any receipt in 2025–2026', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.integer(RECEIPTS_2025_2026), fc.integer({ min: 1, max: 48 }), fc.boolean(), (ms, n, cutoff) => {
        const receivedAt = new Date(ms);
        const start = calendar.startInstant(receivedAt, { cutoff });
        const dueAt = calendar.dueAt(receivedAt, hours(n), { cutoff });
        expect(dueAt.getTime()).toBeGreaterThan(receivedAt.getTime());
        expect(calendar.isWorkingDay(localDay(dueAt))).toBe(true);
        expect(calendar.officeMinutesBetween(start, dueAt)).toBeCloseTo(n * 60, 6);
        // Inside an office period (after its opening, up to its closing), to the millisecond: a
        // receipt at 07:30:00.001 falls due at 13:30:00.001, which the minutes alone read as 13:30.
        const t = localTimeOfDay(dueAt) / 60_000;
        expect((t > 450 && t <= 690) || (t > 810 && t <= 1020), isoLocal(dueAt)).toBe(true);
      }),
      // Found by this property: a receipt a millisecond after the opening.
      { numRuns: 300, examples: [[1745454600001, 34, false]] },
    );
  });
});

describe('working-day calendar, for any receipt in 2025–2026', () => {
  it('lands on a working day exactly n working days after day zero', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.integer(RECEIPTS_2025_2026), fc.integer({ min: 1, max: 30 }), fc.boolean(), (ms, n, cutoff) => {
        const receivedAt = new Date(ms);
        const start = calendar.startDay(receivedAt, { cutoff });
        const due = calendar.dueAt(receivedAt, days(n), { cutoff });
        expect(calendar.isWorkingDay(localDay(due))).toBe(true);
        expect(calendar.workingDaysBetween(start, localDay(due))).toBe(n);
        expect(localDay(due) > localDay(receivedAt)).toBe(true);
        expect(calendar.workingDaysLate(due, due)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the alert scan\'s working-day index', () => {
  it('counts the same working days as the calendar, across Tết 2027, inside and outside its range', () => {
    const first = dayNumber('2026-12-01');
    const last = dayNumber('2027-03-31');
    const index = new WorkingDayIndex(calendar, first, last);
    for (let a = first - 20; a <= last + 20; a += 3) {
      for (let b = a; b <= last + 20; b += 11) {
        expect(index.rank(b) - index.rank(a), `${dayFromNumber(a)} → ${dayFromNumber(b)}`).toBe(calendar.workingDaysBetween(dayFromNumber(a), dayFromNumber(b)));
      }
      expect(dayFromNumber(index.addWorkingDays(a, 5))).toBe(calendar.addWorkingDays(dayFromNumber(a), 5));
    }
  });
});
