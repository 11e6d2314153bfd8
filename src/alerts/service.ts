// alerts: the officials' side — who is linked to which chat (/lienket), the daily near-due and
// overdue scan with its digests and apology drafts, and the once-a-day schedule that runs it.
// Builds the alert scan, its scheduler and the outbox dispatcher from the shared context, so
// `serve` and `motcua alerts run` wire them the same way.
import { missingAnnouncements } from '../catalogue/calendar-checks';
import type { Catalogue } from '../catalogue/loader';
import type { Config } from '../config';
import { createDispatcher, type Dispatcher } from '../delivery/dispatcher';
import type { ChannelSender } from '../delivery/ports';
import { prepareHolidays } from '../holidays';
import { localDay, WorkingCalendar } from '../dossiers/working-days';
import type { Context } from '../context';
import { createAlertScheduler, type AlertScheduler } from './scheduler';
import type { ScanDeps } from './scan';

export function scanDeps(context: Pick<Context, 'db' | 'config'>, catalogue: Pick<Catalogue, 'calendar' | 'byCode'>): ScanDeps {
  // At start, not in the first scan: last, this and next year's holidays.
  const year = Number(localDay(new Date()).slice(0, 4));
  prepareHolidays([year - 1, year, year + 1]);
  return {
    db: context.db.kysely,
    // Lenient: a year whose holidays cannot be computed must not stop the alerts.
    calendar: new WorkingCalendar(catalogue.calendar).toLenient(),
    nearDueDays: context.config.ALERT_NEAR_DUE_DAYS,
    escalateDays: context.config.ALERT_ESCALATE_DAYS,
    procedureName: (code) => catalogue.byCode.get(code)?.name,
  };
}

export function dispatcherFor(context: Pick<Context, 'db' | 'clock' | 'logger' | 'metrics' | 'config'>, senders: readonly ChannelSender[]): Dispatcher {
  return createDispatcher({
    db: context.db,
    senders,
    clock: context.clock,
    logger: context.logger,
    metrics: context.metrics,
    options: dispatcherOptions(context.config),
  });
}

export function dispatcherOptions(config: Config) {
  return {
    ratePerSecond: { telegram: config.TELEGRAM_RATE_PER_SECOND, zalo: config.ZALO_RATE_PER_SECOND },
    intervalMs: config.DISPATCH_INTERVAL_MS,
    retry: {
      maxMs: config.OUTBOX_RETRY_MAX_SECONDS * 1000,
      alertMaxAgeMs: config.OUTBOX_ALERT_MAX_AGE_HOURS * 3_600_000,
      statusMaxAgeMs: config.OUTBOX_STATUS_MAX_AGE_HOURS * 3_600_000,
    },
  };
}

export interface AlertsRuntime {
  scheduler: AlertScheduler;
  dispatcher: Dispatcher;
  start(): void;
  stop(): Promise<void>;
}

/** For `serve`: the daily scan on ALERT_CRON and the dispatcher delivering the whole outbox. */
export function createAlertsRuntime(context: Context, catalogue: Pick<Catalogue, 'calendar' | 'byCode'>, senders: readonly ChannelSender[]): AlertsRuntime {
  const dispatcher = dispatcherFor(context, senders);
  const scheduler = createAlertScheduler({
    scan: scanDeps(context, catalogue),
    cron: context.config.ALERT_CRON,
    clock: context.clock,
    logger: context.logger,
    onQueued: () => dispatcher.wake(),
    missingAnnouncements: (now) => missingAnnouncements(catalogue.calendar, now),
  });
  return {
    scheduler,
    dispatcher,
    start() {
      dispatcher.start();
      // Not awaited: a catch-up scan must not hold up the server's start; it logs its own errors.
      void scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await dispatcher.stop();
    },
  };
}
