// Prometheus metrics: one registry for the process; capabilities add their own counters here.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'route' | 'status'>;
  readonly messagesIn: Counter<'channel'>;
  readonly replyLatency: Histogram<'channel'>;
  readonly outbox: Gauge<'state'>;
  readonly deliveries: Counter<'channel' | 'outcome'>;
  readonly deadLetters: Counter<'channel' | 'kind' | 'state'>;
  /** When the last daily overdue scan finished (Unix seconds); 0 until one is known. */
  readonly alertScanLastSuccess: Gauge;
  readonly alertScanFailures: Counter;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({ name: 'motcua_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], registers: [registry] }),
    messagesIn: new Counter({ name: 'motcua_messages_in_total', help: 'Messages received by channel', labelNames: ['channel'], registers: [registry] }),
    replyLatency: new Histogram({ name: 'motcua_reply_seconds', help: 'Time to build a reply', labelNames: ['channel'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [registry] }),
    outbox: new Gauge({ name: 'motcua_outbox_messages', help: 'Outbox messages by state', labelNames: ['state'], registers: [registry] }),
    deliveries: new Counter({ name: 'motcua_deliveries_total', help: 'Delivery attempts by channel and outcome', labelNames: ['channel', 'outcome'], registers: [registry] }),
    deadLetters: new Counter({ name: 'motcua_outbox_dead_letters_total', help: 'Messages given up on (failed or undeliverable): see motcua outbox list --failed', labelNames: ['channel', 'kind', 'state'], registers: [registry] }),
    alertScanLastSuccess: new Gauge({ name: 'motcua_alert_scan_last_success_timestamp_seconds', help: 'Unix time the last daily overdue scan finished (in any process, as alert_runs records it); 0 until one is known', registers: [registry] }),
    alertScanFailures: new Counter({ name: 'motcua_alert_scan_failures_total', help: 'Daily overdue scan attempts that failed in this process (tried again every minute)', registers: [registry] }),
  };
}
