// Loads the catalogue directory: one YAML file per procedure, calendar.yaml and offices.yaml.
// FIRST VERSION: reports problems without line numbers yet (the catalogue work replaces this).
import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { calendarSchema, officesSchema, procedureSchema, type CalendarData, type Office, type Procedure } from './schema';

export interface Catalogue {
  /** Sorted by code. */
  procedures: Procedure[];
  byCode: ReadonlyMap<string, Procedure>;
  calendar: CalendarData;
  offices: Office[];
  /** Shown on listings and answers, e.g. "2026-07-15 · 2642 thủ tục". */
  version: string;
}

export interface CatalogueProblem {
  file: string;
  line: number;
  field?: string;
  message: string;
}

export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
  constructor(readonly problems: readonly CatalogueProblem[]) {
    super(`catalogue: ${problems.length} problem(s); first: ${problems[0] ? formatProblem(problems[0]) : ''}`);
  }
}

export function formatProblem(p: CatalogueProblem): string {
  return `${p.file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/** Files in the catalogue directory that are not procedures. */
export const SPECIAL_FILES = new Set(['calendar.yaml', 'offices.yaml', 'synonyms.yaml']);

async function listYaml(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

export async function loadCatalogue(dir: string): Promise<{ catalogue: Catalogue; problems: CatalogueProblem[] }> {
  const problems: CatalogueProblem[] = [];
  const procedures: Procedure[] = [];
  let calendar: CalendarData = { timezone: 'Asia/Ho_Chi_Minh', cutoff: '15:00', years: {} };
  let offices: Office[] = [];
  for (const file of await listYaml(dir)) {
    const rel = path.relative(process.cwd(), file);
    let data: unknown;
    try {
      data = yaml.load(await fs.readFile(file, 'utf8'));
    } catch (error) {
      problems.push({ file: rel, line: 1, message: String(error) });
      continue;
    }
    const base = path.basename(file);
    const schema = base === 'calendar.yaml' ? calendarSchema : base === 'offices.yaml' ? officesSchema : base === 'synonyms.yaml' ? undefined : procedureSchema;
    if (!schema) continue;
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file: rel, line: 1, field: issue.path.join('.'), message: issue.message });
      continue;
    }
    if (base === 'calendar.yaml') calendar = parsed.data as CalendarData;
    else if (base === 'offices.yaml') offices = (parsed.data as { offices: Office[] }).offices;
    else procedures.push(parsed.data as Procedure);
  }
  procedures.sort((a, b) => a.code.localeCompare(b.code));
  const byCode = new Map(procedures.map((p) => [p.code, p]));
  const newest = procedures.reduce((max, p) => (p.source.retrievedAt > max ? p.source.retrievedAt : max), '');
  return { catalogue: { procedures, byCode, calendar, offices, version: `${newest || 'chưa rõ'} · ${procedures.length} thủ tục` }, problems };
}

export async function loadCatalogueOrThrow(dir: string): Promise<Catalogue> {
  const { catalogue, problems } = await loadCatalogue(dir);
  if (problems.length > 0) throw new CatalogueError(problems);
  return catalogue;
}
