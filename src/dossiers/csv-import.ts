// `motcua dossiers import`: rows of a one-stop system's CSV export become dossiers. Each row is
// validated and applied in its own transaction, so a crash half-way leaves whole dossiers only;
// every bad row is reported by its line number and reason, and the rest still load. A row that
// loads but names an official nobody registered is a warning: its alerts would reach no one.
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { channelKindSchema, procedureCodeSchema } from '../catalogue/schema';
import { hasNoControls } from './bounds';
import { parseDossierCode } from './codes';
import { DossierConflictError, DossierInputError } from './errors';
import type { Outcome } from './intake';
import type { DossierInput } from './intake-input';
import type { DossierService } from './service';
import { DOSSIER_STATUSES } from './status';
import { localInstant } from './working-days';

export const CSV_COLUMNS = ['code', 'procedure_code', 'unit', 'official_id', 'applicant_name', 'applicant_phone', 'channel', 'received_at', 'status'] as const;
const REQUIRED = ['code', 'procedure_code', 'unit', 'applicant_name', 'applicant_phone', 'channel', 'received_at'] as const;
/** A quoted field spanning more lines than this is surely an unclosed quote. */
const MAX_RECORD_LINES = 20;

export interface RowProblem {
  line: number;
  message: string;
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  problems: RowProblem[];
  /** Rows loaded with something to fix (an official_id no registered official has). */
  warnings: RowProblem[];
}

export interface ImportOptions {
  onRow?: (line: number, outcome: Outcome) => void;
  /** Whether an official with this id is registered; without it, official ids are not checked. */
  officialExists?: (id: string) => Promise<boolean>;
}

export class CsvImportError extends Error {
  override readonly name = 'CsvImportError';
  constructor(message: string) {
    super(`dossiers import: ${message}`);
  }
}

/**
 * Times as exports write them: ISO 8601 with an offset; or, taken as Vietnam time,
 * "2026-11-20 10:00[:00]", "2026-11-20T10:00" or "20/11/2026 10:00".
 */
export function parseExportTime(text: string): Date | undefined {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  let parts: [string, string, string, string, string, string | undefined] | undefined;
  if (iso) parts = [iso[1]!, iso[2]!, iso[3]!, iso[4]!, iso[5]!, iso[6]];
  else if (vn) parts = [vn[3]!, vn[2]!.padStart(2, '0'), vn[1]!.padStart(2, '0'), vn[4]!.padStart(2, '0'), vn[5]!, vn[6]];
  if (!parts) return undefined;
  const [y, m, d, hh, mm, ss] = parts;
  const day = `${y}-${m}-${d}`;
  const check = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day || Number(hh) > 23 || Number(mm) > 59) return undefined;
  return new Date(localInstant(day, Number(hh), Number(mm)).getTime() + Number(ss ?? 0) * 1000);
}

