// The DeadLetterStore contract on SQLite and PostgreSQL: listing failed and undeliverable rows,
// finding them by id prefix, and requeueing only rows that are still dead.
import { beforeEach, expect, it } from 'vitest';
import { KyselyDeadLetterStore } from '../../src/store/dead-letters';
import { KyselyOutboxStore } from '../../src/store/outbox';
import { describeStores } from '../helpers/stores';
import { outboxRow } from './outbox-rows';

describeStores('dead letters', (db) => {
  const store = () => new KyselyDeadLetterStore(db().kysely);
  beforeEach(async () => {
    await db().kysely.deleteFrom('outbox').execute();
    await new KyselyOutboxStore(db().kysely).insert([
      outboxRow({ id: 'aaaaaa-1', state: 'failed', failed_at: 3_000, attempts: 4, last_error: '503' }),
      outboxRow({ id: 'aaaaaa-2', state: 'undeliverable', failed_at: 5_000 }),
      outboxRow({ id: 'bbbbbb-1', state: 'failed', failed_at: 4_000 }),
      outboxRow({ id: 'cccccc-1', state: 'pending' }),
      outboxRow({ id: 'a%aaaa-9', state: 'sent' }),
    ]);
  });

  it('lists dead letters, the last given up on first, up to a limit', async () => {
    expect((await store().list(10)).map((l) => l.id)).toEqual(['aaaaaa-2', 'bbbbbb-1', 'aaaaaa-1']);
    expect(await store().list(1)).toEqual([expect.objectContaining({ id: 'aaaaaa-2', state: 'undeliverable', failed_at: 5_000 })]);
    expect(Object.keys((await store().list(1))[0]!).sort()).toEqual(['attempts', 'channel', 'chat_id', 'created_at', 'failed_at', 'id', 'kind', 'last_error', 'official_id', 'state']);
  });

  it('lists the dead letters among one day’s alerts by their dedupe key', async () => {
    await new KyselyOutboxStore(db().kysely).insert([
      outboxRow({ id: 'day-1', state: 'undeliverable', dedupe_key: 'digest:cb-1:2026-11-24' }),
      outboxRow({ id: 'day-2', state: 'sent', dedupe_key: 'digest:cb-2:2026-11-24' }),
      outboxRow({ id: 'day-3', state: 'failed', dedupe_key: 'digest:cb-1:2026-11-23' }),
    ]);
    expect((await store().ofDay('2026-11-24')).map((l) => l.id)).toEqual(['day-1']);
  });

  it('finds dead letters by id prefix, LIKE wildcards taken as nothing', async () => {
    expect((await store().idsStartingWith('aaaaaa', 5)).sort()).toEqual(['aaaaaa-1', 'aaaaaa-2']);
    expect(await store().idsStartingWith('bbbbbb', 5)).toEqual(['bbbbbb-1']);
    expect(await store().idsStartingWith('cccccc', 5)).toEqual([]);
    expect(await store().idsStartingWith('%', 5)).toHaveLength(3);
    expect((await store().allIds()).sort()).toEqual(['aaaaaa-1', 'aaaaaa-2', 'bbbbbb-1']);
  });

  it('requeues dead letters from a time on, leaving other rows alone', async () => {
    await store().requeue(['aaaaaa-1', 'cccccc-1'], 9_000);
    const row = await db().kysely.selectFrom('outbox').selectAll().where('id', '=', 'aaaaaa-1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'pending', attempts: 0, next_attempt_at: 9_000, retried_at: 9_000, failed_at: null, claimed_by: null });
    expect((await db().kysely.selectFrom('outbox').select('retried_at').where('id', '=', 'cccccc-1').executeTakeFirstOrThrow()).retried_at).toBeNull();
    expect((await store().allIds()).sort()).toEqual(['aaaaaa-2', 'bbbbbb-1']);
  });

  it('requeues more ids than one statement may bind', async () => {
    const many = Array.from({ length: 1_200 }, (_, i) => outboxRow({ id: `many-${i}`, state: 'failed' }));
    await new KyselyOutboxStore(db().kysely).insert(many);
    await store().requeue(many.map((r) => r.id), 9_000);
    expect((await store().allIds()).filter((id) => id.startsWith('many-'))).toEqual([]);
  });
});
