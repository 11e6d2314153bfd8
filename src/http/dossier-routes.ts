// /api/dossiers: one-stop systems upsert dossiers, one or up to 500 a request, and record
// events (agency key); citizens look a dossier up by code and the phone's last four digits
// (masked, rate-limited).
import { Router, type Response } from 'express';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { parseDossierCode } from '../dossiers/codes';
import { DossierConflictError, DossierInputError, DossierNotFoundError } from '../dossiers/errors';
import type { IntakeResult } from '../dossiers/intake';
import type { DossierService } from '../dossiers/service';
import { agencyAuth, type KeyResolver } from './agency-auth';
import { clientKey } from './client-key';
import { batchBodySchema, dossierBodySchema, eventBodySchema, firstProblem } from './dossier-bodies';

export interface DossierRouterDeps {
  service: DossierService;
  /** API key → agency code (see agencyForKey in src/dossiers/keys.ts). */
  resolveKey: KeyResolver;
  clock: Clock;
}

const NOT_FOUND = { error: 'not_found', message: 'Không tìm thấy hồ sơ với mã và số điện thoại này. / No dossier matches this code and phone.' };
const TOO_MANY = { error: 'too_many_requests', message: 'Bạn đã tra cứu sai quá nhiều lần, vui lòng thử lại sau. / Too many failed lookups; try again later.' };

/** A status and JSON body: what a route sends, or one item's result in a batch. */
interface Answer {
  status: number;
  body: unknown;
}

/**
 * Sent without express's ETag: hashing every answer costs intake CPU, and nobody revalidates
 * the answer to a PUT or POST.
 */
function send(res: Response, answer: Answer): void {
  res.status(answer.status).set('Content-Type', 'application/json; charset=utf-8').end(JSON.stringify(answer.body));
}

function badBody(error: z.ZodError): Answer {
  return { status: 400, body: { error: 'bad_request', ...firstProblem(error) } };
}

/** The answer to a service error; anything unexpected is rethrown for the app's 500. */
function errorAnswer(error: unknown): Answer {
  if (error instanceof DossierInputError) return { status: 400, body: { error: 'bad_request', field: error.field, message: error.message } };
  if (error instanceof DossierNotFoundError) return { status: 404, body: { error: 'not_found', message: error.message } };
  if (error instanceof DossierConflictError) return { status: 409, body: { error: 'conflict', message: error.message } };
  throw error;
}

/** 400 for a malformed code, 403 for another agency's dossier; the code otherwise. */
function ownCode(raw: unknown, agency: string): string | Answer {
  const text = typeof raw === 'string' ? raw : '';
  const parsed = parseDossierCode(text);
  if (!parsed || parsed.code !== text) {
    return { status: 400, body: { error: 'bad_request', field: 'code', message: 'dossiers: code must look like 000.00.20.H56-251124-0007 (Circular 01/2018)' } };
  }
  if (parsed.agencyCode !== agency) return { status: 403, body: { error: 'forbidden', message: `dossiers: this key belongs to ${agency}, not to ${parsed.agencyCode}` } };
  return parsed.code;
}

/** What a one-stop system reads back after a write: where the dossier now stands. */
function writtenBody(code: string, result: IntakeResult) {
  const { dossier, outcome, warnings } = result;
  return { code, outcome, status: dossier.status, dueAt: new Date(dossier.due_at).toISOString(), ...(warnings ? { warnings } : {}) };
}

/** One dossier upsert, checked and answered the same way whether it came alone or in a batch. */
async function upsertAnswer(service: DossierService, agency: string, rawCode: unknown, rawBody: unknown): Promise<Answer> {
  const code = ownCode(rawCode, agency);
  if (typeof code !== 'string') return code;
  const body = dossierBodySchema.safeParse(rawBody);
  if (!body.success) return badBody(body.error);
  try {
    const { officialId, ...rest } = body.data;
    const result = await service.upsert(agency, code, { ...rest, ...(officialId !== undefined ? { officialId } : {}) });
    return { status: result.outcome === 'created' ? 201 : 200, body: writtenBody(code, result) };
  } catch (error) {
    return errorAnswer(error);
  }
}

/**
 * A batch's items run concurrently, as that many single PUTs would (on SQLite they share
 * transactions); items repeating a code run one after the other, in item order, so the last
 * one wins on every store. An unexpected error fails the request once every item has
 * finished: the items applied stay applied, and a retry answers them "unchanged".
 */
async function upsertBatch(service: DossierService, agency: string, items: unknown[]): Promise<BatchResult[]> {
  const lastOfCode = new Map<string, Promise<Answer>>();
  const results = items.map((item) => {
    const { code, ...body } = (typeof item === 'object' && item !== null && !Array.isArray(item) ? item : {}) as Record<string, unknown>;
    const sent = typeof code === 'string' ? code : null;
    const run = () => upsertAnswer(service, agency, code, body);
    const previous = sent === null ? undefined : lastOfCode.get(sent);
    const answer = previous ? previous.then(run, run) : run();
    if (sent !== null) lastOfCode.set(sent, answer);
    return answer.then((a): BatchResult => ({ code: sent, ...a }));
  });
  const settled = await Promise.allSettled(results);
  return settled.map((outcome) => {
    if (outcome.status === 'rejected') throw outcome.reason;
    return outcome.value;
  });
}

interface BatchResult extends Answer {
  /** The item's code as sent; null when it sent none. */
  code: string | null;
}

export function createDossierRouter(deps: DossierRouterDeps): Router {
  const router = Router();
  const auth = agencyAuth(deps.resolveKey);

  router.put('/', auth, async (req, res) => {
    const envelope = batchBodySchema.safeParse(req.body);
    if (!envelope.success) {
      send(res, badBody(envelope.error));
      return;
    }
    const results = await upsertBatch(deps.service, String(res.locals.agency), envelope.data.dossiers);
    send(res, { status: 200, body: { results } });
  });

  router.put('/:code', auth, async (req, res) => {
    send(res, await upsertAnswer(deps.service, String(res.locals.agency), req.params.code, req.body));
  });

  router.post('/:code/events', auth, async (req, res) => {
    const code = ownCode(req.params.code, String(res.locals.agency));
    if (typeof code !== 'string') {
      send(res, code);
      return;
    }
    const body = eventBodySchema.safeParse(req.body);
    if (!body.success) {
      send(res, badBody(body.error));
      return;
    }
    try {
      const result = await deps.service.recordEvent(String(res.locals.agency), code, body.data);
      send(res, { status: 200, body: writtenBody(code, result) });
    } catch (error) {
      send(res, errorAnswer(error));
    }
  });

  router.get('/:code', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const digits = String(req.query.phone ?? '').replace(/\D/g, '');
    // The same key as the client's web chat lookups: one allowance whichever path it guesses on.
    const outcome = await deps.service.limiter.guard(clientKey(req.ip), deps.clock.now(), () =>
      digits.length >= 4 ? deps.service.lookup(String(req.params.code), digits.slice(-4)) : Promise.resolve(undefined));
    if ('limited' in outcome) {
      res.set('Retry-After', String(Math.max(1, Math.ceil(outcome.retryAfterMs / 1000)))).status(429).json(TOO_MANY);
      return;
    }
    if (!outcome.result) {
      res.status(404).json(NOT_FOUND);
      return;
    }
    res.json(outcome.result);
  });

  return router;
}
