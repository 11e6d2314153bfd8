// What a dossier may carry. Dates from 2000-01-01 (Vietnam time; no one-stop system predates
// it) to ten years after today: anything else is a typo or a broken export ("0202", "9999")
// that would otherwise poison deadlines, scans and listings. Text without control characters:
// PostgreSQL refuses NUL, and none belongs in a name or a note.
import { DossierInputError } from './errors';

/** C0 controls except tab and line breaks, and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job.
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasNoControls(text: string): boolean {
  return !CONTROL_CHARACTERS.test(text);
}

/** 2000-01-01 00:00 in Asia/Ho_Chi_Minh. */
export const EARLIEST_DOSSIER_DATE = new Date('2000-01-01T00:00:00+07:00');
export const MAX_YEARS_AHEAD = 10;

export function latestDossierDate(now: Date): Date {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_YEARS_AHEAD);
  return latest;
}

/** Throws a DossierInputError naming `field` when `date` is invalid or outside the range. */
export function checkDossierDate(field: string, date: Date | undefined | null, now: Date): void {
  if (date === undefined || date === null) return;
  const latest = latestDossierDate(now);
  if (Number.isNaN(date.getTime()) || date < EARLIEST_DOSSIER_DATE || date > latest) {
    throw new DossierInputError(field, `must be between 2000-01-01 and ${latest.toISOString().slice(0, 10)} (${MAX_YEARS_AHEAD} years from today)`);
  }
}
