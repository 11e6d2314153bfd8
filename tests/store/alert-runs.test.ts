// The AlertRunStore contract on both databases: one lease per day, taken over only once it
// ran out, given back after a failure; runs recorded by `alerts run`.
import { beforeEach, expect, it } from 'vitest';
import { DbAlertRunStore, RUN_LEASE_MS } from '../../src/store/alert-runs';
import { describeStores } from '../helpers/stores';

const DAY = '2026-11-23';
const AT = new Date('2026-11-23T08:00:00+07:00');
const later = (ms: number) => new Date(AT.getTime() + ms);

describeStores('alert run store', (db) => {
  let runs: DbAlertRunStore;

  beforeEach(async () => {
    await db().kysely.deleteFrom('alert_runs').execute();
    await db().kysely.deleteFrom('outbox').execute();
    runs = new DbAlertRunStore(db().kysely);
  });

  it('gives the day to the first claimant; another is told it runs, then that it is done', async () => {
    expect(await runs.claim(DAY, 'a', AT)).toEqual({ claimed: true });
    expect(await runs.claim(DAY, 'b', later(1000))).toEqual({ claimed: false, reason: 'running' });
    await runs.finish(DAY, 'a', later(2000));
    expect(await runs.claim(DAY, 'b', later(RUN_LEASE_MS * 2))).toEqual({ claimed: false, reason: 'done' });
  });

  it('lets another process take over a lease that ran out, and only the owner finish or release it', async () => {
    await runs.claim(DAY, 'crashed', AT);
    expect(await runs.claim(DAY, 'b', later(RUN_LEASE_MS + 1))).toEqual({ claimed: true });
    await runs.finish(DAY, 'crashed', later(RUN_LEASE_MS + 2));
    await runs.release(DAY, 'crashed');
    expect(await runs.claim(DAY, 'c', later(RUN_LEASE_MS + 3))).toEqual({ claimed: false, reason: 'running' });
    await runs.release(DAY, 'b');
    expect(await runs.claim(DAY, 'c', later(RUN_LEASE_MS + 4))).toEqual({ claimed: true });
  });

  it('records a run made outside the scheduler unless the day has one', async () => {
    await runs.record(DAY, 'cli-1', AT, later(1000));
    await runs.record(DAY, 'cli-2', AT, later(2000));
    expect(await db().kysely.selectFrom('alert_runs').select(['owner', 'finished_at']).execute()).toEqual([{ owner: 'cli-1', finished_at: later(1000).getTime() }]);
    expect(await runs.claim(DAY, 'serve', later(3000))).toEqual({ claimed: false, reason: 'done' });
  });

  it('names the latest day whose scan finished, not one still running', async () => {
    expect(await runs.lastFinished()).toBeUndefined();
    await runs.record('2026-11-20', 'cli-1', new Date('2026-11-20T08:00:00+07:00'), new Date('2026-11-20T08:01:00+07:00'));
    await runs.claim(DAY, 'a', AT);
    await runs.claim('2026-11-24', 'b', later(86_400_000));
    await runs.finish(DAY, 'a', later(5000));
    expect(await runs.lastFinished()).toEqual({ day: DAY, finishedAt: later(5000).getTime() });
  });

});
