// The shared runtime every command, the server and the alert scan take: config, logger,
// metrics, clock and the store's ports on the one database. src/main.ts (buildContext) builds
// it once.
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import type { Stores } from './store/stores';

/** Everything the commands and the server share, built once. */
export interface Context {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  /** Every storage port, on the database this context opened (and `close` closes). */
  stores: Stores;
  close(): Promise<void>;
}
