// The outbox's dead letters as stored: messages the dispatcher gave up on (failed, or
// undeliverable), listed for operators and put back in the queue when they ask.
import type { Kysely } from 'kysely';
import type { OutboxRow } from '../delivery/tables';
import type { Database } from './database';

export const DEAD_STATES = ['failed', 'undeliverable'] as const;

export type DeadLetter = Pick<OutboxRow, 'id' | 'channel' | 'chat_id' | 'kind' | 'state' | 'attempts' | 'created_at' | 'failed_at' | 'last_error' | 'official_id'>;

export interface DeadLetterStore {
  /** The most recent dead letters first. */
  list(limit: number): Promise<DeadLetter[]>;
  /** The dead letters among one day's alerts: those whose dedupe key ends with `:<day>` (YYYY-MM-DD). */
  ofDay(day: string): Promise<DeadLetter[]>;
  /** Ids of every dead letter. */
  allIds(): Promise<string[]>;
  /** Ids of up to `limit` dead letters whose id starts with `prefix`. */
  idsStartingWith(prefix: string, limit: number): Promise<string[]>;
  /** Back to pending from `at` on, attempts reset and the age limit counted from `at`; only rows still dead. */
  requeue(ids: readonly string[], at: number): Promise<void>;
}

// Ids per UPDATE, under either database's bound-parameter limit.
const REQUEUE_BATCH = 500;

export class KyselyDeadLetterStore implements DeadLetterStore {
  constructor(private readonly db: Kysely<Database>) {}

  list(limit: number): Promise<DeadLetter[]> {
    return this.db
      .selectFrom('outbox')
      .select(['id', 'channel', 'chat_id', 'kind', 'state', 'attempts', 'created_at', 'failed_at', 'last_error', 'official_id'])
      .where('state', 'in', [...DEAD_STATES])
      .orderBy('failed_at', 'desc')
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
  }

  ofDay(day: string): Promise<DeadLetter[]> {
    return this.db
      .selectFrom('outbox')
      .select(['id', 'channel', 'chat_id', 'kind', 'state', 'attempts', 'created_at', 'failed_at', 'last_error', 'official_id'])
      .where('state', 'in', [...DEAD_STATES])
      .where('dedupe_key', 'like', `%:${day}`)
      .execute();
  }

  async allIds(): Promise<string[]> {
    return (await this.db.selectFrom('outbox').select('id').where('state', 'in', [...DEAD_STATES]).execute()).map((r) => r.id);
  }

  async idsStartingWith(prefix: string, limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('outbox').select('id').where('state', 'in', [...DEAD_STATES]).where('id', 'like', `${prefix.replace(/[%_\\]/g, '')}%`).limit(limit).execute();
    return rows.map((r) => r.id);
  }

  async requeue(ids: readonly string[], at: number): Promise<void> {
    for (let i = 0; i < ids.length; i += REQUEUE_BATCH) {
      await this.db
        .updateTable('outbox')
        .set({ state: 'pending', attempts: 0, next_attempt_at: at, failed_at: null, retried_at: at, claimed_until: null, claimed_by: null })
        .where('id', 'in', ids.slice(i, i + REQUEUE_BATCH))
        .where('state', 'in', [...DEAD_STATES])
        .execute();
    }
  }
}
