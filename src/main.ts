// The composition root: config → adapters → services → channels and scheduler.
// It is the only module that knows every concrete class; nothing reads process.env after it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from './clock';
import { configSecrets, type Config } from './config';
import { createHttpApp, type Mount } from './http/app';
import { createLogger, type Logger } from './log';
import { createMetrics, type Metrics } from './metrics';
import { openDatabase } from './store/db';
import { createHousekeeping } from './store/housekeeping';
import { createStores } from './store/stores';
import { Assistant } from './assistant/assistant';
import { ConversationEngine, type ChatHandler } from './conversation/engine';
import { ConversationMemory } from './assistant/memory';
import { sharedMemory } from './assistant/shared-memory';
import { createChannels } from './channels';
import { loadSearch } from './search/load';
import type { SearchIndex } from './search/index';
import type { Catalogue } from './catalogue/loader';
import { createProcedureRouter } from './http/procedure-routes';
import { DossierService } from './dossiers/service';
import { DossierChatHandler } from './dossiers/chat';
import { cachedKeyResolver } from './dossiers/keys';
import { createDossierRouter } from './http/dossier-routes';
import { healthCheck } from './http/health';
import { createListingRouter } from './http/listing-routes';
import { listingLinksFromConfig, localOnlyBaseUrl } from './listings/links';
import { LINK_ATTEMPT_LIMIT, LinkChatHandler } from './alerts/link-chat';
import { WindowLimiter } from './dossiers/rate-limit';
import { createAlertsRuntime } from './alerts/service';
import { FeedbackLoop } from './feedback/loop';
import type { Context } from './context';

export type { Context } from './context';

export interface ContextOptions {
  logger?: Logger;
  clock?: Clock;
  metrics?: Metrics;
  /** Where the logger built from the config writes (default stdout); ignored with `logger`. */
  logDestination?: NodeJS.WritableStream;
}

export async function buildContext(config: Config, options: ContextOptions = {}): Promise<Context> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL, options.logDestination, { secrets: configSecrets(config) });
  const metrics = options.metrics ?? createMetrics();
  const clock = options.clock ?? systemClock;
  // A dropped database connection is logged (without the URL) and replaced on the next query.
  const db = await openDatabase(config.DATABASE_URL, { onConnectionError: (error) => logger.warn({ code: (error as { code?: string }).code }, 'store: a database connection was lost; reconnecting on the next query') });
  return {
    config,
    logger,
    metrics,
    clock,
    stores: createStores(db),
    close: async () => {
      await db.close();
    },
  };
}

/** The catalogue, its search index, the dossier service and the one conversation engine. */
export interface Conversation {
  catalogue: Catalogue;
  index: SearchIndex;
  dossiers: DossierService;
  engine: ConversationEngine;
}

/** The dossier service on the context's stores, reading procedures and the calendar from `catalogue`. */
export function buildDossiers(context: Pick<Context, 'stores' | 'clock' | 'logger' | 'config'>, catalogue: Pick<Catalogue, 'byCode' | 'calendar'>): DossierService {
  return new DossierService({
    stores: context.stores,
    procedure: (code) => catalogue.byCode.get(code),
    calendar: () => catalogue.calendar,
    officeHours: context.config.OFFICE_HOURS,
    clock: context.clock,
    logger: context.logger,
  });
}

/** What `serve` and `motcua ask` share: every message goes through the same engine. */
export async function buildConversation(context: Context): Promise<Conversation> {
  const { catalogue, index, problems } = await loadSearch(context.config.PROCEDURES_DIR);
  for (const p of problems) context.logger.warn({ file: p.file, line: p.line, field: p.field }, `search: ${p.message}; searching without synonyms`);
  const dossiers = buildDossiers(context, catalogue);
  // Command and dossier handlers first, the procedure assistant last.
  // 👍/👎 presses are taken before the assistant; what it cannot answer is recorded (src/feedback).
  const feedback = new FeedbackLoop(context.stores.feedback, context.logger);
  const handlers: ChatHandler[] = [new LinkChatHandler(context.stores.officials, new WindowLimiter(context.stores.rateLimits, LINK_ATTEMPT_LIMIT)), new DossierChatHandler(dossiers, context.clock), feedback.handler];
  const memory = new ConversationMemory({ clock: context.clock });
  const assistant = new Assistant({ index, memory });
  // The chat's memory is shared through the database: a follow-up may reach another process.
  const responder = sharedMemory(feedback.responder(assistant), memory, context.stores.conversations, context.logger);
  const engine = new ConversationEngine(handlers, responder, context.logger, context.stores.chatActivity);
  return { catalogue, index, dossiers, engine };
}

