// What a one-stop system sends the intake, and the checks it passes before anything is read
// or written: the code parsed, the procedure known, the dates in range. Pure: no store.
import crypto from 'node:crypto';
import type { ChannelKind, Procedure } from '../catalogue/schema';
import { checkDossierDate } from './bounds';
import { parseDossierCode } from './codes';
import { DossierInputError } from './errors';
import type { DossierStatus } from './status';

export interface DossierInput {
  procedureCode: string;
  unit: string;
  officialId?: string | null;
  applicantName: string;
  applicantPhone: string;
  channel: ChannelKind;
  receivedAt: Date;
  status?: DossierStatus;
  dueAt?: Date;
}

export const EVENT_TYPES = ['status', 'supplement_requested', 'supplement_received', 'extended', 'paused', 'resumed'] as const;
export type DossierEventType = (typeof EVENT_TYPES)[number];

export interface DossierEventInput {
  type: DossierEventType;
  at: Date;
  status?: DossierStatus;
  newDueAt?: Date;
  note?: string;
}

/** The catalogue's procedure for `code`; an unknown code is the caller's mistake. */
export function knownProcedure(lookup: (code: string) => Procedure | undefined, code: string): Procedure {
  const procedure = lookup(code);
  if (!procedure) throw new DossierInputError('procedureCode', `unknown procedure ${code}`);
  return procedure;
}

/** A checked upsert: the code's agency and the dossier's procedure. */
export interface CheckedUpsert {
  agency: string;
  procedure: Procedure;
}

/** Throws a DossierInputError naming the first field that is wrong. */
export function checkUpsert(code: string, input: DossierInput, procedures: (code: string) => Procedure | undefined, now: Date): CheckedUpsert {
  const parsed = parseDossierCode(code);
  if (!parsed || parsed.code !== code) throw new DossierInputError('code', `"${code}" is not a dossier code like 000.00.20.H56-251124-0007`);
  const procedure = knownProcedure(procedures, input.procedureCode);
  checkDossierDate('receivedAt', input.receivedAt, now);
  checkDossierDate('dueAt', input.dueAt, now);
  if (input.dueAt && input.dueAt.getTime() < input.receivedAt.getTime()) throw new DossierInputError('dueAt', 'is before receivedAt');
  return { agency: parsed.agencyCode, procedure };
}

export function checkEvent(event: DossierEventInput, now: Date): void {
  checkDossierDate('at', event.at, now);
  checkDossierDate('newDueAt', event.newDueAt, now);
}

/** Names an event request, so a repeated request is recognised and changes nothing. */
export function eventRequestHash(event: DossierEventInput): string {
  const parts = [event.type, event.at.getTime(), event.status ?? null, event.newDueAt?.getTime() ?? null, event.note ?? null];
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
