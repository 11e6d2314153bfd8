// OFFICE_HOURS: parsed once by the config, refused with the variable named, and the due dates
// citizens read, with the hour only when a dossier falls due during the office day.
process.env.TZ = 'America/New_York';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config';
import { DEFAULT_OFFICE_HOURS, formatDue, officeMinutesPerDay, parseOfficeHours } from '../src/office-hours';

describe('OFFICE_HOURS', () => {
  it('defaults to 07:30–11:30 and 13:30–17:00, seven and a half office hours', () => {
    const hours = parseConfig({}).OFFICE_HOURS;
    expect(hours).toEqual(DEFAULT_OFFICE_HOURS);
    expect(hours.periods).toEqual([{ open: 450, close: 690 }, { open: 810, close: 1020 }]);
    expect(officeMinutesPerDay(hours)).toBe(450);
    expect(parseConfig({ OFFICE_HOURS: '' }).OFFICE_HOURS).toEqual(DEFAULT_OFFICE_HOURS);
  });

  it('takes a province\'s own periods, spaces allowed', () => {
    expect(parseConfig({ OFFICE_HOURS: '08:00-12:00, 13:00 - 17:30' }).OFFICE_HOURS.periods).toEqual([{ open: 480, close: 720 }, { open: 780, close: 1050 }]);
    expect(parseConfig({ OFFICE_HOURS: '7:00-16:00' }).OFFICE_HOURS.periods).toEqual([{ open: 420, close: 960 }]);
  });

  it.each([
    ['7h30-11h30', 'is not HH:MM-HH:MM'],
    ['07:30-11:30;13:30-17:00', 'is not HH:MM-HH:MM'],
    ['08:00-12:00,', 'period 2 is not HH:MM-HH:MM'],
    ['25:00-26:00', 'is not HH:MM-HH:MM'],
    ['07:30-07:70', 'is not HH:MM-HH:MM'],
    ['11:30-07:30', 'closes before it opens'],
    ['13:30-17:00,07:30-11:30', 'list the periods in order'],
    ['07:30-12:00,11:30-17:00', 'opens before period 1 closes'],
    // A deadline due at 24:00 is the next day's 00:00: a Friday's would read as Saturday.
    ['07:30-11:30,13:30-24:00', 'period 2 closes after 23:59'],
    ['00:00-24:00', 'period 1 closes after 23:59'],
  ])('refuses %s, naming OFFICE_HOURS and the rule but not the value', (value, rule) => {
    let error: unknown;
    try {
      parseConfig({ OFFICE_HOURS: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).keys).toEqual(['OFFICE_HOURS']);
    expect((error as ConfigError).message).toContain('OFFICE_HOURS');
    expect((error as ConfigError).message).toContain(rule);
    expect((error as ConfigError).message).not.toContain(value);
  });
});

describe('a due date as citizens read it', () => {
  it('shows the hour of a time in hours: "10:00 ngày 02/03/2026", whatever the server\'s TZ', () => {
    expect(formatDue(DEFAULT_OFFICE_HOURS, new Date('2026-03-02T10:00:00+07:00'))).toBe('10:00 ngày 02/03/2026');
    expect(formatDue(DEFAULT_OFFICE_HOURS, new Date('2026-03-02T11:30:00+07:00'))).toBe('11:30 ngày 02/03/2026');
    expect(formatDue(DEFAULT_OFFICE_HOURS, new Date('2026-03-02T07:30:00+07:00'))).toBe('07:30 ngày 02/03/2026');
  });

  it('shows the date alone for a deadline by the day: at the closing, or outside office hours', () => {
    expect(formatDue(DEFAULT_OFFICE_HOURS, new Date('2026-03-02T17:00:00+07:00'))).toBe('02/03/2026');
    expect(formatDue(DEFAULT_OFFICE_HOURS, new Date('2026-03-02T23:59:00+07:00'))).toBe('02/03/2026');
    expect(formatDue(DEFAULT_OFFICE_HOURS, new Date('2026-03-02T00:00:00+07:00'))).toBe('02/03/2026');
    // Another province's closing is 17:30: its 17:00 is an hour.
    const late = parseOfficeHours('08:00-12:00,13:00-17:30');
    expect(formatDue(late, new Date('2026-03-02T17:30:00+07:00'))).toBe('02/03/2026');
    expect(formatDue(late, new Date('2026-03-02T17:00:00+07:00'))).toBe('17:00 ngày 02/03/2026');
  });
});
