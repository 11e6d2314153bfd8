// The citizen's view of a dossier, found by code plus the last four digits of the phone on
// the receipt. A wrong code and a wrong phone look the same to the caller: no existence oracle.
import crypto from 'node:crypto';
import type { CalendarData, Procedure } from '../catalogue/schema';
import type { OfficeHours } from '../office-hours';
import type { DossierStore } from '../store/dossiers';
import { parseDossierCode } from './codes';
import { workingCalendar } from './deadlines';
import { maskName, phoneLast4 } from './mask';
import { isClockStopped, NEXT_STEPS, STATUS_LABELS, type DossierStatus } from './status';
import type { DossierRow } from './tables';
import type { WorkingCalendar } from './working-days';

export interface DossierView {
  code: string;
  procedure: { code: string; name: string };
  status: DossierStatus;
  statusLabel: string;
  /** ISO 8601 in Vietnam time, e.g. 2026-11-20T10:00:00+07:00. */
  receivedAt: string;
  dueAt: string;
  overdue: boolean;
  workingDaysLate: number;
  /** Masked: "Nguyễn V. A.". */
  applicant: string;
  nextStep: string;
}

export function isoVietnam(instant: Date): string {
  return `${new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

export interface Lateness {
  overdue: boolean;
  workingDaysLate: number;
  /** Years the calendar lacks that the count had to cross; the caller must report them. */
  missingYears: number[];
}

/**
 * Whether a dossier is late at `now` and by how many working days. A closed dossier is judged
 * at its completion; a stopped clock (supplement, pause) is judged at the moment it stopped.
 */
export function lateness(calendar: WorkingCalendar, row: Pick<DossierRow, 'due_at' | 'completed_at' | 'paused_at' | 'status'>, now: Date): Lateness {
  const at = row.completed_at ?? (isClockStopped(row.status as DossierStatus) && row.paused_at !== null ? row.paused_at : now.getTime());
  const overdue = at > row.due_at;
  const lenient = calendar.toLenient();
  const workingDaysLate = overdue ? lenient.workingDaysLate(new Date(row.due_at), new Date(at)) : 0;
  return { overdue, workingDaysLate, missingYears: [...lenient.missingYears] };
}

function sameDigits(a: string, b: string): boolean {
  const x = Buffer.from(a.padEnd(4, ' ').slice(0, 8));
  const y = Buffer.from(b.padEnd(4, ' ').slice(0, 8));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export interface LookupDeps {
  procedure: (code: string) => Procedure | undefined;
  calendar: () => CalendarData;
  officeHours: OfficeHours;
  /** Told about calendar years that are missing, so they are logged loudly. */
  onMissingYears?: (years: number[]) => void;
}

/** The row when `code` exists and its phone ends in `last4`; undefined otherwise, whichever failed. */
export async function findForCitizen(store: DossierStore, code: string, last4: string): Promise<DossierRow | undefined> {
  const parsed = parseDossierCode(code);
  if (!parsed || !/^\d{4}$/.test(last4)) return undefined;
  const row = await store.find(parsed.code);
  if (!row) return undefined;
  return sameDigits(phoneLast4(row.applicant_phone) ?? '', last4) ? row : undefined;
}

export function toView(deps: LookupDeps, row: DossierRow, now: Date): DossierView {
  const status = row.status as DossierStatus;
  const late = lateness(workingCalendar(deps.calendar(), deps.officeHours), row, now);
  if (late.missingYears.length > 0) deps.onMissingYears?.(late.missingYears);
  return {
    code: row.code,
    procedure: { code: row.procedure_code, name: deps.procedure(row.procedure_code)?.name ?? row.procedure_code },
    status,
    statusLabel: STATUS_LABELS[status] ?? row.status,
    receivedAt: isoVietnam(new Date(row.received_at)),
    dueAt: isoVietnam(new Date(row.due_at)),
    overdue: late.overdue,
    workingDaysLate: late.workingDaysLate,
    applicant: maskName(row.applicant_name),
    nextStep: NEXT_STEPS[status] ?? '',
  };
}

export async function lookupDossier(store: DossierStore, deps: LookupDeps, code: string, last4: string, now: Date): Promise<DossierView | undefined> {
  const row = await findForCitizen(store, code, last4);
  return row ? toView(deps, row, now) : undefined;
}

export type SubscribeChannel = 'telegram' | 'zalo';

/** Subscribes a chat to a dossier it proved it knows (code + phone digits). */
export async function subscribe(store: DossierStore, code: string, last4: string, channel: SubscribeChannel, chatId: string, now: Date): Promise<DossierRow | undefined> {
  const row = await findForCitizen(store, code, last4);
  if (!row) return undefined;
  await store.subscribe(row.code, { channel, chatId }, now);
  return row;
}

export async function unsubscribe(store: DossierStore, code: string, channel: string, chatId: string): Promise<boolean> {
  const parsed = parseDossierCode(code);
  if (!parsed) return false;
  return store.unsubscribe(parsed.code, { channel, chatId });
}
