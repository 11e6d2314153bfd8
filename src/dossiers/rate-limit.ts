// Attempt limits kept in the store (rate_limits), so a limit holds across processes: a fixed
// window per key ("ip:1.2.3.4", "chat:telegram:42"). Taking an attempt is one atomic statement
// (insert or add one, returning the new count), so concurrent requests, in one process or
// many, can never all see a count under the limit and all go ahead: at most `limit` attempts
// are taken per window. Through `guard`, an attempt that turns out well (the right digits) is
// given back, so only failures use the allowance up; `take` alone counts every attempt (the
// web chat's messages per minute).
import type { RateLimitStore } from '../store/rate-limits';

export interface RateLimitOptions {
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_LOOKUP_LIMIT: RateLimitOptions = { limit: 10, windowMs: 15 * 60_000 };

/** What `take` decided: go ahead, or wait `retryAfterMs` (the rest of the window). */
export type Attempt = { allowed: true } | { allowed: false; retryAfterMs: number };

export class WindowLimiter {
  constructor(
    private readonly store: RateLimitStore,
    readonly options: RateLimitOptions = DEFAULT_LOOKUP_LIMIT,
  ) {}

  private windowStart(now: Date): number {
    return Math.floor(now.getTime() / this.options.windowMs) * this.options.windowMs;
  }

  /** Takes one attempt for `key` in the current window; refused once `limit` are taken. */
  async take(key: string, now: Date): Promise<Attempt> {
    const windowStart = this.windowStart(now);
    if ((await this.store.increment(key, windowStart)) <= this.options.limit) return { allowed: true };
    return { allowed: false, retryAfterMs: windowStart + this.options.windowMs - now.getTime() };
  }

  /** Gives back an attempt taken at `now` that succeeded, so it does not count as a failure. */
  async giveBack(key: string, now: Date): Promise<void> {
    await this.store.decrement(key, this.windowStart(now));
  }

  /** True when `key` has no attempt left in the current window (a read, for reports and tests). */
  async blocked(key: string, now: Date): Promise<boolean> {
    return (await this.store.count(key, this.windowStart(now))) >= this.options.limit;
  }

  /**
   * Runs `attempt` if `key` has an attempt left; the attempt is given back when `attempt`
   * reports success. Answers 'limited' (with the wait) without running it otherwise.
   */
  async guard<T>(key: string, now: Date, attempt: () => Promise<T | undefined>): Promise<{ result: T | undefined } | { limited: true; retryAfterMs: number }> {
    const taken = await this.take(key, now);
    if (!taken.allowed) return { limited: true, retryAfterMs: taken.retryAfterMs };
    const result = await attempt();
    if (result !== undefined) await this.giveBack(key, now);
    return { result };
  }
}
