// Runs the overdue scan on ALERT_CRON in Asia/Ho_Chi_Minh, on working days only, once per day
// across all processes (the day's lease: src/store/alert-runs.ts). Each tick catches and logs
// its own errors. The calendar, not the cron, decides which days are working days: make-up
// Saturdays get their scan and weekday holidays do not, so ALERT_CRON names every day of the week.
// Until today's scan has run (here or in another process), the scheduler checks again every
// `retryMs` once today's cron time has passed: a tick that failed (the database down at 08:00),
// a lease left by a process that crashed mid-scan, or a cron tick the event loop missed does
// not cost the day's alerts.
import crypto from 'node:crypto';
import cron from 'node-cron';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { DAY_MS, VIETNAM_OFFSET_MS, localDayNumber, localDay } from '../local-time';
import { missingAnnouncementMessage } from '../catalogue/calendar-checks';
import type { AlertRunStore } from '../store/alert-runs';
import { runScan, type ScanDeps, type ScanResult } from './scan';

export const ALERT_TIMEZONE = 'Asia/Ho_Chi_Minh';

export class SchedulerError extends Error {
  override readonly name = 'SchedulerError';
  constructor(message: string) {
    super(`alerts scheduler: ${message}`);
  }
}

export interface SchedulerDeps {
  scan: ScanDeps;
  /** The day's lease, so one process scans per day. */
  runs: AlertRunStore;
  cron: string;
  clock: Clock;
  logger: Logger;
  /** Identifies this process in alert_runs. */
  owner?: string;
  /** Called after a scan queued messages, e.g. to wake the dispatcher. */
  onQueued?: (result: ScanResult) => void;
  /** The day's run once the lease is taken (AlertService.runDay: scan, then delivery); default: the scan alone. */
  runDay?: (at: Date) => Promise<ScanResult>;
  /**
   * On start, run today's scan at once if its cron time has already passed (default true):
   * a restart or deploy at 08:05 must not cost a day's alerts. The day's lease keeps it to one.
   */
  catchUp?: boolean;
  /** Years whose government notice (swaps, make-up days) calendar.yaml should record by `now` and does not. */
  missingAnnouncements?: (now: Date) => number[];
  /** How often to try again while today's scan is due and not done (default a minute). */
  retryMs?: number;
  /** Where the last scan's time and the failed attempts show (GET /metrics). */
  metrics?: Pick<Metrics, 'alertScanLastSuccess' | 'alertScanFailures'>;
}

/** What /healthz shows of the daily scan, as this process knows it. */
export interface SchedulerStatus {
  /** Scan attempts that failed in this process since it started. */
  failedAttempts: number;
}

export const DEFAULT_RETRY_MS = 60_000;

export type TickOutcome =
  | { ran: true; result: ScanResult }
  | { ran: false; reason: 'day_off' | 'done' | 'running' | 'error' };

export interface AlertScheduler {
  /** Starts the cron; resolves with the catch-up tick's outcome, if one ran. */
  start(): Promise<TickOutcome | undefined>;
  stop(): Promise<void>;
  /** One tick, as cron would run it now. */
  tick(): Promise<TickOutcome>;
  status(): SchedulerStatus;
}

