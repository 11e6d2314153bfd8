// The rate-limit store's contract, on SQLite and PostgreSQL: counts per key and window, taken
// atomically, given back never below zero.
import { expect, it } from 'vitest';
import { KyselyRateLimitStore } from '../../src/store/rate-limits';
import { describeStores } from '../helpers/stores';

describeStores('rate-limit store', (db) => {
  const store = () => new KyselyRateLimitStore(db().kysely);

  it('counts attempts per key and window', async () => {
    expect(await store().increment('ip:10.0.0.1', 0)).toBe(1);
    expect(await store().increment('ip:10.0.0.1', 0)).toBe(2);
    expect(await store().increment('ip:10.0.0.1', 60_000)).toBe(1);
    expect(await store().increment('ip:10.0.0.2', 0)).toBe(1);
    expect(await store().count('ip:10.0.0.1', 0)).toBe(2);
    expect(await store().count('ip:10.0.0.3', 0)).toBe(0);
  });

  it('gives one many concurrent increments their own counts', async () => {
    const counts = await Promise.all(Array.from({ length: 20 }, () => store().increment('chat:telegram:42', 0)));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('takes an attempt back, never below zero, and only in its window', async () => {
    await store().increment('lienket:zalo:7', 0);
    await store().decrement('lienket:zalo:7', 60_000);
    expect(await store().count('lienket:zalo:7', 0)).toBe(1);
    await store().decrement('lienket:zalo:7', 0);
    await store().decrement('lienket:zalo:7', 0);
    expect(await store().count('lienket:zalo:7', 0)).toBe(0);
    expect(await store().increment('lienket:zalo:7', 0)).toBe(1);
  });
});