const cell = (max: number) => z.string().trim().min(1, 'is empty').max(max, `is longer than ${max} characters`).refine(hasNoControls, 'contains control characters');
const rowSchema = z.object({
  code: z.string().trim().refine((v) => parseDossierCode(v)?.code === v.toUpperCase(), 'is not a dossier code like 000.00.20.H56-251124-0007'),
  procedure_code: procedureCodeSchema,
  unit: cell(100),
  official_id: z.string().trim().max(100, 'is longer than 100 characters').refine(hasNoControls, 'contains control characters').optional(),
  applicant_name: cell(200),
  applicant_phone: z.string().trim().regex(/^\+?[0-9][0-9 .-]{6,18}[0-9]$/, 'is not a phone number'),
  channel: channelKindSchema,
  received_at: z.string().transform((v, ctx) => {
    const time = parseExportTime(v);
    if (time !== undefined) return time;
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a time like 2026-11-20T10:00:00+07:00 or 20/11/2026 10:00` });
    return z.NEVER;
  }),
  status: z.union([z.literal('').transform(() => undefined), z.enum(DOSSIER_STATUSES)]).optional(),
});

/** Splits the text into records with their first line number, resynchronising after an unclosed quote. */
function records(text: string): Array<{ line: number; fields?: string[]; error?: string }> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: Array<{ line: number; fields?: string[]; error?: string }> = [];
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let chunk = lines[i]!;
    let quotes = (chunk.match(/"/g) ?? []).length;
    while (quotes % 2 === 1 && i + 1 < lines.length && i - start < MAX_RECORD_LINES) {
      i += 1;
      chunk += `\n${lines[i]!}`;
      quotes += (lines[i]!.match(/"/g) ?? []).length;
    }
    if (quotes % 2 === 1) {
      out.push({ line: start + 1, error: 'unclosed quote' });
      i = start + 1;
      continue;
    }
    i += 1;
    if (chunk.trim() === '') continue;
    try {
      const parsed = parse(chunk, { relax_quotes: false }) as string[][];
      out.push({ line: start + 1, fields: parsed[0] ?? [] });
    } catch (error) {
      out.push({ line: start + 1, error: `bad CSV (${error instanceof Error ? error.message.split(':')[0] : 'parse error'})` });
    }
  }
  return out;
}

export async function importDossiersCsv(service: DossierService, text: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const { onRow, officialExists } = options;
  const known = new Map<string, Promise<boolean>>();
  const all = records(text);
  const header = all.shift();
  if (!header?.fields) throw new CsvImportError(`line 1: expected a header row with ${CSV_COLUMNS.join(',')}`);
  const columns = header.fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new CsvImportError(`line ${header.line}: missing column(s) ${missing.join(', ')}; expected ${CSV_COLUMNS.join(',')}`);
  const summary: ImportSummary = { rows: 0, created: 0, updated: 0, unchanged: 0, problems: [], warnings: [] };
  for (const record of all) {
    summary.rows += 1;
    if (!record.fields) {
      summary.problems.push({ line: record.line, message: record.error ?? 'unreadable row' });
      continue;
    }
    if (record.fields.length !== columns.length) {
      summary.problems.push({ line: record.line, message: `has ${record.fields.length} field(s), the header has ${columns.length}` });
      continue;
    }
    const raw = Object.fromEntries(columns.map((c, k) => [c, record.fields![k]!]));
    const row = rowSchema.safeParse(raw);
    if (!row.success) {
      const issue = row.error.issues[0]!;
      summary.problems.push({ line: record.line, message: `${issue.path.join('.') || 'row'}: ${issue.message}` });
      continue;
    }
    const r = row.data;
    const input: DossierInput = {
      procedureCode: r.procedure_code,
      unit: r.unit,
      officialId: r.official_id ? r.official_id : null,
      applicantName: r.applicant_name,
      applicantPhone: r.applicant_phone,
      channel: r.channel,
      receivedAt: r.received_at,
      ...(r.status ? { status: r.status } : {}),
    };
    try {
      const result = await service.upsert('import', r.code.toUpperCase(), input);
      summary[result.outcome] += 1;
      onRow?.(record.line, result.outcome);
      const officialId = input.officialId;
      if (officialId && officialExists) {
        if (!known.has(officialId)) known.set(officialId, officialExists(officialId));
        if (!(await known.get(officialId))) {
          summary.warnings.push({ line: record.line, message: `official_id: warning: no registered official "${officialId}"; the dossier is loaded, but its alerts reach no one until the official is registered (motcua officials add --id ${officialId} …)` });
        }
      }
    } catch (error) {
      if (!(error instanceof DossierInputError || error instanceof DossierConflictError)) throw error;
      const field = error instanceof DossierInputError ? error.field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : 'row';
      summary.problems.push({ line: record.line, message: `${field}: ${error.message.replace(/^dossiers: [^:]*: /, '')}` });
    }
  }
  return summary;
}
