// The retry policy on chosen instants: what becomes of a failed send, with no clock at all.
import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/delivery/ports';
import { afterFailure, backoffMs, defaultRetryPolicy } from '../../src/delivery/retry';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-24T08:00:00+07:00');
const policy = { ...defaultRetryPolicy, baseMs: 2_000, maxMs: 60_000 };
const row = (overrides: Partial<{ attempts: number; kind: string; created_at: number; retried_at: number | null }> = {}) =>
  ({ attempts: 0, kind: 'digest', created_at: T0, retried_at: null, ...overrides });

describe('retry policy', () => {
  it('backs off exponentially up to the longest step, half of each step fixed and half random', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, policy, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffMs(3, policy, () => 1)).toBe(8_000);
    expect(backoffMs(30, policy, () => 0.5)).toBe(45_000);
  });

  it('retries a transient failure after the backoff, counting the attempt', () => {
    const error = new DeliveryError('502 Bad Gateway', 'transient');
    expect(afterFailure(row({ attempts: 2 }), error, T0 + 10_000, policy, () => 0)).toEqual({ action: 'retry', attempts: 3, at: T0 + 10_000 + 4_000, error: 'delivery: 502 Bad Gateway' });
  });

  it('takes an error that is not a DeliveryError as transient', () => {
    expect(afterFailure(row(), new Error('socket hang up'), T0, policy, () => 0)).toMatchObject({ action: 'retry', attempts: 1, error: 'socket hang up' });
  });

  it('waits exactly what a 429 asks, or the base step when it names no wait; not an attempt', () => {
    expect(afterFailure(row(), new DeliveryError('429', 'rate_limited', 30_000), T0, policy)).toEqual({ action: 'wait', until: T0 + 30_000, error: 'delivery: 429' });
    expect(afterFailure(row(), new DeliveryError('-32', 'rate_limited'), T0, policy)).toEqual({ action: 'wait', until: T0 + 2_000, error: 'delivery: -32' });
  });

  it('gives up at once on a permanent error, and reroutes when Zalo’s window is closed', () => {
    expect(afterFailure(row(), new DeliveryError('403 blocked', 'permanent'), T0, policy)).toEqual({ action: 'give_up', attempts: 1, reason: 'delivery: 403 blocked' });
    expect(afterFailure(row(), new DeliveryError('window', 'outside_window'), T0, policy)).toEqual({ action: 'reroute', reason: 'delivery: window' });
  });

  it('gives up on an alert whose next attempt would fall past 48 h, and on a status message past 7 days', () => {
    const error = new DeliveryError('503', 'transient');
    expect(afterFailure(row({ attempts: 10 }), error, T0 + 48 * HOUR - 60_000, policy, () => 1)).toMatchObject({ action: 'give_up', reason: 'delivery: 503 (still failing at its age limit)' });
    expect(afterFailure(row({ kind: 'dossier_update' }), error, T0 + 48 * HOUR, policy, () => 1)).toMatchObject({ action: 'retry' });
    expect(afterFailure(row({ kind: 'dossier_update' }), error, T0 + 7 * 24 * HOUR, policy, () => 0)).toMatchObject({ action: 'give_up' });
  });

  it('counts the age limit from an operator’s retry', () => {
    const error = new DeliveryError('503', 'transient');
    expect(afterFailure(row({ retried_at: T0 + 47 * HOUR }), error, T0 + 48 * HOUR, policy, () => 0)).toMatchObject({ action: 'retry' });
  });

  it('keeps at most 500 characters of the error', () => {
    const decision = afterFailure(row(), new Error('x'.repeat(900)), T0, policy, () => 0);
    expect(decision.action === 'retry' && decision.error.length).toBe(500);
  });
});
