// When to try a failed delivery again: exponential backoff with jitter for transient failures,
// exactly what the channel asked for on a 429.
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** Transient failures allowed before the message is marked failed. */
  maxAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = { baseMs: 2_000, maxMs: 10 * 60_000, maxAttempts: 8 };

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): half of the exponential step is
 * fixed and half is random, so a burst of failures does not retry in lockstep yet never retries
 * sooner than half the step.
 */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
