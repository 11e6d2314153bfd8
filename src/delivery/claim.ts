// Claiming outbox rows for one dispatcher: the only dialect-specific query of the delivery code.
// Only the oldest pending message of each chat may be claimed, so a chat's messages leave in
// order across retries, restarts and processes, and at most one per chat is ever in flight
// (a crash repeats at most one message per chat). PostgreSQL skips rows another process has
// locked; on SQLite the single UPDATE statement is atomic under the database's write lock.
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../store/db';
import type { Database } from '../store/database';
import type { OutboxRow } from './tables';

export interface ClaimRequest {
  owner: string;
  now: number;
  claimMs: number;
  limit: number;
}

export async function claimDue(db: Kysely<Database>, dialect: DialectName, request: ClaimRequest): Promise<OutboxRow[]> {
  const { owner, now, claimMs, limit } = request;
  return db
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
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      return due;
    })
    .returningAll()
    .execute();
}
