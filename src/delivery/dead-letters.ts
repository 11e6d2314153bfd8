// The outbox's dead letters: messages the dispatcher gave up on (failed: a permanent error, or
// still failing at its age limit; undeliverable: no channel could reach the recipient). They
// stay in the outbox so operators can see them and send them again (`motcua outbox`).
import type { Kysely } from 'kysely';
import type { Database } from '../store/database';
import type { OutboxRow } from './tables';

export const DEAD_STATES = ['failed', 'undeliverable'] as const;

export type DeadLetter = Pick<OutboxRow, 'id' | 'channel' | 'chat_id' | 'kind' | 'state' | 'attempts' | 'created_at' | 'failed_at' | 'last_error' | 'official_id'>;

export async function listDeadLetters(db: Kysely<Database>, limit = 1000): Promise<DeadLetter[]> {
  return db
    .selectFrom('outbox')
    .select(['id', 'channel', 'chat_id', 'kind', 'state', 'attempts', 'created_at', 'failed_at', 'last_error', 'official_id'])
    .where('state', 'in', [...DEAD_STATES])
    .orderBy('failed_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Messages by state (pending, sent, failed, undeliverable). */
export async function outboxCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export class DeadLetterNotFound extends Error {
  override readonly name = 'DeadLetterNotFound';
}

/**
 * Puts dead letters back in the queue: `ids` are full ids or unique prefixes (at least 6
 * characters); `all` takes every dead letter. Each is sent again from now on, in its chat's
 * order, and its age limit counts from now. Returns the ids requeued.
 */
export async function retryDeadLetters(db: Kysely<Database>, target: { ids: readonly string[] } | { all: true }, now: Date): Promise<string[]> {
  let ids: string[];
  if ('all' in target) {
    ids = (await db.selectFrom('outbox').select('id').where('state', 'in', [...DEAD_STATES]).execute()).map((r) => r.id);
  } else {
    ids = [];
    for (const wanted of target.ids) {
      if (wanted.length < 6) throw new DeadLetterNotFound(`outbox: "${wanted}" is too short; give at least 6 characters of the id`);
      const found = await db.selectFrom('outbox').select('id').where('state', 'in', [...DEAD_STATES]).where('id', 'like', `${wanted.replace(/[%_\\]/g, '')}%`).limit(2).execute();
      if (found.length === 0) throw new DeadLetterNotFound(`outbox: no failed message with id ${wanted}`);
      if (found.length > 1) throw new DeadLetterNotFound(`outbox: more than one failed message starts with ${wanted}; give more of the id`);
      ids.push(found[0]!.id);
    }
  }
  const at = now.getTime();
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('outbox')
      .set({ state: 'pending', attempts: 0, next_attempt_at: at, failed_at: null, retried_at: at, claimed_until: null, claimed_by: null })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('state', 'in', [...DEAD_STATES])
      .execute();
  }
  return ids;
}
