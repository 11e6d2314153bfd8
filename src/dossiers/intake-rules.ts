// How the intake changes a dossier row: the new row from a first upsert, the revised row from
// a later one, and the row after each event. Pure: due dates come from a `DueDates`.
import type { CalendarData, ChannelKind, Procedure } from '../catalogue/schema';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../office-hours';
import { computeDueAt, workingCalendar } from './deadlines';
import { DossierConflictError, DossierInputError } from './errors';
import { knownProcedure, type DossierEventInput, type DossierInput } from './intake-input';
import { isClockStopped, isClosed, type DossierStatus } from './status';
import type { DossierRow } from './tables';
import { CalendarYearMissingError } from './working-days';

export interface DueDates {
  /** The due date of a dossier whose clock (re)started at `startedAt`. */
  dueFrom(procedure: Procedure, channel: ChannelKind, startedAt: Date): number;
  /** The due date moved on by the working time the dossier spent paused. */
  afterPause(dueAt: number, pausedAt: number, resumedAt: number): number;
  /** The procedure of a stored dossier; throws when the catalogue does not know it. */
  procedure(code: string): Procedure;
}

/** Due dates over the province's calendar, the desks' office hours and the catalogue as they are now. */
export function dueDates(calendar: CalendarData, procedures: (code: string) => Procedure | undefined, hours: OfficeHours = DEFAULT_OFFICE_HOURS): DueDates {
  const working = workingCalendar(calendar, hours);
  return {
    dueFrom: (procedure, channel, startedAt) => computeDueAt(working, procedure, channel, startedAt).getTime(),
    afterPause: (dueAt, pausedAt, resumedAt) => {
      try {
        return working.shiftForPause(new Date(dueAt), new Date(pausedAt), new Date(resumedAt)).getTime();
      } catch (error) {
        if (error instanceof CalendarYearMissingError) throw new DossierInputError('at', error.message);
        throw error;
      }
    },
    procedure: (code) => knownProcedure(procedures, code),
  };
}

/** The fields whose change makes an upsert an update; updated_at and the bookkeeping are not among them. */
const COMPARED = ['procedure_code', 'unit', 'official_id', 'applicant_name', 'applicant_phone', 'channel', 'status', 'received_at', 'clock_started_at', 'due_at', 'completed_at', 'paused_at'] as const;

/**
 * The row in `status` from `at`, however the change arrived (an upsert, a CSV row, a status
 * event), with the clock as the events keep it: a closing status stops it for good;
 * supplement_requested and paused stop it from `at`; leaving a pause for work moves the due date
 * on by the working days the pause lasted, and leaving a supplement request for work restarts
 * the count from zero (Mẫu 02) — unless the sender gives the due date itself (`dueAt`).
 */
export function withStatus(row: DossierRow, status: DossierStatus, at: number, dates: DueDates, dueAt?: number): DossierRow {
  if (status === row.status) return row;
  if (isClosed(status)) return { ...row, status, completed_at: row.completed_at ?? at, paused_at: null };
  const next: DossierRow = { ...row, status, completed_at: null };
  if (isClockStopped(status)) return { ...next, paused_at: row.paused_at ?? at };
  if (row.paused_at === null) return next;
  if (row.status === 'supplement_requested') {
    const due = dueAt ?? dates.dueFrom(dates.procedure(row.procedure_code), row.channel as ChannelKind, new Date(at));
    return { ...next, clock_started_at: at, due_at: due, paused_at: null };
  }
  return { ...resumed(next, at, dates), status };
}

/** A dossier's first row, from its first upsert at `now`. */
export function newDossier(code: string, agency: string, procedure: Procedure, input: DossierInput, dates: DueDates, now: number): DossierRow {
  const receivedAt = input.receivedAt.getTime();
  const row: DossierRow = {
    code,
    agency_code: agency,
    procedure_code: procedure.code,
    unit: input.unit,
    official_id: input.officialId ?? null,
    applicant_name: input.applicantName,
    applicant_phone: input.applicantPhone,
    channel: input.channel,
    status: 'received',
    received_at: receivedAt,
    clock_started_at: receivedAt,
    due_at: input.dueAt?.getTime() ?? dates.dueFrom(procedure, input.channel, input.receivedAt),
    original_due_at: null,
    extended: 0,
    paused_at: null,
    completed_at: null,
    updated_at: now,
  };
  return withStatus(row, input.status ?? 'received', now, dates);
}

