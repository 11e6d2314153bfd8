// The JSON bodies one-stop systems send (PRODUCT.md), as zod schemas. Times are ISO 8601
// with an offset, so nobody's server time zone leaks into a deadline.
import { z } from 'zod';
import { channelKindSchema, procedureCodeSchema } from '../catalogue/schema';
import { hasNoControls } from '../dossiers/bounds';
import { EVENT_TYPES } from '../dossiers/intake-input';
import { DOSSIER_STATUSES } from '../dossiers/status';

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time with an offset, like 2026-11-20T10:00:00+07:00' }).transform((v) => new Date(v));
const CONTROLS_MESSAGE = 'must not contain control characters';
const text = (max: number) => z.string().trim().min(1).max(max, `must be at most ${max} characters`).refine(hasNoControls, CONTROLS_MESSAGE);

export const dossierBodySchema = z.strictObject({
  procedureCode: procedureCodeSchema,
  unit: text(100),
  officialId: text(100).nullish(),
  applicantName: text(200),
  applicantPhone: z.string().trim().regex(/^\+?[0-9][0-9 .-]{6,18}[0-9]$/, 'must be a phone number'),
  channel: channelKindSchema,
  receivedAt: instant,
  status: z.enum(DOSSIER_STATUSES).optional(),
  dueAt: instant.optional(),
});

/** At most this many dossiers per `PUT /api/dossiers`: the answer to one batch stays quick. */
export const MAX_BATCH_DOSSIERS = 500;

/** `PUT /api/dossiers`: the envelope only; each item is checked as a single PUT would check it. */
export const batchBodySchema = z.strictObject({
  dossiers: z.array(z.unknown()).min(1, 'must hold at least one dossier').max(MAX_BATCH_DOSSIERS, `must hold at most ${MAX_BATCH_DOSSIERS} dossiers; send the rest in another request`),
});

export const eventBodySchema = z.strictObject({
  type: z.enum(EVENT_TYPES),
  at: instant,
  status: z.enum(DOSSIER_STATUSES).optional(),
  newDueAt: instant.optional(),
  note: z.string().trim().max(1000, 'must be at most 1000 characters').refine(hasNoControls, CONTROLS_MESSAGE).optional(),
});

export interface BodyProblem {
  field: string;
  message: string;
}

export function firstProblem(error: z.ZodError): BodyProblem {
  const issue = error.issues[0];
  if (!issue) return { field: '', message: 'invalid body' };
  const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || 'body';
  return { field, message: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message };
}
