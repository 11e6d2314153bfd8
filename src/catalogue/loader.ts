// Loads the catalogue directory: one YAML file per procedure (any depth), plus calendar.yaml
// and offices.yaml at the top. Every problem in every file is collected, each with its file
// and line, so an operator fixes a whole batch in one pass instead of one error per run.
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { systemClock, type Clock } from '../clock';
import { calendarYearWarnings, checkCalendar } from './calendar-checks';
import { checkOffices } from './office-checks';
import { compareProblems, formatProblem, type CatalogueProblem } from './problems';
import { calendarSchema, officesSchema, procedureSchema, type CalendarData, type Office, type Procedure } from './schema';
import { parseYaml, validateValue, YAML_SCHEMA } from './yaml-file';
import { buildLineMap, type LineMap } from './yaml-lines';

export { formatProblem, type CatalogueProblem };

export interface Catalogue {
  /** Sorted by code. */
  procedures: Procedure[];
  byCode: ReadonlyMap<string, Procedure>;
  calendar: CalendarData;
  offices: Office[];
  /** Shown on listings and answers, e.g. "2026-07-15 · 2642 thủ tục". */
  version: string;
}

export interface LoadOptions {
  /** Decides which calendar years must be filled in. */
  clock?: Clock;
}

export interface LoadResult {
  /** Whatever loaded cleanly; files with problems are left out. */
  catalogue: Catalogue;
  /** Errors: the catalogue must not be served as it is. Sorted by file and line. */
  problems: CatalogueProblem[];
  /** Worth an operator's attention, but the catalogue is usable. */
  warnings: CatalogueProblem[];
}

export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
  constructor(readonly problems: readonly CatalogueProblem[]) {
    super(`catalogue: ${problems.length} problem(s); first: ${problems[0] ? formatProblem(problems[0]) : ''}`);
  }
}

/** The catalogue directory is missing or is not a directory. */
export class CatalogueDirectoryError extends Error {
  override readonly name = 'CatalogueDirectoryError';
  constructor(readonly dir: string, reason: string) {
    super(`catalogue: ${reason}: ${dir}`);
  }
}

/** Files at the top of the catalogue directory that are not procedures. */
export const SPECIAL_FILES = new Set(['calendar.yaml', 'offices.yaml', 'synonyms.yaml']);

const CALENDAR_FILE = 'calendar.yaml';
const OFFICES_FILE = 'offices.yaml';
const CODE_FILE_NAME = /^\d\.\d{6}$/;

/** Relative paths (with `/`) of every YAML file under `dir`, sorted. */
async function listYaml(dir: string): Promise<string[]> {
  let stat;
  try {
    stat = await fs.stat(dir);
  } catch {
    throw new CatalogueDirectoryError(dir, 'no such directory');
  }
  if (!stat.isDirectory()) throw new CatalogueDirectoryError(dir, 'not a directory');
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const prefix = path.resolve(dir).length + 1;
  return entries
    .filter((e) => e.isFile() && (e.name.endsWith('.yaml') || e.name.endsWith('.yml')))
    .map((e) => path.resolve(e.parentPath, e.name).slice(prefix).split(path.sep).join('/'))
    .sort();
}

/**
 * Reads every file synchronously: for a few thousand small cached files this is several times
 * faster than thousands of thread-pool round trips, and loading happens once at start-up.
 */
function readAll(dir: string, files: readonly string[]): string[] {
  return files.map((file) => readFileSync(path.join(dir, file), 'utf8'));
}

/** Builds a file's line map at most once, and only if some check needs a line. */
function lazyLines(text: string): () => LineMap {
  let map: LineMap | undefined;
  return () => (map ??= buildLineMap(text, YAML_SCHEMA));
}

