// The HealthProbe contract on both databases: it names its dialect, answers a ping, and counts
// the pending outbox messages already due with the oldest due time.
import { beforeEach, expect, it } from 'vitest';
import { DbHealthProbe } from '../../src/store/health';
import { describeStores } from '../helpers/stores';

const NOW = Date.parse('2026-11-23T08:00:00+07:00');

describeStores('health probe', (db) => {
  beforeEach(async () => {
    await db().kysely.deleteFrom('outbox').execute();
  });

  it('names the database and answers a ping', async () => {
    const probe = new DbHealthProbe(db());
    expect(probe.dialect).toBe(db().dialect);
    await expect(probe.ping(2_000)).resolves.toBeUndefined();
  });

  it('counts the pending messages due now and the oldest due time; none gives null', async () => {
    const probe = new DbHealthProbe(db());
    expect(await probe.outboxBacklog(NOW)).toEqual({ pending: 0, oldestDueAt: null });
    const row = (id: string, state: string, due: number) => ({
      id, channel: 'telegram', chat_id: '1', kind: 'digest', body: '{}', dedupe_key: null, state, attempts: 0, next_attempt_at: due,
      claimed_until: null, claimed_by: null, last_error: null, official_id: null, created_at: 0, sent_at: null, failed_at: null, retried_at: null,
    });
    await db().kysely.insertInto('outbox').values([row('1', 'pending', NOW - 60_000), row('2', 'pending', NOW), row('3', 'pending', NOW + 1), row('4', 'sent', NOW - 120_000)]).execute();
    expect(await probe.outboxBacklog(NOW)).toEqual({ pending: 2, oldestDueAt: NOW - 60_000 });
  });
});