/** The row after a repeated upsert at `now`, or undefined when the upsert changes nothing. */
export function revisedDossier(old: DossierRow, procedure: Procedure, input: DossierInput, dates: DueDates, now: number): DossierRow | undefined {
  const receivedAt = input.receivedAt.getTime();
  const timingChanged = old.received_at !== receivedAt || old.procedure_code !== procedure.code || old.channel !== input.channel;
  let next: DossierRow = {
    ...old,
    procedure_code: procedure.code,
    unit: input.unit,
    official_id: input.officialId === undefined ? old.official_id : input.officialId,
    applicant_name: input.applicantName,
    applicant_phone: input.applicantPhone,
    channel: input.channel,
    received_at: receivedAt,
  };
  if (input.status) next = withStatus(next, input.status, now, dates, input.dueAt?.getTime());
  if (input.dueAt) next.due_at = input.dueAt.getTime();
  else if (timingChanged && next.clock_started_at === old.received_at && old.extended === 0) {
    // The receipt was corrected and the clock never restarted: count again from the new receipt.
    next.clock_started_at = receivedAt;
    next.due_at = dates.dueFrom(procedure, input.channel, input.receivedAt);
  }
  if (COMPARED.every((k) => next[k] === old[k])) return undefined;
  return { ...next, updated_at: now };
}

/** The dossier after one event (updated_at aside); throws when the event makes no sense in this state. */
export function applyEvent(old: DossierRow, event: DossierEventInput, dates: DueDates): DossierRow {
  const at = event.at.getTime();
  switch (event.type) {
    case 'status': {
      if (!event.status) throw new DossierInputError('status', 'is required for a status event');
      return withStatus(old, event.status, at, dates, event.newDueAt?.getTime());
    }
    case 'supplement_requested':
      if (isClosed(old.status as DossierStatus)) throw new DossierConflictError(`dossier ${old.code} is closed (${old.status})`);
      return { ...old, status: 'supplement_requested', paused_at: at };
    case 'supplement_received': {
      if (old.status !== 'supplement_requested') throw new DossierConflictError(`dossier ${old.code} has no open supplement request`);
      const procedure = dates.procedure(old.procedure_code);
      // The clock restarts from zero once the dossier is complete (Decree 118/2025, Mẫu 02).
      const due = event.newDueAt?.getTime() ?? dates.dueFrom(procedure, old.channel as ChannelKind, event.at);
      return { ...old, status: event.status ?? 'processing', clock_started_at: at, due_at: due, paused_at: null };
    }
    case 'extended': {
      if (!event.newDueAt) throw new DossierInputError('newDueAt', 'is required for an extension');
      if (old.extended) throw new DossierConflictError(`dossier ${old.code} was already extended once (Mẫu 04); a second extension is not allowed`);
      if (event.newDueAt.getTime() <= old.due_at) throw new DossierInputError('newDueAt', 'must be later than the current due date');
      return { ...old, original_due_at: old.due_at, due_at: event.newDueAt.getTime(), extended: 1 };
    }
    case 'paused':
      if (isClosed(old.status as DossierStatus)) throw new DossierConflictError(`dossier ${old.code} is closed (${old.status})`);
      if (old.status === 'paused') throw new DossierConflictError(`dossier ${old.code} is already paused`);
      return { ...old, status: 'paused', paused_at: at };
    case 'resumed':
      if (old.status !== 'paused' || old.paused_at === null) throw new DossierConflictError(`dossier ${old.code} is not paused`);
      return { ...resumed(old, at, dates), status: event.status ?? 'processing' };
  }
}

function resumed(old: DossierRow, at: number, dates: DueDates): DossierRow {
  return { ...old, due_at: dates.afterPause(old.due_at, old.paused_at ?? at, at), paused_at: null };
}
