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
import { runScan, type AlertOutbox, type ScanDeps, type ScanResult } from './scan';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { enqueueMany } from '../delivery/outbox';
import { realSleep, type Sleep } from '../delivery/rate-limit';
import type { Stores } from '../store/stores';

/** What the scan reads and writes: officials and their chats, open dossiers (through the dossier service), the outbox. */
export function scanPorts(stores: Pick<Stores, 'officials' | 'outbox'>, dossiers: ScanDeps['dossiers']): Pick<ScanDeps, 'officials' | 'dossiers' | 'outbox'> {
  const outbox: AlertOutbox = {
    enqueueMany: (messages, at) => enqueueMany(stores.outbox, messages, at),
    nextPendingAt: () => stores.outbox.nextPendingAt(),
  };
  return { officials: stores.officials, dossiers, outbox };
}

export function scanDeps(context: Pick<Context, 'stores' | 'config'>, dossiers: ScanDeps['dossiers'], catalogue: Pick<Catalogue, 'calendar' | 'byCode'>): ScanDeps {
  // At start, not in the first scan: last, this and next year's holidays.
  const year = Number(localDay(new Date()).slice(0, 4));
  prepareHolidays([year - 1, year, year + 1]);
  return {
    ...scanPorts(context.stores, dossiers),
    // Lenient: a year whose holidays cannot be computed must not stop the alerts.
    calendar: new WorkingCalendar(catalogue.calendar, context.config.OFFICE_HOURS).toLenient(),
    nearDueDays: context.config.ALERT_NEAR_DUE_DAYS,
    escalateDays: context.config.ALERT_ESCALATE_DAYS,
    procedureName: (code) => catalogue.byCode.get(code)?.name,
    officeHours: context.config.OFFICE_HOURS,
  };
}

export function dispatcherFor(context: Pick<Context, 'stores' | 'clock' | 'logger' | 'metrics' | 'config'>, senders: readonly ChannelSender[]): Dispatcher {
  return createDispatcher({
    stores: context.stores,
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
export function createAlertsRuntime(context: Context, dossiers: ScanDeps['dossiers'], catalogue: Pick<Catalogue, 'calendar' | 'byCode'>, senders: readonly ChannelSender[]): AlertsRuntime {
  const dispatcher = dispatcherFor(context, senders);
  const scan = scanDeps(context, dossiers, catalogue);
  const service = new AlertService({ scan, dispatcher, clock: context.clock, logger: context.logger });
  const scheduler = createAlertScheduler({
    scan,
    runs: context.stores.alertRuns,
    cron: context.config.ALERT_CRON,
    clock: context.clock,
    logger: context.logger,
    runDay: async (at) => (await service.runDay(at)).scan,
    missingAnnouncements: (now) => missingAnnouncements(catalogue.calendar, now),
    metrics: context.metrics,
  });
  return {
    scheduler,
    dispatcher,
    start() {
      service.startDispatcher();
      // Not awaited: a catch-up scan must not hold up the server's start; it logs its own errors.
      void scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await service.stopDispatcher();
    },
  };
}

export interface AlertServiceDeps {
  scan: ScanDeps;
  /** Absent when no channel can send here: what the scan queues waits for `motcua serve`. */
  dispatcher?: Dispatcher;
  /** The dispatcher's clock: delivery waits (a chat's gap between messages) are counted on it. */
  clock: Clock;
  logger: Logger;
  /** Waits on `clock` (real time by default; a fake clock's advance in tests). */
  sleep?: Sleep;
  /** How long runDay keeps delivering when no dispatcher runs, before leaving the rest to `serve`. */
  deliveryBudgetMs?: number;
}

export interface DayRun {
  scan: ScanResult;
  /** Messages sent by this call; null when a running dispatcher sends them, or nothing can send here. */
  delivered: number | null;
}

/**
 * One day's alerts, the same for the cron in `serve` and for `motcua alerts run`: the scan
 * queues the digests, then everything queued is delivered — by waking the running dispatcher,
 * or, when none runs (the CLI), by running its passes until the outbox has nothing left that
 * falls due within the budget (a chat's second message waits out the chat's gap, it is not left
 * behind).
 */
export class AlertService {
  private dispatching = false;

  constructor(private readonly deps: AlertServiceDeps) {}

  /** For `serve`: the dispatcher delivers the whole outbox as it fills. */
  startDispatcher(): void {
    this.deps.dispatcher?.start();
    this.dispatching = this.deps.dispatcher !== undefined;
  }

  async stopDispatcher(): Promise<void> {
    await this.deps.dispatcher?.stop();
    this.dispatching = false;
  }

  async runDay(at: Date, options: { dryRun?: boolean } = {}): Promise<DayRun> {
    const scan = await runScan(this.deps.scan, at, { dryRun: options.dryRun === true });
    if (options.dryRun || !this.deps.dispatcher) return { scan, delivered: null };
    if (this.dispatching) {
      if (scan.queued > 0) this.deps.dispatcher.wake();
      return { scan, delivered: null };
    }
    return { scan, delivered: await this.deliverQueued(this.deps.dispatcher) };
  }

  private async deliverQueued(dispatcher: Dispatcher): Promise<number> {
    const { clock } = this.deps;
    const sleep = this.deps.sleep ?? realSleep;
    const deadline = clock.now().getTime() + (this.deps.deliveryBudgetMs ?? 60_000);
    let sent = 0;
    while (clock.now().getTime() <= deadline) {
      const pass = await dispatcher.runOnce();
      sent += pass.sent;
      if (pass.claimed > 0) continue;
      const next = await this.deps.scan.outbox.nextPendingAt();
      if (next === undefined || next > deadline) break;
      // At least a moment: a pending row that only its chat's older message holds back is not claimable yet.
      await sleep(Math.max(50, next - clock.now().getTime()));
    }
    return sent;
  }
}
