// The rate-limit store: attempt counts per key and fixed window (rate_limits), shared by every
// process, and its Kysely implementation. Taking an attempt is one atomic statement.
import { type Kysely, sql } from 'kysely';
import type { Database } from './database';

export interface RateLimitStore {
  /** Adds one attempt to `key` in the window starting at `windowStart`; returns the new count. */
  increment(key: string, windowStart: number): Promise<number>;
  /** Takes one attempt back, never below zero. */
  decrement(key: string, windowStart: number): Promise<void>;
  count(key: string, windowStart: number): Promise<number>;
}

export class KyselyRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Insert or add one, returning the new count: concurrent takers never all see room under the limit. */
  async increment(key: string, windowStart: number): Promise<number> {
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
      .returning('count')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async decrement(key: string, windowStart: number): Promise<void> {
    await this.db
      .updateTable('rate_limits')
      .set({ count: sql<number>`count - 1` })
      .where('key', '=', key)
      .where('window_start', '=', windowStart)
      .where('count', '>', 0)
      .execute();
  }

  async count(key: string, windowStart: number): Promise<number> {
    const row = await this.db.selectFrom('rate_limits').select('count').where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
    return Number(row?.count ?? 0);
  }
}
