// Failed-lookup limits kept in the store (rate_limits), so the limit holds across processes:
// a fixed window per key ("ip:1.2.3.4", "chat:telegram:42"), counted only on failures.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../store/database';

export interface RateLimitOptions {
  /** Failures allowed per window. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_LOOKUP_LIMIT: RateLimitOptions = { limit: 10, windowMs: 15 * 60_000 };

export class FailureLimiter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: RateLimitOptions = DEFAULT_LOOKUP_LIMIT,
  ) {}

  private windowStart(now: Date): number {
    return Math.floor(now.getTime() / this.options.windowMs) * this.options.windowMs;
  }

  /** True when `key` has used up its failures in the current window. */
  async blocked(key: string, now: Date): Promise<boolean> {
    const row = await this.db
      .selectFrom('rate_limits')
      .select('count')
      .where('key', '=', key)
      .where('window_start', '=', this.windowStart(now))
      .executeTakeFirst();
    return (row?.count ?? 0) >= this.options.limit;
  }

  async recordFailure(key: string, now: Date): Promise<void> {
    const windowStart = this.windowStart(now);
    await this.db
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql<number>`rate_limits.count + 1` }))
      .execute();
    // Old windows are never read again.
    await this.db.deleteFrom('rate_limits').where('key', '=', key).where('window_start', '<', windowStart).execute();
  }
}