export function createAlertScheduler(deps: SchedulerDeps): AlertScheduler {
  if (!cron.validate(deps.cron)) throw new SchedulerError(`ALERT_CRON is not a valid cron expression`);
  if (limitsWeekdays(deps.cron)) {
    deps.logger.warn({ cron: deps.cron }, 'alerts: ALERT_CRON names days of the week, so make-up Saturdays get no scan; the calendar already skips days off (use e.g. "0 8 * * *")');
  }
  const owner = deps.owner ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  let task: ReturnType<typeof cron.schedule> | undefined;
  let running: Promise<TickOutcome> | undefined;
  let retry: ReturnType<typeof setInterval> | undefined;
  /** The local day whose scan needs nothing more from this process: ran, done elsewhere, or a day off. */
  let settledDay: string | undefined;
  /** The local day and its first cron time (ms), once computed; undefined when the cron has no time that day. */
  let firstFire: { day: string; at: number | undefined } | undefined;

  /** The local day this process last warned about missing notices: once a day is enough. */
  let warnedDay: string | undefined;
  let failedAttempts = 0;

  /** When the latest scan known here finished (ms), for motcua_alert_scan_last_success_timestamp_seconds. */
  let lastFinishedAt = 0;

  function showScanFinished(at: number): void {
    lastFinishedAt = Math.max(lastFinishedAt, at);
    deps.metrics?.alertScanLastSuccess.set(lastFinishedAt / 1000);
  }

  /** The last finished scan as alert_runs records it (this process, another one, or `alerts run`). */
  async function showLastScan(): Promise<void> {
    if (!deps.metrics) return;
    const last = await deps.runs.lastFinished().catch(() => undefined);
    if (last) showScanFinished(last.finishedAt);
  }

  function warnMissingAnnouncements(now: Date): void {
    const day = localDay(now);
    if (warnedDay === day) return;
    warnedDay = day;
    for (const year of deps.missingAnnouncements?.(now) ?? []) {
      deps.logger.warn({ year, file: 'calendar.yaml' }, `alerts: ${missingAnnouncementMessage(year)}`);
    }
  }

  async function tickOnce(): Promise<TickOutcome> {
    const now = deps.clock.now();
    const day = localDay(now);
    const outcome = await tickOn(now, day);
    if (!outcome.ran && outcome.reason === 'error') {
      failedAttempts++;
      deps.metrics?.alertScanFailures.inc();
    }
    // Another process (or `alerts run`) did today's scan: its time is the last scan's.
    if (!outcome.ran && outcome.reason === 'done') await showLastScan();
    // Tried again later ('error', or 'running' in a process that may have died): not settled.
    if (outcome.ran || outcome.reason === 'done' || outcome.reason === 'day_off') settledDay = day;
    return outcome;
  }

  async function tickOn(now: Date, day: string): Promise<TickOutcome> {
    try {
      warnMissingAnnouncements(now);
      if (!deps.scan.calendar.isWorkingDay(day)) {
        deps.logger.info({ day }, 'alerts: day off, no scan');
        return { ran: false, reason: 'day_off' };
      }
      const claim = await deps.runs.claim(day, owner, now);
      if (!claim.claimed) {
        deps.logger.info({ day, reason: claim.reason }, 'alerts: scan already taken for today');
        return { ran: false, reason: claim.reason };
      }
      try {
        const result = deps.runDay ? await deps.runDay(now) : await runScan(deps.scan, now);
        const finishedAt = deps.clock.now();
        await deps.runs.finish(day, owner, finishedAt);
        showScanFinished(finishedAt.getTime());
        deps.logger.info({ day, queued: result.queued, overdue: result.overdue, nearDue: result.nearDue, unlinked: result.unlinked.length }, 'alerts: scan done');
        if (result.queued > 0) deps.onQueued?.(result);
        return { ran: true, result };
      } catch (error) {
        await deps.runs.release(day, owner).catch(() => undefined);
        throw error;
      }
    } catch (error) {
      deps.logger.error({ err: error, day }, 'alerts: scan failed');
      return { ran: false, reason: 'error' };
    }
  }

  const tick = (): Promise<TickOutcome> => {
    // A slow scan and the next tick must not overlap in one process.
    running ??= tickOnce().finally(() => { running = undefined; });
    return running;
  };

  /** Whether today's cron time has passed and today's scan is not known to be done. */
  function due(now: Date): boolean {
    const day = localDay(now);
    if (settledDay === day || !task) return false;
    if (firstFire?.day !== day) firstFire = { day, at: firstFireOn(task, now) };
    return firstFire.at !== undefined && firstFire.at <= now.getTime();
  }

  return {
    async start() {
      if (task) return undefined;
      warnMissingAnnouncements(deps.clock.now());
      // A restart does not reset the last scan's time to 0 (an alert on its age would fire).
      void showLastScan();
      task = cron.schedule(deps.cron, () => { void tick(); }, { timezone: ALERT_TIMEZONE, name: `alerts-${owner}` });
      retry = setInterval(() => {
        if (!running && due(deps.clock.now())) void tick();
      }, deps.retryMs ?? DEFAULT_RETRY_MS);
      retry.unref();
      if (deps.catchUp === false || !due(deps.clock.now())) return undefined;
      return tick();
    },
    async stop() {
      clearInterval(retry);
      retry = undefined;
      await task?.stop();
      task = undefined;
      await running;
    },
    tick,
    status: () => ({ failedAttempts }),
  };
}

const MINUTE_MS = 60_000;

/** Whether the cron's day-of-week field leaves out some days (5 or 6 fields, seconds optional). */
function limitsWeekdays(expression: string): boolean {
  const fields = expression.trim().split(/\s+/);
  const weekdays = fields[fields.length === 6 ? 5 : 4] ?? '*';
  return weekdays !== '*' && weekdays !== '?' && weekdays !== '0-6' && weekdays !== '0-7' && weekdays !== '*/1';
}

/** The cron's first time on the local day of `now` (minute resolution), if it has one. */
function firstFireOn(task: { match(date: Date): boolean }, now: Date): number | undefined {
  const midnight = localDayNumber(now.getTime()) * DAY_MS - VIETNAM_OFFSET_MS;
  for (let t = midnight; t < midnight + DAY_MS; t += MINUTE_MS) if (task.match(new Date(t))) return t;
  return undefined;
}
