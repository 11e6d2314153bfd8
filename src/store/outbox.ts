// The outbox's writing port: messages go in (a dedupe key already present keeps the old one),
// and what a waiting caller or an operator asks of the whole queue. Kysely implementation below.
import type { Insertable, Kysely } from 'kysely';
import type { DeliveryTables } from '../delivery/tables';
import type { Database } from './database';

export type NewOutboxRow = Insertable<DeliveryTables['outbox']>;

export interface OutboxStore {
  /** Inserts rows, skipping those whose dedupe key is already present; returns how many were new. */
  insert(rows: readonly NewOutboxRow[]): Promise<number>;
  /**
   * When the next pending message can be claimed (its next attempt, or the end of another
   * process's claim on it), in epoch ms; undefined when nothing is pending.
   */
  nextPendingAt(): Promise<number | undefined>;
  /** Messages by state (pending, sent, failed, undeliverable). */
  countByState(): Promise<Record<string, number>>;
  /**
   * Makes a chat's waiting messages due at `now` (those held outside Zalo's window, and any
   * waiting out a backoff) once the user wrote again; a message being sent is left alone.
   * Returns how many were released.
   */
  releaseHeld(channel: string, chatId: string, now: number): Promise<number>;
}

// 17 columns × 400 rows stays under SQLite's and PostgreSQL's bound-parameter limits.
const BATCH_ROWS = 400;

/** On a database or on a transaction's Kysely (then its rows commit or roll back with it). */
export class KyselyOutboxStore implements OutboxStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(all: readonly NewOutboxRow[]): Promise<number> {
    let inserted = 0;
    for (let i = 0; i < all.length; i += BATCH_ROWS) {
      const result = await this.db
        .insertInto('outbox')
        .values(all.slice(i, i + BATCH_ROWS))
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return inserted;
  }

  async nextPendingAt(): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) =>
        eb.fn
          .min(eb.case().when(eb.and([eb('claimed_until', 'is not', null), eb('claimed_until', '>', eb.ref('next_attempt_at'))])).then(eb.ref('claimed_until')).else(eb.ref('next_attempt_at')).end())
          .as('at'),
      )
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
  }

  async releaseHeld(channel: string, chatId: string, now: number): Promise<number> {
    const result = await this.db
      .updateTable('outbox')
      .set({ next_attempt_at: now })
      .where('channel', '=', channel)
      .where('chat_id', '=', chatId)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '>', now)
      .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
}
