// http: the express app and the routes that are not a channel's — the dossier API with its
// keys, procedures, listings, /healthz and /metrics; each capability hands in its router.
// The express app: one JSON API, the web chat page, webhooks and listings. Routes come from
// each capability as mounted routers; this file only adds what every route shares.
import express, { type ErrorRequestHandler, type Request, type Router } from 'express';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { isDatabaseUnavailable } from '../store/db';
import type { HealthReport } from './health';
import { metricsHandler } from './metrics-route';
import { apiNotFound, pageNotFound } from './not-found';

export interface Mount {
  path: string;
  router: Router;
}

export interface HttpDeps {
  logger: Logger;
  metrics: Metrics;
  mounts: Mount[];
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY): a hop count or an address list; default loopback. */
  trustProxy?: number | string[];
  /** What /healthz reports (see health.ts); a bare {status: "ok"} without it. */
  health?: () => Promise<HealthReport>;
  /** Bearer token for GET /metrics (METRICS_TOKEN); the route is off without one. */
  metricsToken?: string;
}

/** While the database is away: the API says so in JSON (the web chat page shows the message). */
export const DATABASE_UNAVAILABLE = {
  error: 'unavailable',
  message: 'Hệ thống đang tạm gián đoạn, bạn vui lòng thử lại sau ít phút.',
} as const;

/** The raw request body, kept for signature checks (Zalo). */
export function rawBody(req: Request): Buffer | undefined {
  return (req as Request & { rawBody?: Buffer }).rawBody;
}

/** PUT routes for bulk intake (500 dossiers a request), allowed more than the shared 256 kB of JSON. */
const LARGE_JSON_ROUTES = [{ path: '/api/dossiers', limit: '2mb' }] as const;

export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? 'loopback');
  app.use((req, res, next) => {
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      deps.metrics.httpRequests.inc({ route, status: String(res.statusCode) });
    });
    next();
  });
  const keepRaw = (req: Request, _res: unknown, buf: Buffer) => {
    (req as Request & { rawBody?: Buffer }).rawBody = buf;
  };
  // Parsed before the shared parser, which then skips the body it finds already read.
  for (const route of LARGE_JSON_ROUTES) app.put(route.path, express.json({ limit: route.limit, verify: keepRaw }));
  app.use(express.json({ limit: '256kb', verify: keepRaw }));

  app.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!deps.health) {
      res.json({ status: 'ok' });
      return;
    }
    const report = await deps.health();
    res.status(report.ok ? 200 : 503).json(report.body);
  });
  app.get('/metrics', metricsHandler(deps.metrics, deps.metricsToken));

  for (const mount of deps.mounts) app.use(mount.path, mount.router);

  app.use('/api', apiNotFound);
  app.use(pageNotFound);

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    if (isDatabaseUnavailable(error)) {
      deps.logger.warn({ path: req.path, code: (error as { code?: string }).code }, 'http: database unavailable; answered 503');
      if (!res.headersSent) res.status(503).set('Retry-After', '30').json(DATABASE_UNAVAILABLE);
      return;
    }
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status >= 500) deps.logger.error({ err: error, path: req.path }, 'http: request failed');
    if (res.headersSent) return;
    const message = error?.type === 'entity.parse.failed' ? 'Body is not valid JSON' : status >= 500 ? 'Internal error' : String(error?.message ?? 'Bad request');
    res.status(status).json({ error: status >= 500 ? 'internal' : 'bad_request', message });
  };
  app.use(onError);
  return app;
}
