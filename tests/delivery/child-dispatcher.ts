// A dispatcher in its own process, for the crash test: started, killed with SIGKILL, restarted.
// Env: DATABASE_URL (and PG_SCHEMA for PostgreSQL), TG_ROOT, TG_TOKEN, CLAIM_MS, RATE, CONCURRENCY.
import { systemClock } from '../../src/clock';
import { createDispatcher } from '../../src/delivery/dispatcher';
import { silentLogger } from '../../src/log';
import { openDatabase } from '../../src/store/db';
import { createStores } from '../../src/store/stores';
import { telegramSender } from './http-senders';

const env = process.env;
const db = await openDatabase(env.DATABASE_URL!, env.PG_SCHEMA ? { schema: env.PG_SCHEMA } : {});
const dispatcher = createDispatcher({
  stores: createStores(db),
  senders: [telegramSender(env.TG_ROOT!, env.TG_TOKEN!, 2000)],
  clock: systemClock,
  logger: silentLogger(),
  options: {
    ratePerSecond: { telegram: Number(env.RATE ?? 20) },
    concurrency: Number(env.CONCURRENCY ?? 1),
    claimMs: Number(env.CLAIM_MS ?? 2000),
    intervalMs: 50,
  },
});
dispatcher.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void dispatcher.stop().then(() => db.close()).then(() => process.exit(0));
});
