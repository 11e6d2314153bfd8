// Intake from one-stop systems: each upsert or event applied in one transaction of the
// dossier store, with its history row and outbox messages. Repeating a request changes nothing.
// The checks live in intake-input.ts, the row changes in intake-rules.ts.
import crypto from 'node:crypto';
import type { CalendarData, Procedure } from '../catalogue/schema';
import type { OfficeHours } from '../office-hours';
import type { DossierStore, DossierTransaction } from '../store/dossiers';
import { calendarWarnings } from './deadlines';
import { DossierConflictError, DossierNotFoundError } from './errors';
import { checkEvent, checkUpsert, eventRequestHash, type DossierEventInput, type DossierInput } from './intake-input';
import { applyEvent, dueDates, newDossier, revisedDossier, type DueDates } from './intake-rules';
import { phoneLast4 } from './mask';
import { notifySubscribers, statusChangeText } from './notify';
import type { DossierRow } from './tables';

export interface IntakeDeps {
  store: DossierStore;
  procedure: (code: string) => Procedure | undefined;
  calendar: () => CalendarData;
  officeHours: OfficeHours;
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

export class DossierIntake {
  /** Agencies already in the table: one insert fewer per new dossier. */
  private readonly knownAgencies = new Set<string>();

  /** Batch concurrent upserts into one transaction: only where writes run one at a time anyway. */
  private readonly batched: boolean;
  private pending: PendingUpsert[] = [];
  private flushing = false;

  constructor(private readonly deps: IntakeDeps) {
    this.batched = deps.store.writesOneAtATime;
  }

  /** Read per use, so a reloaded catalogue or calendar is picked up. */
  private dueDates(): DueDates {
    return dueDates(this.deps.calendar(), this.deps.procedure, this.deps.officeHours);
  }

  async upsert(actor: Actor, code: string, input: DossierInput): Promise<IntakeResult> {
    const { agency, procedure } = checkUpsert(code, input, this.deps.procedure, this.deps.now());
    const request = { actor, agency, code, procedure, input };
    const result = this.batched ? await this.queued(request) : await this.alone(request);
    const warnings = calendarWarnings(this.deps.calendar(), new Date(result.dossier.clock_started_at), new Date(result.dossier.due_at));
    return warnings.length > 0 ? { ...result, warnings } : result;
  }

  /** One transaction per upsert: the way for a database that writes from many connections at once. */
  private async alone(request: UpsertRequest): Promise<IntakeResult> {
    // A concurrent first insert of the same code loses the race once, then updates.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const agencies = new Set<string>();
      const result = await this.deps.store.transaction((tx) => this.upsertIn(tx, request, agencies));
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
      await this.deps.store.transaction(async (tx) => {
        // Batches run where one connection writes (SQLite): once an upsert has written, the
        // transaction holds the database's write lock, and the next upserts need not take it.
        let locked = false;
        for (const item of batch) {
          const outcome = await tx.savepoint(() => this.upsertIn(tx, item, agencies, locked));
          if (!outcome.ok) {
            failed.push([item, outcome.error]);
            continue;
          }
          locked = true;
          if (outcome.value) done.push([item, outcome.value]);
          else lost.push(item);
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
   * `locked`: the transaction already holds the lock that findForUpdate would take.
   * Undefined when another transaction inserted the same code first.
   */
  private async upsertIn(tx: DossierTransaction, request: UpsertRequest, agencies: Set<string>, locked = false): Promise<IntakeResult | undefined> {
    const { actor, agency, code, procedure, input } = request;
    const now = this.deps.now().getTime();
    const old = locked ? await tx.find(code) : await tx.findForUpdate(code);
    if (!old) {
      const row = newDossier(code, agency, procedure, input, this.dueDates(), now);
      if (!this.knownAgencies.has(agency)) await tx.addAgency(agency, now);
      if (!(await tx.insert(row))) return undefined;
      await addHistory(tx, { code, type: 'received', at: row.received_at, status: row.status, actor, now });
      agencies.add(agency);
      return { outcome: 'created', dossier: row };
    }
    const next = revisedDossier(old, procedure, input, this.dueDates(), now);
    if (!next) return { outcome: 'unchanged', dossier: old };
    await tx.update(next);
    // The chats following it proved the old phone's digits, not the new one's: a corrected
    // phone may mean they were someone else's. The applicant follows again with /theodoi.
    if (phoneLast4(next.applicant_phone) !== phoneLast4(old.applicant_phone)) await tx.unsubscribeAll(code);
    const statusChanged = next.status !== old.status;
    const eventId = await addHistory(tx, { code, type: statusChanged ? 'status' : 'updated', at: now, status: statusChanged ? next.status : null, actor, now });
    if (statusChanged) await notifySubscribers(tx, next, eventId, statusChangeText(next, procedure.name, this.deps.officeHours), new Date(now));
    return { outcome: 'updated', dossier: next };
  }

  async recordEvent(actor: Actor, code: string, event: DossierEventInput): Promise<IntakeResult> {
    checkEvent(event, this.deps.now());
    const hash = eventRequestHash(event);
    return this.deps.store.transaction(async (tx) => {
      const now = this.deps.now().getTime();
      const old = await tx.findForUpdate(code);
      if (!old) throw new DossierNotFoundError(code);
      if (await tx.hasEvent(code, hash)) return { outcome: 'unchanged', dossier: old };
      const next = { ...applyEvent(old, event, this.dueDates()), updated_at: now };
      await tx.update(next);
      const eventId = await addHistory(tx, { code, type: event.type, at: event.at.getTime(), status: next.status, actor, note: event.note ?? null, requestHash: hash, now });
      if (next.status !== old.status || next.due_at !== old.due_at) {
        await notifySubscribers(tx, next, eventId, statusChangeText(next, this.deps.procedure(next.procedure_code)?.name, this.deps.officeHours), new Date(now));
      }
      return { outcome: 'updated', dossier: next };
    });
  }
}

interface HistoryEntry {
  code: string;
  type: string;
  at: number;
  status: string | null;
  actor: Actor;
  note?: string | null;
  requestHash?: string | null;
  /** When it is written. */
  now: number;
}

/** Adds a history row; returns its id. */
async function addHistory(tx: DossierTransaction, entry: HistoryEntry): Promise<string> {
  // Time-ordered ids: new history rows land at the end of the primary-key index.
  const id = `${entry.now.toString(36).padStart(9, '0')}-${crypto.randomUUID()}`;
  await tx.addEvent({ id, dossier_code: entry.code, type: entry.type, at: entry.at, status: entry.status, actor: entry.actor, note: entry.note ?? null, request_hash: entry.requestHash ?? null, created_at: entry.now });
  return id;
}
