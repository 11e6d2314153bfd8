// When to try a failed delivery again, and when to stop: exponential backoff with jitter for
// transient failures, exactly what the channel asked for on a 429, and no limit on attempts —
// a message is retried (or waits out 429s) until it is older than its kind's age limit, then it
// becomes a dead letter that operators see (`motcua outbox list --failed`) and can send again.
import { DeliveryError } from './ports';
import type { OutboxRow } from './tables';

export interface RetryPolicy {
  baseMs: number;
  /** The longest wait between two attempts: after an outage ends, delivery resumes within this. */
  maxMs: number;
  /** How long an official's alert (digest, apology, escalation) is worth retrying. */
  alertMaxAgeMs: number;
  /** How long a citizen's status message (dossier_update) is worth retrying. */
  statusMaxAgeMs: number;
}

const HOUR = 3_600_000;

export const defaultRetryPolicy: RetryPolicy = { baseMs: 2_000, maxMs: 10 * 60_000, alertMaxAgeMs: 48 * HOUR, statusMaxAgeMs: 7 * 24 * HOUR };

/** Kinds that tell a citizen about their dossier; every other kind is an official's alert. */
const STATUS_KINDS = new Set(['dossier_update']);

export function maxAgeMs(kind: string, policy: RetryPolicy): number {
  return STATUS_KINDS.has(kind) ? policy.statusMaxAgeMs : policy.alertMaxAgeMs;
}

/** When `row` stops being worth sending (epoch ms): its kind's age limit, from its creation or an operator's retry. */
export function ageLimitAt(row: Pick<OutboxRow, 'kind' | 'created_at' | 'retried_at'>, policy: RetryPolicy): number {
  return (row.retried_at ?? row.created_at) + maxAgeMs(row.kind, policy);
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): half of the exponential step is
 * fixed and half is random, so a burst of failures does not retry in lockstep yet never retries
 * sooner than half the step.
 */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(40, Math.max(0, attempt - 1)));
  return Math.round(step / 2 + random() * (step / 2));
}

/** What becomes of a message whose send failed. */
export type FailureDecision =
  /** Zalo's window is closed for this user: another linked chat, or held until they write. */
  | { action: 'reroute'; reason: string }
  /** A 429: wait exactly what the channel asked; it does not count as an attempt. */
  | { action: 'wait'; until: number; error: string }
  /** Back off, then try again. */
  | { action: 'retry'; attempts: number; at: number; error: string }
  /** A permanent error, or still failing at the kind's age limit: a dead letter. */
  | { action: 'give_up'; attempts: number; reason: string };

/** The retry policy applied to a send of `row` that failed with `error` at `at` (epoch ms). */
export function afterFailure(row: Pick<OutboxRow, 'attempts' | 'kind' | 'created_at' | 'retried_at'>, error: unknown, at: number, policy: RetryPolicy, random: () => number = Math.random): FailureDecision {
  const attempts = row.attempts + 1;
  const failure = error instanceof DeliveryError ? error.failure : 'transient';
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  if (failure === 'outside_window') return { action: 'reroute', reason: message };
  const ageLimit = ageLimitAt(row, policy);
  if (failure === 'rate_limited') {
    const after = error instanceof DeliveryError && error.retryAfterMs !== undefined ? error.retryAfterMs : policy.baseMs;
    // A channel that keeps refusing (a flood limit for hours, a spent daily quota) must not
    // hold the message, and the chat's queue behind it, for ever.
    if (at + after >= ageLimit) return { action: 'give_up', attempts, reason: `${message} (still rate limited at its age limit)` };
    return { action: 'wait', until: at + after, error: message };
  }
  const wait = backoffMs(attempts, policy, random);
  if (failure === 'permanent' || at + wait >= ageLimit) {
    return { action: 'give_up', attempts, reason: failure === 'permanent' ? message : `${message} (still failing at its age limit)` };
  }
  return { action: 'retry', attempts, at: at + wait, error: message };
}
