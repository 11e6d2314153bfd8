// The dossier store: the port the dossier capability reads and writes through (dossier rows,
// their history, subscriptions, the due and open queries, the outbox inside an intake
// transaction) and its Kysely implementation.
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DossierEventRow, DossierRow, DossierTables } from '../dossiers/tables';
import { template } from './compiled';
import type { Database } from './database';
import { writesOneAtATime } from './db';
import { KyselyOutboxStore, type OutboxStore } from './outbox';

export interface DueQuery {
  unit?: string;
  officialId?: string;
  /** Open dossiers due at or before this instant: overdue ones and those near due. */
  dueBy: Date;
  limit?: number;
}

/** One history entry as the reports show it. */
export type HistoryEntry = Pick<DossierEventRow, 'type' | 'at' | 'status' | 'actor' | 'note'>;

/** What the overdue scan reads of an open dossier. */
export type OpenDossierRow = Pick<DossierRow, 'code' | 'procedure_code' | 'unit' | 'official_id' | 'due_at' | 'received_at' | 'extended' | 'status'>;

/** Where a page of open dossiers starts: after this (due_at, code). */
export interface PageCursor {
  due: number;
  code: string;
}

export interface Subscriber {
  channel: string;
  chatId: string;
}

export type SavepointOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The writes of one intake transaction. */
export interface DossierTransaction {
  /** Reads a dossier, first taking its row lock (the write lock on SQLite) for this transaction. */
  findForUpdate(code: string): Promise<DossierRow | undefined>;
  find(code: string): Promise<DossierRow | undefined>;
  /** Adds the agency unless it is there. */
  addAgency(code: string, at: number): Promise<void>;
  /** False when a dossier with this code already exists (nothing is written). */
  insert(row: DossierRow): Promise<boolean>;
  update(row: DossierRow): Promise<void>;
  addEvent(row: DossierEventRow): Promise<void>;
  /** Whether the dossier already has an event from the request with this hash. */
  hasEvent(code: string, requestHash: string): Promise<boolean>;
  subscribers(code: string): Promise<Subscriber[]>;
  /** Removes every chat's subscription to the dossier; returns how many went. */
  unsubscribeAll(code: string): Promise<number>;
  /** The outbox in this transaction: a status message commits or rolls back with its change. */
  readonly outbox: OutboxStore;
  /**
   * Runs `work` in a savepoint: when it throws, only its writes are rolled back and the error
   * is handed back; the transaction goes on. A failing rollback itself throws.
   */
  savepoint<T>(work: () => Promise<T>): Promise<SavepointOutcome<T>>;
}

export interface DossierStore {
  /** True where writes run one at a time (SQLite): concurrent upserts are worth batching. */
  readonly writesOneAtATime: boolean;
  transaction<T>(work: (tx: DossierTransaction) => Promise<T>): Promise<T>;
  find(code: string): Promise<DossierRow | undefined>;
  /** Subscribes a chat to a dossier; subscribing twice changes nothing. */
  subscribe(code: string, subscriber: Subscriber, at: Date): Promise<void>;
  /** False when there was no such subscription. */
  unsubscribe(code: string, subscriber: Subscriber): Promise<boolean>;
  /**
   * Open dossiers (not ready, returned, rejected or withdrawn) due by `dueBy`, earliest first.
   * Dossiers whose clock is stopped (supplement requested, paused) are left out: they cannot be late.
   */
  findDue(query: DueQuery): Promise<DossierRow[]>;
  /** Open dossiers due before `horizon`, by (due_at, code), `limit` after `after`: a keyset page. */
  openDuePage(horizon: number, after: PageCursor | undefined, limit: number): Promise<OpenDossierRow[]>;
  /** A dossier's history, oldest first. */
  history(code: string): Promise<HistoryEntry[]>;
}

