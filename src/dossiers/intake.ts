// Intake from one-stop systems: upserting a dossier and recording its events, each in one
// transaction with its history row and outbox messages. Repeating a request changes nothing.
import crypto from 'node:crypto';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { CalendarData, ChannelKind, Procedure } from '../catalogue/schema';
import type { Database } from '../store/database';
import { writesOneAtATime } from '../store/db';
import { intakeStatements, type IntakeStatements } from './compiled';
import { parseDossierCode } from './codes';
import { calendarWarnings, computeDueAt, workingCalendar } from './deadlines';
import { checkDossierDate } from './bounds';
import { DossierConflictError, DossierInputError, DossierNotFoundError } from './errors';
import { notifySubscribers } from './notify';
import { isClosed, type DossierStatus } from './status';
import type { DossierRow } from './tables';
import { CalendarYearMissingError } from './working-days';

export interface DossierInput {
  procedureCode: string;
  unit: string;
  officialId?: string | null;
  applicantName: string;
  applicantPhone: string;
  channel: ChannelKind;
  receivedAt: Date;
  status?: DossierStatus;
  dueAt?: Date;
}

export const EVENT_TYPES = ['status', 'supplement_requested', 'supplement_received', 'extended', 'paused', 'resumed'] as const;
export type DossierEventType = (typeof EVENT_TYPES)[number];

export interface DossierEventInput {
  type: DossierEventType;
  at: Date;
  status?: DossierStatus;
  newDueAt?: Date;
  note?: string;
}

export interface IntakeDeps {
  db: Kysely<Database>;
  procedure: (code: string) => Procedure | undefined;
  calendar: () => CalendarData;
  now: () => Date;
}

export type Outcome = 'created' | 'updated' | 'unchanged';

export interface IntakeResult {
  outcome: Outcome;
  dossier: DossierRow;
  /** E.g. a due date counted over a year the calendar does not cover yet. */
  warnings?: string[];
}

/** Who did it, for the history: an agency code, "import", … */
export type Actor = string;

interface UpsertRequest {
  actor: Actor;
  agency: string;
  code: string;
  procedure: Procedure;
  input: DossierInput;
}

interface PendingUpsert extends UpsertRequest {
  attempts: number;
  resolve(result: IntakeResult): void;
  reject(error: unknown): void;
}

/** Enough to pay one commit for many upserts, small enough that no answer waits long. */
const MAX_BATCH = 64;
const SAVEPOINT = CompiledQuery.raw('SAVEPOINT intake_upsert');
const RELEASE = CompiledQuery.raw('RELEASE SAVEPOINT intake_upsert');
const ROLLBACK_TO = CompiledQuery.raw('ROLLBACK TO SAVEPOINT intake_upsert');

const COMPARED = ['procedure_code', 'unit', 'official_id', 'applicant_name', 'applicant_phone', 'channel', 'status', 'received_at', 'clock_started_at', 'due_at', 'completed_at', 'paused_at'] as const;

