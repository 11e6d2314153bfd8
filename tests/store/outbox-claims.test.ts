// The OutboxClaims contract on SQLite and PostgreSQL: a claim takes due rows, each its chat's
// oldest pending message, and skips rows another owner holds; settling writes only for the owner.
import { beforeEach, expect, it } from 'vitest';
import { KyselyOutboxStore } from '../../src/store/outbox';
import { KyselyOutboxClaims } from '../../src/store/outbox-claims';
import { describeStores } from '../helpers/stores';
import { outboxRow } from './outbox-rows';

describeStores('outbox claims', (db) => {
  const claims = () => new KyselyOutboxClaims(db().kysely, db().dialect);
  const insert = (...rows: ReturnType<typeof outboxRow>[]) => new KyselyOutboxStore(db().kysely).insert(rows);
  const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();
  beforeEach(async () => {
    await db().kysely.deleteFrom('outbox').execute();
  });

  it('claims due rows for one owner, only the oldest pending of each chat, up to the limit', async () => {
    await insert(
      outboxRow({ id: 'a1', chat_id: 'A', created_at: 1 }),
      outboxRow({ id: 'a2', chat_id: 'A', created_at: 2 }),
      outboxRow({ id: 'b1', chat_id: 'B', created_at: 1, next_attempt_at: 20_000 }),
      outboxRow({ id: 'c1', chat_id: 'C', created_at: 1, state: 'sent' }),
      outboxRow({ id: 'c2', chat_id: 'C', created_at: 2 }),
      outboxRow({ id: 'd1', chat_id: 'D', created_at: 1 }),
    );
    const claimed = await claims().claimDue({ owner: 'one', now: 10_000, claimMs: 5_000, limit: 10 });
    expect(ids(claimed)).toEqual(['a1', 'c2', 'd1']);
    expect(claimed.every((r) => r.claimed_by === 'one' && r.claimed_until === 15_000)).toBe(true);
    // Held by `one` until 15 000: nothing more for `two` now, all of it again once the claim ran out.
    expect(await claims().claimDue({ owner: 'two', now: 11_000, claimMs: 5_000, limit: 10 })).toEqual([]);
    expect(ids(await claims().claimDue({ owner: 'two', now: 16_000, claimMs: 5_000, limit: 2 }))).toHaveLength(2);
  });

  it('orders a chat by created_at, then id, whatever the next attempt', async () => {
    await insert(outboxRow({ id: 'y', chat_id: 'A', created_at: 5, next_attempt_at: 0 }), outboxRow({ id: 'x', chat_id: 'A', created_at: 5, next_attempt_at: 900 }));
    expect(ids(await claims().claimDue({ owner: 'one', now: 10_000, claimMs: 1, limit: 10 }))).toEqual(['x']);
  });

  it('settles a row only for the owner holding it, releasing the claim', async () => {
    await insert(outboxRow({ id: 'a1' }));
    await claims().claimDue({ owner: 'one', now: 10_000, claimMs: 5_000, limit: 10 });
    await claims().settle('a1', 'two', { state: 'sent' });
    expect(await db().kysely.selectFrom('outbox').select(['state', 'claimed_by']).executeTakeFirstOrThrow()).toEqual({ state: 'pending', claimed_by: 'one' });
    await claims().settle('a1', 'one', { state: 'sent', sent_at: 10_500, attempts: 1 });
    expect(await db().kysely.selectFrom('outbox').select(['state', 'sent_at', 'attempts', 'claimed_by', 'claimed_until']).executeTakeFirstOrThrow())
      .toEqual({ state: 'sent', sent_at: 10_500, attempts: 1, claimed_by: null, claimed_until: null });
  });
});