const DOSSIER_COLUMNS = ['code', 'agency_code', 'procedure_code', 'unit', 'official_id', 'applicant_name', 'applicant_phone', 'channel', 'status', 'received_at', 'clock_started_at', 'due_at', 'original_due_at', 'extended', 'paused_at', 'completed_at', 'updated_at'] as const satisfies readonly (keyof DossierRow)[];
const EVENT_COLUMNS = ['id', 'dossier_code', 'type', 'at', 'status', 'actor', 'note', 'request_hash', 'created_at'] as const satisfies readonly (keyof DossierEventRow)[];

function byName<T extends object>(columns: readonly (keyof T & string)[], param: <K extends keyof T & string>(name: K) => T[K]): T {
  return Object.fromEntries(columns.map((c) => [c, param(c)])) as T;
}

/** The intake's hot statements for one database, compiled once (see compiled.ts). */
function intakeStatements(db: Kysely<Database>) {
  return {
    /** A no-op write that takes the row lock (see findForUpdate). */
    lockDossier: template<{ code: string }>((p) => db.updateTable('dossiers').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('code', '=', p('code'))),
    selectDossier: template<{ code: string }>((p) => db.selectFrom('dossiers').selectAll().where('code', '=', p('code'))),
    insertAgency: template<DossierTables['agencies']>((p) => db.insertInto('agencies').values({ code: p('code'), name: p('name'), created_at: p('created_at') }).onConflict((oc) => oc.column('code').doNothing())),
    insertDossier: template<DossierRow>((p) => db.insertInto('dossiers').values(byName<DossierRow>(DOSSIER_COLUMNS, p)).onConflict((oc) => oc.column('code').doNothing())),
    updateDossier: template<DossierRow>((p) => db.updateTable('dossiers').set(byName<DossierRow>(DOSSIER_COLUMNS, p)).where('code', '=', p('code'))),
    insertEvent: template<DossierEventRow>((p) => db.insertInto('dossier_events').values(byName<DossierEventRow>(EVENT_COLUMNS, p))),
  };
}

type IntakeStatements = ReturnType<typeof intakeStatements>;

const SAVEPOINT = CompiledQuery.raw('SAVEPOINT intake_upsert');
const RELEASE = CompiledQuery.raw('RELEASE SAVEPOINT intake_upsert');
const ROLLBACK_TO = CompiledQuery.raw('ROLLBACK TO SAVEPOINT intake_upsert');

class KyselyDossierTransaction implements DossierTransaction {
  readonly outbox: OutboxStore;

  constructor(
    private readonly tx: Transaction<Database>,
    private readonly sql: IntakeStatements,
  ) {
    this.outbox = new KyselyOutboxStore(tx);
  }

  /**
   * A no-op UPDATE first takes the row lock on PostgreSQL (and the write lock on SQLite), so
   * two concurrent events on one dossier apply one after the other instead of overwriting each
   * other — without a dialect branch.
   */
  async findForUpdate(code: string): Promise<DossierRow | undefined> {
    await this.tx.executeQuery(this.sql.lockDossier({ code }));
    return this.find(code);
  }

  async find(code: string): Promise<DossierRow | undefined> {
    const { rows } = await this.tx.executeQuery(this.sql.selectDossier({ code }));
    return rows[0] as DossierRow | undefined;
  }

  async addAgency(code: string, at: number): Promise<void> {
    await this.tx.executeQuery(this.sql.insertAgency({ code, name: null, created_at: at }));
  }

  async insert(row: DossierRow): Promise<boolean> {
    const inserted = await this.tx.executeQuery(this.sql.insertDossier(row));
    return Number(inserted.numAffectedRows ?? 0n) > 0;
  }

  async update(row: DossierRow): Promise<void> {
    await this.tx.executeQuery(this.sql.updateDossier(row));
  }

  async addEvent(row: DossierEventRow): Promise<void> {
    await this.tx.executeQuery(this.sql.insertEvent(row));
  }

