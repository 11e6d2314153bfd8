// When to try a failed delivery again, and when to stop: exponential backoff with jitter for
// transient failures, exactly what the channel asked for on a 429, and no limit on attempts —
// a message is retried until it is older than its kind's age limit, then it becomes a dead
// letter that operators see (`motcua outbox list --failed`) and can send again.
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

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): half of the exponential step is
 * fixed and half is random, so a burst of failures does not retry in lockstep yet never retries
 * sooner than half the step.
 */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(40, Math.max(0, attempt - 1)));
  return Math.round(step / 2 + random() * (step / 2));
}
