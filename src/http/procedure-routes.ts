// GET /api/procedures?q=&limit= (ranked search) and GET /api/procedures/:code (one procedure
// in full). Mounted at /api/procedures by the composition root.
import { Router } from 'express';
import type { SearchIndex } from '../search/index';

export interface ProcedureRouterDeps {
  /** Called per request, so a rebuilt index (reloaded catalogue) is picked up. */
  index: () => SearchIndex;
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
const MAX_QUERY_CHARS = 2000;

export function createProcedureRouter(deps: ProcedureRouterDeps): Router {
  const router = Router();

  router.get('/', (req, res) => {
    const rawQ = req.query.q;
    const rawLimit = req.query.limit;
    if (rawQ !== undefined && typeof rawQ !== 'string') {
      res.status(400).json({ error: 'bad_request', message: 'q must be a single string' });
      return;
    }
    let limit = DEFAULT_LIMIT;
    if (rawLimit !== undefined) {
      const n = typeof rawLimit === 'string' && /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
        res.status(400).json({ error: 'bad_request', message: `limit must be a whole number from 1 to ${MAX_LIMIT}` });
        return;
      }
      limit = n;
    }
    const q = (rawQ ?? '').slice(0, MAX_QUERY_CHARS);
    const hits = q.trim() === '' ? [] : deps.index().search(q, { limit });
    res.json({
      query: q,
      results: hits.map((h) => ({
        code: h.procedure.code,
        name: h.procedure.name,
        field: h.procedure.field,
        levels: h.procedure.levels,
        score: Math.round(h.score * 1000) / 1000,
      })),
    });
  });

  router.get('/:code', (req, res) => {
    const procedure = deps.index().procedure(req.params.code);
    if (!procedure) {
      res.status(404).json({ error: 'not_found', message: `No procedure with code ${req.params.code}` });
      return;
    }
    res.json(procedure);
  });

  return router;
}