  async hasEvent(code: string, requestHash: string): Promise<boolean> {
    const seen = await this.tx.selectFrom('dossier_events').select('id').where('dossier_code', '=', code).where('request_hash', '=', requestHash).executeTakeFirst();
    return seen !== undefined;
  }

  async subscribers(code: string): Promise<Subscriber[]> {
    const rows = await this.tx.selectFrom('subscriptions').select(['channel', 'chat_id']).where('dossier_code', '=', code).execute();
    return rows.map((r) => ({ channel: r.channel, chatId: r.chat_id }));
  }

  async unsubscribeAll(code: string): Promise<number> {
    const result = await this.tx.deleteFrom('subscriptions').where('dossier_code', '=', code).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async savepoint<T>(work: () => Promise<T>): Promise<SavepointOutcome<T>> {
    await this.tx.executeQuery(SAVEPOINT);
    try {
      const value = await work();
      await this.tx.executeQuery(RELEASE);
      return { ok: true, value };
    } catch (error) {
      await this.tx.executeQuery(ROLLBACK_TO);
      await this.tx.executeQuery(RELEASE);
      return { ok: false, error };
    }
  }
}

export class KyselyDossierStore implements DossierStore {
  readonly writesOneAtATime: boolean;
  private readonly sql: IntakeStatements;

  constructor(private readonly db: Kysely<Database>) {
    this.sql = intakeStatements(db);
    this.writesOneAtATime = writesOneAtATime(db);
  }

  transaction<T>(work: (tx: DossierTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((tx) => work(new KyselyDossierTransaction(tx, this.sql)));
  }

  async find(code: string): Promise<DossierRow | undefined> {
    return (await this.db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst()) as DossierRow | undefined;
  }

  async subscribe(code: string, subscriber: Subscriber, at: Date): Promise<void> {
    await this.db
      .insertInto('subscriptions')
      .values({ dossier_code: code, channel: subscriber.channel, chat_id: subscriber.chatId, created_at: at.getTime() })
      .onConflict((oc) => oc.columns(['dossier_code', 'channel', 'chat_id']).doNothing())
      .execute();
  }

  async unsubscribe(code: string, subscriber: Subscriber): Promise<boolean> {
    const result = await this.db.deleteFrom('subscriptions').where('dossier_code', '=', code).where('channel', '=', subscriber.channel).where('chat_id', '=', subscriber.chatId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Served by the (unit|official_id, completed_at, due_at) indexes. */
  async findDue(query: DueQuery): Promise<DossierRow[]> {
    let q = this.db.selectFrom('dossiers').selectAll().where('completed_at', 'is', null).where('due_at', '<=', query.dueBy.getTime());
    if (query.unit !== undefined) q = q.where('unit', '=', query.unit);
    if (query.officialId !== undefined) q = q.where('official_id', '=', query.officialId);
    q = q.where('status', 'not in', ['supplement_requested', 'paused']);
    return (await q.orderBy('due_at').limit(query.limit ?? 10_000).execute()) as DossierRow[];
  }

  /** Keyset on (due_at, code), so each page is an index range read however far the scan has gone. */
  async openDuePage(horizon: number, after: PageCursor | undefined, limit: number): Promise<OpenDossierRow[]> {
    let query = this.db
      .selectFrom('dossiers')
      .select(['code', 'procedure_code', 'unit', 'official_id', 'due_at', 'received_at', 'extended', 'status'])
      .where('completed_at', 'is', null)
      .where('due_at', '<', horizon);
    if (after) {
      const { due, code } = after;
      // A row value: one index range on (due_at, code) for both databases (migration 0008).
      query = query.where((eb) => eb(eb.refTuple('due_at', 'code'), '>', eb.tuple(due, code)));
    }
    return query.orderBy('due_at').orderBy('code').limit(limit).execute();
  }

  history(code: string): Promise<HistoryEntry[]> {
    return this.db.selectFrom('dossier_events').select(['type', 'at', 'status', 'actor', 'note']).where('dossier_code', '=', code).orderBy('at').orderBy('created_at').execute();
  }
}
