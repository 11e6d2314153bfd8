// The alert scheduler asks the calendar, not the cron, which days are working days: a make-up
// Saturday gets its scan, a weekday holiday (computed from the law, also in years calendar.yaml
// has no notice for) does not; and the server warns about a missing notice from October on.
import path from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { createAlertsRuntime } from '../../src/alerts/service';
import { createAlertScheduler } from '../../src/alerts/scheduler';
import type { ScanDeps } from '../../src/alerts/scan';
import { loadCatalogue, type Catalogue } from '../../src/catalogue/loader';
import { fixedClock } from '../../src/clock';
import { parseConfig } from '../../src/config';
import { WorkingCalendar } from '../../src/dossiers/working-days';
import { createLogger, silentLogger } from '../../src/log';
import type { Context } from '../../src/main';
import { describeStores } from '../helpers/stores';
import { createStores } from '../../src/store/stores';
import { addOfficial, clearAll, link, localFive, makeDossier, runsOn, scanPortsOn } from './factories';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = (await loadCatalogue(path.resolve('procedures'))).catalogue;
});

function capture(): { logger: ReturnType<typeof createLogger>; lines: () => Array<{ msg: string; year?: number }> } {
  const chunks: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  return { logger: createLogger('info', sink), lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

describeStores('alert scheduler on the working-day calendar', (db) => {
  let deps: ScanDeps;
  const cron = parseConfig({}).ALERT_CRON;

  beforeAll(async () => {
    const k = db().kysely;
    await clearAll(k);
    deps = { ...scanPortsOn(db()), calendar: new WorkingCalendar(catalogue.calendar).toLenient(), nearDueDays: 1, escalateDays: 3 };
    await addOfficial(k, 'cb-lan', 'officer');
    await link(k, 'cb-lan', 'telegram', '1001');
    await k.insertInto('dossiers').values([makeDossier({ code: 'X-260105-0001', due_at: localFive('2026-01-05') })]).execute();
  });

  it('with the default ALERT_CRON, scans on the make-up Saturday 10/1/2026 (caught up after a 09:00 start)', async () => {
    const clock = fixedClock('2026-01-10T09:00:00+07:00');
    const scheduler = createAlertScheduler({ scan: deps, runs: runsOn(db()), cron, clock, logger: silentLogger(), owner: 'sat' });
    const outcome = await scheduler.start();
    await scheduler.stop();
    expect(outcome?.ran).toBe(true);
  });

  it('skips weekday holidays: 2/1/2026 (swapped), 1/9/2026 (Quốc khánh), and Mon 8/2/2027 (Tết, computed: no 2027 notice)', async () => {
    for (const at of ['2026-01-02T09:00:00+07:00', '2026-09-01T09:00:00+07:00', '2027-02-08T09:00:00+07:00']) {
      const clock = fixedClock(at);
      const scheduler = createAlertScheduler({ scan: deps, runs: runsOn(db()), cron, clock, logger: silentLogger(), owner: `off-${at}` });
      expect([at, await scheduler.start()]).toEqual([at, { ran: false, reason: 'day_off' }]);
      await scheduler.stop();
    }
  });

  it('scans on an ordinary Monday and not on an ordinary Saturday', async () => {
    const monday = createAlertScheduler({ scan: deps, runs: runsOn(db()), cron, clock: fixedClock('2026-01-12T09:00:00+07:00'), logger: silentLogger(), owner: 'mon' });
    expect((await monday.start())?.ran).toBe(true);
    await monday.stop();
    const saturday = createAlertScheduler({ scan: deps, runs: runsOn(db()), cron, clock: fixedClock('2026-01-17T09:00:00+07:00'), logger: silentLogger(), owner: 'sat2' });
    expect(await saturday.start()).toEqual({ ran: false, reason: 'day_off' });
    await saturday.stop();
  });

  it('the server warns from October on while next year has no notice, and warns of a cron that names weekdays', async () => {
    const config = parseConfig({});
    const clock = fixedClock('2026-09-30T09:00:00+07:00');
    const { logger, lines } = capture();
    const context = { stores: createStores(db()), config, clock, logger, metrics: undefined } as unknown as Context;
    const runtime = createAlertsRuntime(context, context.stores.dossiers, catalogue, []);
    await runtime.scheduler.start();
    await runtime.scheduler.stop();
    expect(lines().filter((l) => l.year !== undefined)).toEqual([]);
    clock.set('2026-10-01T09:00:00+07:00');
    await runtime.scheduler.tick();
    const warned = lines().filter((l) => l.year !== undefined);
    expect(warned.map((l) => [l.year, l.msg])).toEqual([[2027, "alerts: the government's notice for 2027 is not recorded: deadlines in 2027 count the statutory holidays but no swapped days off or make-up Saturdays"]]);

    // Once a day, not at start and again at each tick (a catch-up, a retry while the database is down).
    const daily = capture();
    clock.set('2026-10-05T09:00:00+07:00');
    const once = createAlertScheduler({ scan: deps, runs: runsOn(db()), cron, clock, logger: daily.logger, owner: 'daily', missingAnnouncements: () => [2027] });
    await once.start();
    await once.tick();
    await once.stop();
    clock.set('2026-10-06T09:00:00+07:00');
    await once.tick();
    expect(daily.lines().filter((l) => l.year === 2027)).toHaveLength(2);

    const old = capture();
    createAlertScheduler({ scan: deps, runs: runsOn(db()), cron: '0 8 * * 1-5', clock, logger: old.logger });
    expect(old.lines().map((l) => l.msg).join('\n')).toMatch(/make-up Saturdays get no scan/);
  });
});
