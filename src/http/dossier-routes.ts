// /api/dossiers: one-stop systems upsert dossiers and record events (agency key); citizens
// look a dossier up by code and the phone's last four digits (masked, rate-limited).
import { Router, type Request, type Response } from 'express';
import type { Clock } from '../clock';
import { parseDossierCode } from '../dossiers/codes';
import { DossierConflictError, DossierInputError, DossierNotFoundError } from '../dossiers/errors';
import type { IntakeResult } from '../dossiers/intake';
import type { DossierService } from '../dossiers/service';
import { agencyAuth, type KeyResolver } from './agency-auth';
import { dossierBodySchema, eventBodySchema, firstProblem } from './dossier-bodies';

export interface DossierRouterDeps {
  service: DossierService;
  /** API key → agency code (see agencyForKey in src/dossiers/keys.ts). */
  resolveKey: KeyResolver;
  clock: Clock;
}

const NOT_FOUND = { error: 'not_found', message: 'Không tìm thấy hồ sơ với mã và số điện thoại này. / No dossier matches this code and phone.' };
const TOO_MANY = { error: 'too_many_requests', message: 'Bạn đã tra cứu sai quá nhiều lần, vui lòng thử lại sau. / Too many failed lookups; try again later.' };

/**
 * A write's answer, sent without express's ETag: hashing every answer costs intake CPU, and
 * nobody revalidates the answer to a PUT or POST.
 */
function sendWritten(res: Response, status: number, body: unknown): void {
  res.status(status).set('Content-Type', 'application/json; charset=utf-8').end(JSON.stringify(body));
}

function sendError(res: Response, error: unknown): void {
  if (error instanceof DossierInputError) res.status(400).json({ error: 'bad_request', field: error.field, message: error.message });
  else if (error instanceof DossierNotFoundError) res.status(404).json({ error: 'not_found', message: error.message });
  else if (error instanceof DossierConflictError) res.status(409).json({ error: 'conflict', message: error.message });
  else throw error;
}

/** 400 for a malformed code, 403 for another agency's dossier; the code otherwise. */
function ownCode(req: Request, res: Response): string | undefined {
  const raw = String(req.params.code ?? '');
  const parsed = parseDossierCode(raw);
  if (!parsed || parsed.code !== raw) {
    res.status(400).json({ error: 'bad_request', field: 'code', message: 'dossiers: code must look like 000.00.20.H56-251124-0007 (Circular 01/2018)' });
    return undefined;
  }
  if (parsed.agencyCode !== res.locals.agency) {
    res.status(403).json({ error: 'forbidden', message: `dossiers: this key belongs to ${String(res.locals.agency)}, not to ${parsed.agencyCode}` });
    return undefined;
  }
  return parsed.code;
}

/** What a one-stop system reads back after a write: where the dossier now stands. */
function writtenBody(code: string, result: IntakeResult) {
  const { dossier, outcome, warnings } = result;
  return { code, outcome, status: dossier.status, dueAt: new Date(dossier.due_at).toISOString(), ...(warnings ? { warnings } : {}) };
}

export function createDossierRouter(deps: DossierRouterDeps): Router {
  const router = Router();
  const auth = agencyAuth(deps.resolveKey);

  router.put('/:code', auth, async (req, res) => {
    const code = ownCode(req, res);
    if (!code) return;
    const body = dossierBodySchema.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'bad_request', ...firstProblem(body.error) });
      return;
    }
    try {
      const { officialId, ...rest } = body.data;
      const result = await deps.service.upsert(String(res.locals.agency), code, { ...rest, ...(officialId !== undefined ? { officialId } : {}) });
      sendWritten(res, result.outcome === 'created' ? 201 : 200, writtenBody(code, result));
    } catch (error) {
      sendError(res, error);
    }
  });

  router.post('/:code/events', auth, async (req, res) => {
    const code = ownCode(req, res);
    if (!code) return;
    const body = eventBodySchema.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'bad_request', ...firstProblem(body.error) });
      return;
    }
    try {
      const result = await deps.service.recordEvent(String(res.locals.agency), code, body.data);
      sendWritten(res, 200, writtenBody(code, result));
    } catch (error) {
      sendError(res, error);
    }
  });

  router.get('/:code', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const key = `ip:${req.ip ?? 'unknown'}`;
    const now = deps.clock.now();
    if (await deps.service.limiter.blocked(key, now)) {
      res.set('Retry-After', '900').status(429).json(TOO_MANY);
      return;
    }
    const digits = String(req.query.phone ?? '').replace(/\D/g, '');
    const view = digits.length >= 4 ? await deps.service.lookup(String(req.params.code), digits.slice(-4)) : undefined;
    if (!view) {
      await deps.service.limiter.recordFailure(key, now);
      res.status(404).json(NOT_FOUND);
      return;
    }
    res.json(view);
  });

  return router;
}
