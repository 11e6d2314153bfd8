// The intake's checks before any read or write: the code, the procedure, the dates.
import { expect, it } from 'vitest';
import { checkEvent, checkUpsert, eventRequestHash } from '../../src/dossiers/intake-input';
import { findProcedure, makeDossier } from './factory';

const now = new Date('2026-11-20T10:05:00+07:00');
const code = '000.00.20.H56-261120-0001';

it('gives the agency of the code and the procedure of a good upsert', () => {
  const checked = checkUpsert(code, makeDossier(), findProcedure, now);
  expect(checked.agency).toBe('000.00.20.H56');
  expect(checked.procedure.code).toBe('1.001193');
});

it('names the first wrong field of an upsert', () => {
  const fieldOf = (c: string, overrides: Parameters<typeof makeDossier>[0]) => {
    try {
      checkUpsert(c, makeDossier(overrides), findProcedure, now);
      return undefined;
    } catch (error) {
      return (error as { field?: string }).field;
    }
  };
  expect(fieldOf('000.00.20.h56-261120-0001', {})).toBe('code');
  expect(fieldOf('H56-261120-0001', {})).toBe('code');
  expect(fieldOf(code, { procedureCode: '9.999999' })).toBe('procedureCode');
  expect(fieldOf(code, { receivedAt: new Date('1999-12-31T00:00:00Z') })).toBe('receivedAt');
  expect(fieldOf(code, { dueAt: new Date('2046-12-31T00:00:00Z') })).toBe('dueAt');
  expect(fieldOf(code, { dueAt: new Date('2026-11-19T17:00:00+07:00') })).toBe('dueAt');
});

it('checks the dates of an event', () => {
  expect(() => checkEvent({ type: 'paused', at: new Date('2026-11-21T10:00:00+07:00') }, now)).not.toThrow();
  expect(() => checkEvent({ type: 'paused', at: new Date(Number.NaN) }, now)).toThrow(expect.objectContaining({ field: 'at' }));
  expect(() => checkEvent({ type: 'extended', at: now, newDueAt: new Date('1990-01-01T00:00:00Z') }, now)).toThrow(expect.objectContaining({ field: 'newDueAt' }));
});

it('names the same event request alike and a different one otherwise', () => {
  const event = { type: 'status' as const, at: now, status: 'processing' as const };
  expect(eventRequestHash({ ...event })).toBe(eventRequestHash(event));
  expect(eventRequestHash({ ...event, note: 'x' })).not.toBe(eventRequestHash(event));
  expect(eventRequestHash(event)).toMatch(/^[0-9a-f]{32}$/);
});
