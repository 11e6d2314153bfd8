// The shared runtime every command, the server and the alert scan take: config, logger,
// metrics, clock, the database and the store's ports on it. src/main.ts (buildContext) builds
// it once.
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import type { Db } from './store/db';
import type { DeliveryStores } from './store/delivery-stores';
import type { Stores } from './store/stores';

/** Everything the commands and the server share, built once. */
export interface Context {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  db: Db;
  /** The outbox's ports (queue, claims, dead letters) on `db`. */
  delivery: DeliveryStores;
  stores: Stores;
  close(): Promise<void>;
}
