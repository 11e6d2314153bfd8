// How the intake changes a dossier row, without a database: the first row, a revised row, and
// the row after each event, over the real calendar.
import { beforeAll, expect, it } from 'vitest';
import type { Procedure } from '../../src/catalogue/schema';
import { DossierConflictError, DossierInputError } from '../../src/dossiers/errors';
import { applyEvent, dueDates, newDossier, revisedDossier, type DueDates } from '../../src/dossiers/intake-rules';
import { localDay } from '../../src/dossiers/working-days';
import { findProcedure, makeDossier, realCalendar } from './factory';

const code = '000.00.20.H56-261120-0001';
const now = Date.parse('2026-11-20T10:05:00+07:00');
const birth = findProcedure('1.001193') as Procedure;
let dates: DueDates;

beforeAll(async () => {
  dates = dueDates(await realCalendar(), findProcedure);
});

const first = () => newDossier(code, '000.00.20.H56', birth, makeDossier(), dates, now);

it('builds the first row with a due date counted from receipt: Fri 20/11 + 3 is Thu 26/11', () => {
  const row = first();
  expect(row).toMatchObject({ code, agency_code: '000.00.20.H56', status: 'received', extended: 0, completed_at: null, updated_at: now });
  expect(row.clock_started_at).toBe(row.received_at);
  expect(localDay(new Date(row.due_at))).toBe('2026-11-26');
  expect(newDossier(code, 'a', birth, makeDossier({ status: 'ready' }), dates, now).completed_at).toBe(now);
});

it('revises nothing for the same upsert, and recounts the due date when the receipt moves', () => {
  const row = first();
  expect(revisedDossier(row, birth, makeDossier(), dates, now + 1)).toBeUndefined();
  const moved = revisedDossier(row, birth, makeDossier({ receivedAt: new Date('2026-11-23T10:00:00+07:00') }), dates, now + 1);
  expect(localDay(new Date(moved!.due_at))).toBe('2026-11-27');
  expect(moved).toMatchObject({ clock_started_at: Date.parse('2026-11-23T10:00:00+07:00'), updated_at: now + 1 });
  expect(revisedDossier(row, birth, makeDossier({ officialId: undefined }), dates, now + 1)).toBeUndefined();
});

it('pauses and resumes, moving the due date on by the working day the pause took', () => {
  const paused = applyEvent(first(), { type: 'paused', at: new Date('2026-11-23T09:00:00+07:00') }, dates);
  expect(paused.status).toBe('paused');
  const resumed = applyEvent(paused, { type: 'resumed', at: new Date('2026-11-25T09:00:00+07:00') }, dates);
  expect(resumed).toMatchObject({ status: 'processing', paused_at: null });
  expect(localDay(new Date(resumed.due_at))).toBe('2026-11-27');
  expect(() => applyEvent(resumed, { type: 'resumed', at: new Date('2026-11-26T09:00:00+07:00') }, dates)).toThrow(DossierConflictError);
});

it('restarts the clock once a requested supplement arrives', () => {
  const asked = applyEvent(first(), { type: 'supplement_requested', at: new Date('2026-11-23T09:00:00+07:00') }, dates);
  const received = applyEvent(asked, { type: 'supplement_received', at: new Date('2026-11-27T09:00:00+07:00') }, dates);
  expect(received).toMatchObject({ status: 'processing', clock_started_at: Date.parse('2026-11-27T09:00:00+07:00'), paused_at: null });
  expect(localDay(new Date(received.due_at))).toBe('2026-12-02');
});

it('allows one extension to a later date only', () => {
  const row = first();
  const later = new Date(row.due_at + 86_400_000);
  const extended = applyEvent(row, { type: 'extended', at: new Date(now), newDueAt: later }, dates);
  expect(extended).toMatchObject({ extended: 1, original_due_at: row.due_at, due_at: later.getTime() });
  expect(() => applyEvent(extended, { type: 'extended', at: new Date(now), newDueAt: new Date(later.getTime() + 1) }, dates)).toThrow(DossierConflictError);
  expect(() => applyEvent(row, { type: 'extended', at: new Date(now), newDueAt: new Date(row.due_at) }, dates)).toThrow(DossierInputError);
  expect(() => applyEvent(row, { type: 'status', at: new Date(now) }, dates)).toThrow(DossierInputError);
});

it('closes a dossier on a closing status, and refuses to pause it then', () => {
  const ready = applyEvent(first(), { type: 'status', at: new Date(now + 1000), status: 'ready' }, dates);
  expect(ready).toMatchObject({ status: 'ready', completed_at: now + 1000 });
  expect(() => applyEvent(ready, { type: 'paused', at: new Date(now + 2000) }, dates)).toThrow(DossierConflictError);
});
