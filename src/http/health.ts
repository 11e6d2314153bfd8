// GET /healthz: the database, the channels, the outbox dispatcher and the daily overdue scan, each with its state.
// 503 when the database does not answer, since then no lookup, intake or delivery works; 200
// otherwise (a channel or a stuck outbox shows in the body, for a monitor to alert on).
import type { Clock } from '../clock';
import type { HealthProbe } from '../store/health';

export interface HealthDeps {
  probe: HealthProbe;
  clock: Clock;
  /** Each configured channel and its state ("up", "starting", "failed", "stopped"). */
  channels: () => Record<string, string>;
  /** Whether the dispatcher loop runs in this process. */
  dispatcherRunning: () => boolean;
  /** The daily overdue scan: the last one finished (alert_runs, any process) and this process's failed attempts. */
  alertScans?: {
    lastFinished(): Promise<{ day: string; finishedAt: number } | undefined>;
    failedAttempts(): number;
  };
  /** How long the database may take to answer (default 2 s). */
  timeoutMs?: number;
}

export interface HealthReport {
  ok: boolean;
  body: {
    status: 'ok' | 'unavailable';
    database: { status: 'up' | 'down'; dialect: string; ms?: number };
    channels: Record<string, string>;
    dispatcher: { status: 'running' | 'stopped'; pending?: number; oldestDueSeconds?: number | null };
    /** lastScanDay / lastScanAt: the latest scan finished (null: none yet; absent while the database does not answer). */
    alerts?: { lastScanDay?: string | null; lastScanAt?: string | null; failedAttempts: number };
  };
}

export function healthCheck(deps: HealthDeps): () => Promise<HealthReport> {
  return async () => {
    const started = performance.now();
    let databaseUp = true;
    try {
      await deps.probe.ping(deps.timeoutMs ?? 2_000);
    } catch {
      databaseUp = false;
    }
    const ms = Math.round(performance.now() - started);
    const dispatcher: HealthReport['body']['dispatcher'] = { status: deps.dispatcherRunning() ? 'running' : 'stopped' };
    const alerts: HealthReport['body']['alerts'] = deps.alertScans ? { failedAttempts: deps.alertScans.failedAttempts() } : undefined;
    if (databaseUp) {
      // A backlog whose oldest message is long overdue means delivery is stuck or failing.
      const now = deps.clock.now().getTime();
      const due = await deps.probe.outboxBacklog(now).catch(() => undefined);
      if (due) {
        dispatcher.pending = due.pending;
        dispatcher.oldestDueSeconds = due.oldestDueAt === null ? null : Math.max(0, Math.round((now - due.oldestDueAt) / 1000));
      }
      if (alerts && deps.alertScans) {
        const last = await deps.alertScans.lastFinished().then((l) => l ?? null, () => undefined);
        if (last !== undefined) {
          alerts.lastScanDay = last?.day ?? null;
          alerts.lastScanAt = last ? new Date(last.finishedAt).toISOString() : null;
        }
      }
    }
    return {
      ok: databaseUp,
      body: {
        status: databaseUp ? 'ok' : 'unavailable',
        database: { status: databaseUp ? 'up' : 'down', dialect: deps.probe.dialect, ...(databaseUp ? { ms } : {}) },
        channels: deps.channels(),
        dispatcher,
        ...(alerts ? { alerts } : {}),
      },
    };
  };
}