function requestHash(parts: unknown[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

function withStatus(row: DossierRow, status: DossierStatus, at: number): DossierRow {
  if (status === row.status) return row;
  const closed = isClosed(status);
  return { ...row, status, completed_at: closed ? (row.completed_at ?? at) : null, paused_at: closed ? null : row.paused_at };
}

export class DossierIntake {
  /** Agencies already in the table: one insert fewer per new dossier. */
  private readonly knownAgencies = new Set<string>();

  private readonly sql: IntakeStatements;
  /** Batch concurrent upserts into one transaction: only where writes run one at a time anyway. */
  private readonly batched: boolean;
  private pending: PendingUpsert[] = [];
  private flushing = false;

  constructor(private readonly deps: IntakeDeps) {
    this.sql = intakeStatements(deps.db);
    this.batched = writesOneAtATime(deps.db);
  }

  private procedureOf(code: string): Procedure {
    const procedure = this.deps.procedure(code);
    if (!procedure) throw new DossierInputError('procedureCode', `unknown procedure ${code}`);
    return procedure;
  }

  private dueFrom(procedure: Procedure, channel: ChannelKind, startedAt: Date): number {
    return computeDueAt(workingCalendar(this.deps.calendar()), procedure, channel, startedAt).getTime();
  }

  async upsert(actor: Actor, code: string, input: DossierInput): Promise<IntakeResult> {
    const parsed = parseDossierCode(code);
    if (!parsed || parsed.code !== code) throw new DossierInputError('code', `"${code}" is not a dossier code like 000.00.20.H56-251124-0007`);
    const procedure = this.procedureOf(input.procedureCode);
    checkDossierDate('receivedAt', input.receivedAt, this.deps.now());
    checkDossierDate('dueAt', input.dueAt, this.deps.now());
    if (input.dueAt && input.dueAt.getTime() < input.receivedAt.getTime()) throw new DossierInputError('dueAt', 'is before receivedAt');
    const request = { actor, agency: parsed.agencyCode, code, procedure, input };
    const result = this.batched ? await this.queued(request) : await this.alone(request);
    const warnings = calendarWarnings(this.deps.calendar(), new Date(result.dossier.clock_started_at), new Date(result.dossier.due_at));
    return warnings.length > 0 ? { ...result, warnings } : result;
  }

  /** One transaction per upsert: the way for a database that writes from many connections at once. */
  private async alone(request: UpsertRequest): Promise<IntakeResult> {
    // A concurrent first insert of the same code loses the race once, then updates.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const agencies = new Set<string>();
      const result = await this.deps.db.transaction().execute((tx) => this.upsertIn(tx, request, agencies));
      for (const agency of agencies) this.knownAgencies.add(agency);
      if (result) return result;
    }
    throw new DossierConflictError(`concurrent writes to ${request.code}`);
  }

  private queued(request: UpsertRequest): Promise<IntakeResult> {
    return new Promise((resolve, reject) => {
      // Flushed after this turn of the event loop, so that requests read in the same turn join.
      if (this.pending.push({ ...request, attempts: 0, resolve, reject }) === 1 && !this.flushing) setImmediate(() => void this.flush());
    });
  }

  /** Runs queued upserts, a batch per transaction, until none is left. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length > 0) await this.runBatch(this.pending.splice(0, MAX_BATCH));
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Upserts that arrived while the previous transaction ran share one transaction, each in its
   * own savepoint: one bad request rolls back only itself, and the batch pays for one commit.
   * Answers go out only after the commit.
   */
  private async runBatch(batch: PendingUpsert[]): Promise<void> {
    const done: [PendingUpsert, IntakeResult][] = [];
    const failed: [PendingUpsert, unknown][] = [];
    const lost: PendingUpsert[] = [];
    const agencies = new Set<string>();
    try {
      await this.deps.db.transaction().execute(async (tx) => {
        // Batches run where one connection writes (SQLite): once an upsert has written, the
        // transaction holds the database's write lock, and the next upserts need not take it.
        let locked = false;
        for (const item of batch) {
          await tx.executeQuery(SAVEPOINT);
          try {
            const result = await this.upsertIn(tx, item, agencies, locked);
            await tx.executeQuery(RELEASE);
            locked = true;
            if (result) done.push([item, result]);
            else lost.push(item);
          } catch (error) {
            await tx.executeQuery(ROLLBACK_TO);
            await tx.executeQuery(RELEASE);
            failed.push([item, error]);
          }
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(failed.find(([f]) => f === item)?.[1] ?? error);
      return;
    }
    for (const agency of agencies) this.knownAgencies.add(agency);
    for (const [item, result] of done) item.resolve(result);
    for (const [item, error] of failed) item.reject(error);
    // Another process inserted the same code first: try once more, as an update.
    for (const item of lost) {
      item.attempts += 1;
      if (item.attempts >= 2) item.reject(new DossierConflictError(`concurrent writes to ${item.code}`));
      else this.pending.push(item);
    }
  }

  /**
   * `agencies` collects the agency rows inserted, to remember once the transaction commits;
   * `locked`: the transaction already holds the lock that lockedDossier would take.
   */
  private async upsertIn(tx: Transaction<Database>, request: UpsertRequest, agencies: Set<string>, locked = false): Promise<IntakeResult | undefined> {
    const { actor, agency, code, procedure, input } = request;
    const now = this.deps.now().getTime();
    const existing = locked ? await selectDossier(tx, this.sql, code) : await lockedDossier(tx, this.sql, code);
    const receivedAt = input.receivedAt.getTime();
    if (!existing) {
      const status = input.status ?? 'received';
      const base: DossierRow = {
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
        due_at: input.dueAt?.getTime() ?? this.dueFrom(procedure, input.channel, input.receivedAt),
        original_due_at: null,
        extended: 0,
        paused_at: null,
        completed_at: null,
        updated_at: now,
      };
      const row = withStatus(base, status, now);
      if (!this.knownAgencies.has(agency)) {
        await tx.executeQuery(this.sql.insertAgency({ code: agency, name: null, created_at: now }));
      }
      const inserted = await tx.executeQuery(this.sql.insertDossier(row));
      if (Number(inserted.numAffectedRows ?? 0n) === 0) return undefined;
      await this.history(tx, code, 'received', receivedAt, row.status, actor, null, null, now);
      agencies.add(agency);
      return { outcome: 'created', dossier: row };
    }

    const old = existing as DossierRow;
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
    if (input.dueAt) next.due_at = input.dueAt.getTime();
    else if (timingChanged && old.clock_started_at === old.received_at && old.extended === 0) {
      // The receipt was corrected and the clock never restarted: count again from the new receipt.
      next.clock_started_at = receivedAt;
      next.due_at = this.dueFrom(procedure, input.channel, input.receivedAt);
    }
    if (input.status) next = withStatus(next, input.status, now);
    if (COMPARED.every((k) => next[k] === old[k])) return { outcome: 'unchanged', dossier: old };
    next.updated_at = now;
    await tx.executeQuery(this.sql.updateDossier(next));
    const statusChanged = next.status !== old.status;
    const eventId = await this.history(tx, code, statusChanged ? 'status' : 'updated', now, statusChanged ? next.status : null, actor, null, null, now);
    if (statusChanged) await notifySubscribers(tx, next, eventId, procedure.name, new Date(now));
    return { outcome: 'updated', dossier: next };
  }

  async recordEvent(actor: Actor, code: string, event: DossierEventInput): Promise<IntakeResult> {
    checkDossierDate('at', event.at, this.deps.now());
    checkDossierDate('newDueAt', event.newDueAt, this.deps.now());
    const hash = requestHash([event.type, event.at.getTime(), event.status ?? null, event.newDueAt?.getTime() ?? null, event.note ?? null]);
    return this.deps.db.transaction().execute(async (tx) => {
      const now = this.deps.now().getTime();
      const existing = await lockedDossier(tx, this.sql, code);
      if (!existing) throw new DossierNotFoundError(code);
      const old = existing as DossierRow;
      const seen = await tx.selectFrom('dossier_events').select('id').where('dossier_code', '=', code).where('request_hash', '=', hash).executeTakeFirst();
      if (seen) return { outcome: 'unchanged', dossier: old };
      const next = this.apply(old, event);
      next.updated_at = now;
      await tx.executeQuery(this.sql.updateDossier(next));
      const eventId = await this.history(tx, code, event.type, event.at.getTime(), next.status, actor, event.note ?? null, hash, now);
      if (next.status !== old.status || next.due_at !== old.due_at) {
        await notifySubscribers(tx, next, eventId, this.deps.procedure(next.procedure_code)?.name, new Date(now));
      }
      return { outcome: 'updated', dossier: next };
    });
  }

  /** The dossier after one event; throws when the event makes no sense in this state. */
  private apply(old: DossierRow, event: DossierEventInput): DossierRow {
    const at = event.at.getTime();
    switch (event.type) {
      case 'status': {
        if (!event.status) throw new DossierInputError('status', 'is required for a status event');
        let next = old;
        if (old.status === 'paused' && old.paused_at !== null && !isClosed(event.status) && event.status !== 'paused') next = this.resume(old, at);
        return withStatus({ ...next }, event.status, at);
      }
      case 'supplement_requested':
        if (isClosed(old.status as DossierStatus)) throw new DossierConflictError(`dossier ${old.code} is closed (${old.status})`);
        return { ...old, status: 'supplement_requested', paused_at: at };
      case 'supplement_received': {
        if (old.status !== 'supplement_requested') throw new DossierConflictError(`dossier ${old.code} has no open supplement request`);
        const procedure = this.procedureOf(old.procedure_code);
        // The clock restarts from zero once the dossier is complete (Decree 118/2025, Mẫu 02).
        const due = event.newDueAt?.getTime() ?? this.dueFrom(procedure, old.channel as ChannelKind, event.at);
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
        return { ...this.resume(old, at), status: event.status ?? 'processing' };
    }
  }

  private resume(old: DossierRow, at: number): DossierRow {
    let due: number;
    try {
      due = workingCalendar(this.deps.calendar()).shiftForPause(new Date(old.due_at), new Date(old.paused_at ?? at), new Date(at)).getTime();
    } catch (error) {
      if (error instanceof CalendarYearMissingError) throw new DossierInputError('at', error.message);
      throw error;
    }
    return { ...old, due_at: due, paused_at: null };
  }

  private async history(tx: Transaction<Database>, code: string, type: string, at: number, status: string | null, actor: Actor, note: string | null, hash: string | null, now: number): Promise<string> {
    // Time-ordered ids: new history rows land at the end of the primary-key index.
    const id = `${now.toString(36).padStart(9, '0')}-${crypto.randomUUID()}`;
    await tx.executeQuery(this.sql.insertEvent({ id, dossier_code: code, type, at, status, actor, note, request_hash: hash, created_at: now }));
    return id;
  }
}

/**
 * Reads a dossier for update. A no-op UPDATE first takes the row lock on PostgreSQL (and the
 * write lock on SQLite), so two concurrent events on one dossier apply one after the other
 * instead of overwriting each other — without a dialect branch.
 */
async function lockedDossier(tx: Transaction<Database>, statements: IntakeStatements, code: string): Promise<DossierRow | undefined> {
  await tx.executeQuery(statements.lockDossier({ code }));
  return selectDossier(tx, statements, code);
}

async function selectDossier(tx: Transaction<Database>, statements: IntakeStatements, code: string): Promise<DossierRow | undefined> {
  const { rows } = await tx.executeQuery(statements.selectDossier({ code }));
  return rows[0] as DossierRow | undefined;
}
