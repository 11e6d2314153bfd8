// Claiming outbox rows for one dispatcher: the only dialect-specific query of the delivery code.
// PostgreSQL skips rows another process has locked; on SQLite the single UPDATE statement is
// atomic under the database's write lock, which is enough.
import type { Kysely } from 'kysely';
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
        .selectFrom('outbox')
        .select('id')
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', now)]))
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .limit(limit);
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      return due;
    })
    .returningAll()
    .execute();
}
