// catalogue: the procedures, calendar, offices and portal-only names as YAML, their schema, checks
// with file:line, the portal importer, and the papers a citizen brings.
// Loads the catalogue directory: one YAML file per procedure (any depth), plus calendar.yaml
// and offices.yaml at the top. Every problem in every file is collected, each with its file
// and line, so an operator fixes a whole batch in one pass instead of one error per run.
import { readFileSync, statSync, type Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { systemClock, type Clock } from '../clock';
import { calendarYearWarnings, checkCalendar } from './calendar-checks';
import { checkOffices } from './office-checks';
import { compareProblems, formatProblem, type CatalogueProblem } from './problems';
import { calendarSchema, officesSchema, procedureSchema, type CalendarData, type Office, type Procedure } from './schema';
import { defaultCachePath, ParseCache } from './parse-cache';
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
  /**
   * Where parsed YAML is cached between runs; false: no cache. Default: under the OS temp
   * directory, for catalogues of 500 files or more.
   */
  cache?: string | false;
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
export const SPECIAL_FILES = new Set(['calendar.yaml', 'offices.yaml', 'lexicon.yaml', 'portal-only.yaml']);

const CALENDAR_FILE = 'calendar.yaml';
const OFFICES_FILE = 'offices.yaml';
const CODE_FILE_NAME = /^\d\.\d{6}$/;
/** Small catalogues (fixtures, one province's extract) parse in milliseconds: no cache file. */
const CACHE_MIN_FILES = 500;

/** Relative paths (with `/`) of every YAML file under `dir`, sorted. */
async function listYaml(dir: string): Promise<string[]> {
  let stat: Stats;
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

/** Builds a file's line map at most once, and only if some check needs a line. */
function lazyLines(text: () => string): () => LineMap {
  let map: LineMap | undefined;
  return () => (map ??= buildLineMap(text(), YAML_SCHEMA));
}

/** One catalogue file: its parsed value, and its text read only when a line is needed. */
interface Source {
  name: string;
  value: unknown;
  text: () => string;
}

/**
 * Parses one file, or takes its value from the cache when size and mtime are unchanged.
 * Reads are synchronous: for a few thousand small files this is several times cheaper than
 * thousands of thread-pool round trips, and loading happens once at start-up.
 */
function readSource(root: string, name: string, cache: ParseCache): Source | CatalogueProblem {
  const full = path.join(root, name);
  // Read again when a line is needed (only to report a problem): keeping every file's text
  // for the whole load would hold the catalogue in memory twice on a first start.
  const readText = () => readFileSync(full, 'utf8');
  const stat = statSync(full);
  const cached = cache.get(name, stat.size, stat.mtimeMs);
  if (cached) return { name, value: cached.value, text: readText };
  const parsed = parseYaml(readText(), name);
  if (!parsed.ok) return parsed.problem;
  cache.set(name, stat.size, stat.mtimeMs, parsed.value);
  return { name, value: parsed.value, text: readText };
}

export async function loadCatalogue(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const clock = options.clock ?? systemClock;
  const root = path.resolve(dir);
  const files = await listYaml(dir);
  const cacheFile = options.cache ?? (files.length >= CACHE_MIN_FILES ? defaultCachePath(root) : false);
  const cache = ParseCache.open(cacheFile === false ? undefined : cacheFile);
  const problems: CatalogueProblem[] = [];
  const warnings: CatalogueProblem[] = [];
  const procedures: Procedure[] = [];
  /** Where each code was first seen, without its parsed value (the procedure replaces it). */
  const sourceOf = new Map<string, Omit<Source, 'value'>>();
  const brokenCodes = new Set<string>();
  let calendar: CalendarData = { timezone: 'Asia/Ho_Chi_Minh', cutoff: '15:00', years: {} };
  let calendarSource: Source | undefined;
  let calendarOk = false;
  let offices: Office[] = [];
  let officesSource: Source | undefined;

  for (const file of files) {
    if (SPECIAL_FILES.has(file) && file !== CALENDAR_FILE && file !== OFFICES_FILE) continue;
    const source = readSource(root, file, cache);
    if (!('value' in source)) {
      problems.push(source);
      continue;
    }
    if (file === CALENDAR_FILE) {
      calendarSource = source;
      const checked = validateValue(source.value, source.text, file, calendarSchema);
      if (!checked.ok) problems.push(...checked.problems);
      else [calendar, calendarOk] = [checked.data, true];
      continue;
    }
    if (file === OFFICES_FILE) {
      officesSource = source;
      const checked = validateValue(source.value, source.text, file, officesSchema);
      if (!checked.ok) problems.push(...checked.problems);
      else offices = checked.data.offices;
      continue;
    }
    const checked = validateValue(source.value, source.text, file, procedureSchema);
    if (!checked.ok) {
      problems.push(...checked.problems);
      const code = (source.value as { code?: unknown } | null)?.code;
      if (typeof code === 'string') brokenCodes.add(code);
      continue;
    }
    const procedure = checked.data;
    const codeLine = () => buildLineMap(source.text()).nearest(['code']);
    const stem = path.posix.basename(file).replace(/\.ya?ml$/, '');
    if (CODE_FILE_NAME.test(stem) && stem !== procedure.code) {
      warnings.push({ file, line: codeLine(), field: 'code', message: `the file is named ${stem} but holds ${procedure.code}` });
    }
    const first = sourceOf.get(procedure.code);
    if (!first) {
      sourceOf.set(procedure.code, { name: source.name, text: source.text });
      procedures.push(procedure);
      continue;
    }
    const firstLine = buildLineMap(first.text()).nearest(['code']);
    const secondLine = codeLine();
    problems.push(
      { file: first.name, line: firstLine, field: 'code', message: `duplicate procedure code ${procedure.code}: also in ${file}:${secondLine}` },
      { file, line: secondLine, field: 'code', message: `duplicate procedure code ${procedure.code}: also in ${first.name}:${firstLine}` },
    );
  }
  cache.save();

  if (!calendarSource) {
    warnings.push({ file: CALENDAR_FILE, line: 1, message: 'no calendar.yaml: deadlines will count only weekends as days off' });
  }
  const calendarLines = lazyLines(calendarSource?.text ?? (() => ''));
  const calendarProblems = checkCalendar(calendarSource?.value, CALENDAR_FILE, calendarLines);
  problems.push(...calendarProblems);
  // After an error the empty fallback calendar would only add noise about every year.
  if (calendarOk && calendarProblems.length === 0) {
    warnings.push(...calendarYearWarnings(calendar, CALENDAR_FILE, clock.now(), calendarLines));
  }

  procedures.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byCode = new Map(procedures.map((p) => [p.code, p]));
  if (officesSource) {
    const checked = checkOffices(offices, byCode, OFFICES_FILE, lazyLines(officesSource.text), brokenCodes);
    problems.push(...checked.problems);
    warnings.push(...checked.warnings);
  }
  let newest = '';
  for (const p of procedures) if (p.source.retrievedAt > newest) newest = p.source.retrievedAt;
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
