// Run under a far-off zone: the engine must not depend on the server's TZ.
process.env.TZ = 'America/New_York';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/catalogue/loader';
import type { CalendarData } from '../../src/catalogue/schema';
import { dayFromNumber, dayNumber } from '../../src/local-time';
import { CalendarYearMissingError, DeadlineError, formatLocalDate, localDay, WorkingCalendar, WorkingDayIndex } from '../../src/dossiers/working-days';

const days = (value: number) => ({ value, unit: 'working_days' as const, text: `${value} ngày làm việc` });
let calendar: WorkingCalendar;

beforeAll(async () => {
  const { catalogue, problems } = await loadCatalogue(path.resolve('procedures'));
  expect(problems).toEqual([]);
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

describe('working-day calendar, for any receipt in 2025–2026', () => {
  it('lands on a working day exactly n working days after day zero', async () => {
    const fc = await import('fast-check');
    const from = Date.parse('2025-01-01T00:00:00+07:00');
    const to = Date.parse('2026-10-31T23:59:59+07:00');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 30 }), fc.boolean(), (ms, n, cutoff) => {
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