export async function loadCatalogue(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const clock = options.clock ?? systemClock;
  const files = await listYaml(dir);
  const texts = readAll(dir, files);
  const problems: CatalogueProblem[] = [];
  const warnings: CatalogueProblem[] = [];
  const procedures: Procedure[] = [];
  const fileOf = new Map<string, string>();
  const brokenCodes = new Set<string>();
  let calendar: CalendarData = { timezone: 'Asia/Ho_Chi_Minh', cutoff: '15:00', years: {} };
  let calendarText: string | undefined;
  let calendarRaw: unknown;
  let calendarOk = false;
  let offices: Office[] = [];
  let officesText: string | undefined;

  files.forEach((file, index) => {
    if (SPECIAL_FILES.has(file) && file !== CALENDAR_FILE && file !== OFFICES_FILE) return;
    const text = texts[index]!;
    const parsed = parseYaml(text, file);
    if (!parsed.ok) {
      problems.push(parsed.problem);
      return;
    }
    if (file === CALENDAR_FILE) {
      const checked = validateValue(parsed.value, text, file, calendarSchema);
      calendarText = text;
      calendarRaw = parsed.value;
      if (!checked.ok) problems.push(...checked.problems);
      else {
        calendar = checked.data;
        calendarOk = true;
      }
      return;
    }
    if (file === OFFICES_FILE) {
      const checked = validateValue(parsed.value, text, file, officesSchema);
      officesText = text;
      if (!checked.ok) problems.push(...checked.problems);
      else offices = checked.data.offices;
      return;
    }
    const checked = validateValue(parsed.value, text, file, procedureSchema);
    if (!checked.ok) {
      problems.push(...checked.problems);
      const code = (parsed.value as { code?: unknown } | null)?.code;
      if (typeof code === 'string') brokenCodes.add(code);
      return;
    }
    const procedure = checked.data;
    const stem = path.posix.basename(file).replace(/\.ya?ml$/, '');
    if (CODE_FILE_NAME.test(stem) && stem !== procedure.code) {
      warnings.push({ file, line: buildLineMap(text).nearest(['code']), field: 'code', message: `the file is named ${stem} but holds ${procedure.code}` });
    }
    const first = fileOf.get(procedure.code);
    if (first === undefined) {
      fileOf.set(procedure.code, file);
      procedures.push(procedure);
      return;
    }
    // Duplicates are rare; only then are both files' texts needed again for their lines.
    const firstLine = buildLineMap(texts[files.indexOf(first)]!).nearest(['code']);
    const secondLine = buildLineMap(text).nearest(['code']);
    problems.push(
      { file: first, line: firstLine, field: 'code', message: `duplicate procedure code ${procedure.code}: also in ${file}:${secondLine}` },
      { file, line: secondLine, field: 'code', message: `duplicate procedure code ${procedure.code}: also in ${first}:${firstLine}` },
    );
  });

  if (calendarText === undefined) {
    warnings.push({ file: CALENDAR_FILE, line: 1, message: 'no calendar.yaml: deadlines will count only weekends as days off' });
  }
  const calendarLines = lazyLines(calendarText ?? '');
  const calendarProblems = checkCalendar(calendarRaw, CALENDAR_FILE, calendarLines);
  problems.push(...calendarProblems);
  // After an error the empty fallback calendar would only add noise about every year.
  if (calendarOk && calendarProblems.length === 0) {
    warnings.push(...calendarYearWarnings(calendar, CALENDAR_FILE, clock.now(), calendarLines));
  }

  procedures.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byCode = new Map(procedures.map((p) => [p.code, p]));
  if (officesText !== undefined) {
    const checked = checkOffices(offices, byCode, OFFICES_FILE, lazyLines(officesText), brokenCodes);
    problems.push(...checked.problems);
    warnings.push(...checked.warnings);
  }
  const newest = procedures.reduce((max, p) => (p.source.retrievedAt > max ? p.source.retrievedAt : max), '');
  return {
    catalogue: { procedures, byCode, calendar, offices, version: `${newest || 'chưa rõ'} · ${procedures.length} thủ tục` },
    problems: problems.sort(compareProblems),
    warnings: warnings.sort(compareProblems),
  };
}

export async function loadCatalogueOrThrow(dir: string, options: LoadOptions = {}): Promise<Catalogue> {
  const { catalogue, problems } = await loadCatalogue(dir, options);
  if (problems.length > 0) throw new CatalogueError(problems);
  return catalogue;
}
