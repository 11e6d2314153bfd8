// The OutboxStore contract on SQLite and PostgreSQL: inserts keep one row per dedupe key, the
// next claimable time, and the counts by state.
import { beforeEach, expect, it } from 'vitest';
import { KyselyOutboxStore } from '../../src/store/outbox';
import { describeStores } from '../helpers/stores';
import { outboxRow } from './outbox-rows';

describeStores('outbox store', (db) => {
  const store = () => new KyselyOutboxStore(db().kysely);
  beforeEach(async () => {
    await db().kysely.deleteFrom('outbox').execute();
  });

  it('inserts rows, keeping the first of two with one dedupe key, and counts only the new ones', async () => {
    expect(await store().insert([outboxRow({ dedupe_key: 'a' }), outboxRow({ dedupe_key: 'b' }), outboxRow()])).toBe(3);
    expect(await store().insert([outboxRow({ dedupe_key: 'a', chat_id: '2002' }), outboxRow({ dedupe_key: 'c' })])).toBe(1);
    const rows = await db().kysely.selectFrom('outbox').select(['dedupe_key', 'chat_id']).where('dedupe_key', '=', 'a').execute();
    expect(rows).toEqual([{ dedupe_key: 'a', chat_id: '1001' }]);
  });

  it('inserts more rows than one statement may bind', async () => {
    expect(await store().insert(Array.from({ length: 1_001 }, (_, i) => outboxRow({ chat_id: `c${i}` })))).toBe(1_001);
  });

  it('tells when the next pending message can be claimed: its next attempt, or the end of a later claim', async () => {
    expect(await store().nextPendingAt()).toBeUndefined();
    await store().insert([outboxRow({ next_attempt_at: 5_000 }), outboxRow({ next_attempt_at: 3_000, claimed_until: 9_000, claimed_by: 'x' }), outboxRow({ next_attempt_at: 100, state: 'sent' })]);
    expect(await store().nextPendingAt()).toBe(5_000);
    await store().insert([outboxRow({ next_attempt_at: 4_000, claimed_until: 2_000, claimed_by: 'y' })]);
    expect(await store().nextPendingAt()).toBe(4_000);
  });

  it('counts messages by state', async () => {
    await store().insert([outboxRow(), outboxRow(), outboxRow({ state: 'sent' }), outboxRow({ state: 'failed' })]);
    expect(await store().countByState()).toEqual({ pending: 2, sent: 1, failed: 1 });
  });

  it('works on a transaction, so a message commits or rolls back with its change', async () => {
    await db().kysely.transaction().execute(async (trx) => {
      expect(await new KyselyOutboxStore(trx).insert([outboxRow()])).toBe(1);
    });
    await expect(db().kysely.transaction().execute(async (trx) => {
      await new KyselyOutboxStore(trx).insert([outboxRow()]);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await store().countByState()).toEqual({ pending: 1 });
  });
});
