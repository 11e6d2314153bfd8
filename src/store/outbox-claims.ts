// The dispatcher's port on the outbox: claiming due rows and recording each one's outcome.
// Only the oldest pending message of each chat may be claimed, so a chat's messages leave in
// order across retries, restarts and processes, and at most one per chat is ever in flight
// (a crash repeats at most one message per chat). PostgreSQL skips rows another process has
// locked; on SQLite the single UPDATE statement is atomic under the database's write lock.
import { sql, type Kysely } from 'kysely';
import type { OutboxRow } from '../delivery/tables';
import type { Database } from './database';
import type { DialectName } from './db';

export interface ClaimRequest {
  owner: string;
  now: number;
  claimMs: number;
  limit: number;
}

/** What an outcome may change on a row; the claim itself is always released. */
export type OutboxChange = Partial<Omit<OutboxRow, 'id' | 'claimed_until' | 'claimed_by'>>;

export interface OutboxClaims {
  /** Claims up to `limit` due rows for `owner` until `now + claimMs`, each its chat's oldest pending. */
  claimDue(request: ClaimRequest): Promise<OutboxRow[]>;
  /** Writes `change` to a row `owner` still holds and releases the claim; a row claimed by another is left alone. */
  settle(id: string, owner: string, change: OutboxChange): Promise<void>;
}

export class KyselyOutboxClaims implements OutboxClaims {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  async claimDue(request: ClaimRequest): Promise<OutboxRow[]> {
    const { owner, now, claimMs, limit } = request;
    return this.db
      .updateTable('outbox')
      .set({ claimed_until: now + claimMs, claimed_by: owner })
      .where('id', 'in', (eb) => {
        let due = eb
          .selectFrom('outbox as o')
          .select('o.id')
          .where('o.state', '=', 'pending')
          .where('o.next_attempt_at', '<=', now)
          .where((w) => w.or([w('o.claimed_until', 'is', null), w('o.claimed_until', '<', now)]))
          // Nothing older is still pending for the same chat (waiting, failing or in flight).
          .where(({ not, exists, selectFrom }) => not(exists(
            selectFrom('outbox as e')
              .select(sql<number>`1`.as('one'))
              .whereRef('e.channel', '=', 'o.channel')
              .whereRef('e.chat_id', '=', 'o.chat_id')
              .where('e.state', '=', 'pending')
              .where((w) => w.or([
                w('e.created_at', '<', w.ref('o.created_at')),
                w.and([w('e.created_at', '=', w.ref('o.created_at')), w('e.id', '<', w.ref('o.id'))]),
              ])),
          )))
          .orderBy('o.next_attempt_at')
          .orderBy('o.created_at')
          .limit(limit);
        if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
        return due;
      })
      .returningAll()
      .execute();
  }

  async settle(id: string, owner: string, change: OutboxChange): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ ...change, claimed_until: null, claimed_by: null })
      .where('id', '=', id)
      .where('claimed_by', '=', owner)
      .execute();
  }
}