export interface Server {
  url: string;
  context: Context;
  close(): Promise<void>;
}

/** `motcua serve`: HTTP (web chat, API, webhooks, listings), bots, scheduler and dispatcher. */
export async function serve(config: Config, options: ContextOptions = {}): Promise<Server> {
  const context = await buildContext(config, options);
  const { catalogue, index, dossiers, engine } = await buildConversation(context);
  const channels = createChannels(config, engine, { stores: context.stores, logger: context.logger, metrics: context.metrics, now: () => context.clock.now() });
  const mounts: Mount[] = [...channels.mounts, { path: '/api/procedures', router: createProcedureRouter({ index: () => index }) },
    { path: '/api/dossiers', router: createDossierRouter({ service: dossiers, resolveKey: cachedKeyResolver(context.stores.apiKeys), clock: context.clock }) },
    { path: '/listings', router: createListingRouter({ catalogue: () => catalogue, links: listingLinksFromConfig(config), clock: context.clock }) },
  ];
  let dispatching = false;
  let alerts: ReturnType<typeof createAlertsRuntime> | undefined;
  const health = healthCheck({
    probe: context.stores.health, clock: context.clock, channels: () => channels.status(), dispatcherRunning: () => dispatching,
    alertScans: { lastFinished: () => context.stores.alertRuns.lastFinished(), failedAttempts: () => alerts?.scheduler.status().failedAttempts ?? 0 },
  });
  const app = createHttpApp({ logger: context.logger, metrics: context.metrics, mounts, trustProxy: config.TRUST_PROXY, health, metricsToken: config.METRICS_TOKEN });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      context.close().catch(() => undefined);
      reject(new Error(`cannot listen on ${config.HOST}:${config.PORT} (${error.code ?? error.message}); set PORT or HOST to a free port and an address of this machine`));
    });
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  context.logger.info({ port }, 'motcua: serving');
  const localBase = localOnlyBaseUrl(listingLinksFromConfig(config));
  if (localBase) context.logger.warn({ links: localBase }, 'motcua: PUBLIC_BASE_URL is unset (or localhost): links and QR codes in listings open an address only this server reaches; set PUBLIC_BASE_URL to the public address of the web chat (or TELEGRAM_BOT_USERNAME)');

  const stoppers: Array<() => Promise<void>> = [];
  // Telegram polling or setWebhook only once the server answers.
  await channels.start();
  stoppers.push(() => channels.stop());
  // The daily overdue scan (ALERT_CRON) and the outbox dispatcher, sending through the channels.
  const runtime = createAlertsRuntime(context, dossiers, catalogue, channels.senders);
  alerts = runtime;
  runtime.start();
  dispatching = true;
  stoppers.push(() => runtime.stop().finally(() => { dispatching = false; }));
  // Daily: rate-limit windows, chat activity, seen event ids and webhook inbox rows that aged out.
  const housekeeping = createHousekeeping({ oldRows: context.stores.oldRows, clock: context.clock, logger: context.logger, cron: config.HOUSEKEEPING_CRON, retentionDays: config.HOUSEKEEPING_RETENTION_DAYS, feedbackRetentionDays: config.FEEDBACK_RETENTION_DAYS });
  housekeeping.start();
  stoppers.push(() => housekeeping.stop());
  return {
    url,
    context,
    close: async () => {
      // No new requests first, and those in progress finish: every webhook event acknowledged
      // so far is then answered as the channels stop, before the database closes. An event
      // arriving later is refused, so the platform sends it again to the next process.
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await httpClosed;
      for (const stop of stoppers.reverse()) await stop().catch((err) => context.logger.error({ err }, 'motcua: stop failed'));
      server.closeAllConnections();
      await context.close();
    },
  };
}
