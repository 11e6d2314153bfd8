// Dossier codes (Circular 01/2018/TT-VPCP, Art. 19): `<agency code>-<YYMMDD>-<NNNN>`, e.g.
// 000.00.20.H56-251124-0007. The agency code (QCVN 102:2016) is the prefix.

/** Four dot-separated groups of capital letters and digits, as in 000.00.20.H56 or G22.38.01.H56. */
const AGENCY = '[0-9A-Z]{2,4}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2,4}';
const CODE = `(${AGENCY})-(\\d{2})(\\d{2})(\\d{2})-(\\d{4})`;
const EXACT = new RegExp(`^${CODE}$`);
/** For finding a code inside a chat message, typed in any case. */
export const DOSSIER_CODE_IN_TEXT = new RegExp(`(?<![0-9A-Za-z.])${CODE}(?![0-9A-Za-z])`, 'i');

export interface DossierCode {
  code: string;
  agencyCode: string;
  /** "2025-11-24". */
  receiptDate: string;
  sequence: number;
}

/** Parses a code (upper-cased first); undefined when malformed or the date is not real. */
export function parseDossierCode(input: string): DossierCode | undefined {
  const code = input.trim().toUpperCase();
  const match = EXACT.exec(code);
  if (!match) return undefined;
  const [, agencyCode, yy, mm, dd, seq] = match as unknown as [string, string, string, string, string, string];
  const receiptDate = `20${yy}-${mm}-${dd}`;
  const parsed = new Date(`${receiptDate}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== receiptDate) return undefined;
  return { code, agencyCode, receiptDate, sequence: Number(seq) };
}

export function findDossierCode(text: string): DossierCode | undefined {
  const match = DOSSIER_CODE_IN_TEXT.exec(text);
  return match ? parseDossierCode(match[0]) : undefined;
}
