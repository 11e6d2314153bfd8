// A `serve`-like process for the two-process test: the alert scheduler on ALERT_CRON and the
// dispatcher, against DATABASE_URL (a PostgreSQL schema chosen through the URL's options).
// Logs JSON lines; on SIGTERM prints {"sentByMe": n} and exits.
import { systemClock } from '../../src/clock';
import { createAlertScheduler } from '../../src/alerts/scheduler';
import { createDispatcher } from '../../src/delivery/dispatcher';
import { createLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { openDatabase } from '../../src/store/db';
import { createStores } from '../../src/store/stores';
import { telegramSender } from '../delivery/http-senders';
import { runsOn, scanPortsOn } from './factories';

const env = process.env;
const logger = createLogger('info');
const metrics = createMetrics({ defaults: false });
const db = await openDatabase(env.DATABASE_URL!);
const dispatcher = createDispatcher({
  stores: createStores(db),
  senders: [telegramSender(env.TG_ROOT!, env.TG_TOKEN!, 2000)],
  clock: systemClock,
  logger,
  metrics,
  options: { ratePerSecond: { telegram: 40 }, concurrency: 4, intervalMs: 50, batchSize: 20 },
});
const scheduler = createAlertScheduler({
  // Every day is a working day here: the day-off rule has its own test.
  scan: { ...scanPortsOn(db), calendar: { isWorkingDay: () => true }, nearDueDays: 1, escalateDays: 3 },
  runs: runsOn(db),
  cron: env.ALERT_CRON!,
  clock: systemClock,
  logger,
  onQueued: () => dispatcher.wake(),
});
scheduler.start();
dispatcher.start();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
process.once('SIGTERM', () => {
  void (async () => {
    await scheduler.stop();
    await dispatcher.stop();
    const sent = (await metrics.deliveries.get()).values.filter((v) => v.labels.outcome === 'sent').reduce((sum, v) => sum + v.value, 0);
    process.stdout.write(`${JSON.stringify({ sentByMe: sent })}\n`);
    await db.close();
    process.exit(0);
  })();
});
