// GET /metrics for Prometheus, only with `Authorization: Bearer <METRICS_TOKEN>`. Without a
// configured token the route is off (404), so a server on a public address never shows it.
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Metrics } from '../metrics';

const digest = (value: string) => crypto.createHash('sha256').update(value).digest();

export function metricsHandler(metrics: Metrics, token: string | undefined): RequestHandler {
  const expected = token ? digest(token) : undefined;
  return async (req, res, next) => {
    if (!expected) {
      next();
      return;
    }
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!presented || !crypto.timingSafeEqual(digest(presented), expected)) {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('text').send('metrics: Authorization: Bearer <METRICS_TOKEN> required\n');
      return;
    }
    res.set('Content-Type', metrics.registry.contentType).set('Cache-Control', 'no-store');
    res.send(await metrics.registry.metrics());
  };
}
