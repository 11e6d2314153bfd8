// The day's scan is not lost when its one cron tick goes wrong: a process that crashed holding
// the day's lease and was restarted, or a database that did not answer at the cron time. The
// running scheduler tries again by itself on the same day, and still scans only once.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanDeps } from '../../src/alerts/scan';
import { createAlertScheduler, type TickOutcome } from '../../src/alerts/scheduler';
import { fixedClock } from '../../src/clock';
import { WorkingCalendar } from '../../src/dossiers/working-days';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { dropSchema, openDatabase, type Db } from '../../src/store/db';
import { describeStores, POSTGRES_URL } from '../helpers/stores';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { waitUntil } from '../helpers/wait';
import { addOfficial, calendar2026, clearAll, link, localFive, makeDossier, runsOn, scanPortsOn } from './factories';

const CRON = '0 8 * * *';

async function digests(db: Db): Promise<string[]> {
  const rows = await db.kysely.selectFrom('outbox').select('dedupe_key').where('kind', '=', 'digest').execute();
  return rows.map((r) => r.dedupe_key ?? '');
}

async function seed(db: Db): Promise<void> {
  const k = db.kysely;
  await clearAll(k);
  await addOfficial(k, 'cb-lan', 'officer');
  await link(k, 'cb-lan', 'telegram', '1001');
  await k.insertInto('dossiers').values([makeDossier({ due_at: localFive('2026-11-20') })]).execute();
}

function scanOn(db: Db): ScanDeps {
  return { ...scanPortsOn(db), calendar: new WorkingCalendar(calendar2026).toLenient(), nearDueDays: 1, escalateDays: 3 };
}

describeStores('alert scheduler recovery', (db) => {
  beforeAll(async () => {
    await seed(db());
  });

  it('restarted after a crash in the middle of the 08:00 scan, takes the day over once the dead lease runs out', async () => {
    // The crashed process's row: the day claimed at 08:00, never finished.
    await db().kysely.insertInto('alert_runs').values({ day: '2026-11-23', owner: 'crashed', started_at: Date.parse('2026-11-23T08:00:00+07:00'), finished_at: null }).execute();
    const clock = fixedClock('2026-11-23T08:01:00+07:00');
    const scheduler = createAlertScheduler({ scan: scanOn(db()), runs: runsOn(db()), cron: CRON, clock, logger: silentLogger(), owner: 'restarted', retryMs: 20 });
    try {
      expect(await scheduler.start()).toEqual({ ran: false, reason: 'running' });
      expect(await digests(db())).toEqual([]);
      // The lease (10 minutes) runs out: nobody else will scan today.
      clock.set('2026-11-23T08:11:00+07:00');
      const run = await waitUntil(() => db().kysely.selectFrom('alert_runs').selectAll().where('day', '=', '2026-11-23').where('finished_at', 'is not', null).executeTakeFirst(), 'the day taken over');
      expect(run.owner).toBe('restarted');
      expect(await digests(db())).toEqual(['digest:cb-lan:2026-11-23']);
      // Done for the day: later checks scan nothing again.
      clock.set('2026-11-23T09:00:00+07:00');
      expect(await scheduler.tick()).toEqual({ ran: false, reason: 'done' });
    } finally {
      await scheduler.stop();
    }
  });
});

describe('alert scheduler recovery [postgres outage at the cron time]', () => {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  let proxy: TcpProxy;
  let db: Db;

  beforeAll(async () => {
    const setup = await openDatabase(POSTGRES_URL, { schema });
    await seed(setup);
    await setup.close();
    const target = new URL(POSTGRES_URL);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(POSTGRES_URL);
    viaProxy.port = String(proxy.port);
    db = await openDatabase(viaProxy.toString(), { schema });
  });

  afterAll(async () => {
    await db?.close();
    await proxy?.close();
    await dropSchema(POSTGRES_URL, schema);
  });

  it('scans once PostgreSQL is back, the same morning, without a restart; /metrics shows the failed attempt, then the scan\'s time', async () => {
    const clock = fixedClock('2026-11-23T08:00:00+07:00');
    const metrics = createMetrics({ defaults: false });
    const scrape = async (name: string) => (await metrics.registry.metrics()).split('\n').find((l) => l.startsWith(`${name} `));
    const scheduler = createAlertScheduler({ scan: scanOn(db), runs: runsOn(db), cron: CRON, clock, logger: silentLogger(), owner: 'serve', retryMs: 20, catchUp: false, metrics });
    try {
      await scheduler.start();
      await proxy.cut();
      // What the 08:00 cron tick does while the database is down.
      const failed: TickOutcome = await scheduler.tick();
      expect(failed).toEqual({ ran: false, reason: 'error' });
      expect(await scrape('motcua_alert_scan_failures_total')).toBe('motcua_alert_scan_failures_total 1');
      expect(await scrape('motcua_alert_scan_last_success_timestamp_seconds')).toBe('motcua_alert_scan_last_success_timestamp_seconds 0');
      expect(scheduler.status()).toEqual({ failedAttempts: 1 });
      clock.set('2026-11-23T08:03:00+07:00');
      await proxy.restore();
      expect(await waitUntil(async () => (await digests(db)).length > 0 && digests(db), 'the scan after the outage', 15_000)).toEqual(['digest:cb-lan:2026-11-23']);
      const finished = Date.parse('2026-11-23T08:03:00+07:00') / 1000;
      expect(await waitUntil(async () => (await scrape('motcua_alert_scan_last_success_timestamp_seconds'))?.endsWith(` ${finished}`), 'the scan\'s time in /metrics')).toBe(true);
      expect(await scrape('motcua_alert_scan_failures_total')).toBe('motcua_alert_scan_failures_total 1');
    } finally {
      await scheduler.stop();
    }
  });
});
