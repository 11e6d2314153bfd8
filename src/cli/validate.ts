// `motcua validate [dir]`: checks the catalogue (and lexicon.yaml, which search reads) and
// prints every problem as `file:line: field: message` (warnings as `file:line: warning: field:
// message`), then a summary. Exit 1 when there is any error; warnings alone keep exit 0.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError, type CommandIo } from './io';
import { fixedClock, systemClock, type Clock } from '../clock';
import { parseConfig } from '../config';
import { loadCatalogue } from '../catalogue/loader';
import { compareProblems, formatField, formatProblem, type CatalogueProblem } from '../catalogue/problems';
import { parseYaml, validateValue } from '../catalogue/yaml-file';
import { buildLineMap, type LineMap } from '../catalogue/yaml-lines';
import { LEXICON_FILE, lexiconFileSchema, namedCodes } from '../search/lexicon';
import { fold, tokenize } from '../search/normalize';
import { loadPortalOnly, PORTAL_ONLY_FILE } from '../catalogue/portal-only';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Kiểm tra danh mục thủ tục, offices.yaml và lexicon.yaml; mỗi lỗi một dòng tệp:dòng: trường: nội dung. Thoát 1 khi có lỗi (cảnh báo không tính).',
  usage: 'motcua validate [--at <ngày>] [thư mục]',
  example: 'motcua validate procedures',
};


const USAGE = 'usage: motcua validate [--at <date>] [dir]   (dir: PROCEDURES_DIR, or ./procedures; --at: judge the calendar as of that date)';

/**
 * lexicon.yaml against its schema; every code it names against the catalogue (or the portal
 * procedures it lacks, which a synonym may name too); a phrase said in
 * two synonym entries (only the first would ever be used).
 */
function checkLexicon(dir: string, knownCodes: ReadonlySet<string>): CatalogueProblem[] {
  let text: string;
  try {
    text = readFileSync(path.join(dir, LEXICON_FILE), 'utf8');
  } catch {
    return []; // Optional: search then reads questions with the lexicon motcua ships.
  }
  const parsed = parseYaml(text, LEXICON_FILE);
  if (!parsed.ok) return [parsed.problem];
  const problems: CatalogueProblem[] = [...validateValue(parsed.value ?? {}, text, LEXICON_FILE, lexiconFileSchema).problems];
  // Codes are checked on the raw entries, so they are reported alongside any schema error.
  for (const { code, origin, field } of namedCodes(text, LEXICON_FILE)) {
    if (!knownCodes.has(code)) problems.push({ ...origin, field: formatField(field), message: `no procedure ${code} in the catalogue or in ${PORTAL_ONLY_FILE}` });
  }
  const entries = (parsed.value as { synonyms?: unknown } | null)?.synonyms;
  const firstSaid = new Map<string, number>();
  let lines: LineMap | undefined;
  (Array.isArray(entries) ? entries : []).forEach((entry: { say?: unknown } | null, index) => {
    (Array.isArray(entry?.say) ? entry.say : []).forEach((say: unknown, n) => {
      if (typeof say !== 'string') return;
      const key = tokenize(say).map(fold).join(' ');
      const first = firstSaid.get(key);
      if (first === undefined) firstSaid.set(key, index);
      else if (first !== index) {
        lines ??= buildLineMap(text);
        const at = ['synonyms', index, 'say', n];
        problems.push({ file: LEXICON_FILE, line: lines.nearest(at), field: formatField(at), message: `"${say}" is already said in synonyms[${first}] (line ${lines.nearest(['synonyms', first])}); a phrase can mean one thing only` });
      }
    });
  });
  return problems;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const args = io.argv.filter((a) => a !== '--');
  if (args.some((a) => a === '--help' || a === '-h')) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let clock: Clock = systemClock;
  const atIndex = args.indexOf('--at');
  if (atIndex >= 0) {
    const at = new Date(args[atIndex + 1] ?? '');
    if (Number.isNaN(at.getTime())) throw new UsageError(`--at needs a date like 2027-01-15; ${USAGE}`);
    clock = fixedClock(at);
    args.splice(atIndex, 2);
  }
  const unknown = args.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option ${unknown}; ${USAGE}`);
  if (args.length > 1) throw new UsageError(`one directory at most; ${USAGE}`);
  const dir = args[0] ?? parseConfig(io.env).PROCEDURES_DIR;

  const { catalogue, problems: catalogueProblems, warnings } = await loadCatalogue(dir, { clock });
  // portal-only.yaml names procedures the catalogue lacks: one that is in the catalogue is stale.
  const portalOnly = await loadPortalOnly(dir);
  const stale = portalOnly.entries.filter((e) => catalogue.byCode.has(e.code)).map((e): CatalogueProblem => ({ file: PORTAL_ONLY_FILE, line: 1, message: `${e.code} is in the catalogue now; run import-portal again or remove it here` }));
  const problems = [...catalogueProblems, ...checkLexicon(dir, new Set([...catalogue.byCode.keys(), ...portalOnly.entries.map((e) => e.code)])), ...portalOnly.problems.map((p) => ({ ...p, file: path.relative(dir, p.file) || p.file })), ...stale].sort(compareProblems);
  // Paths are printed as the operator typed the directory, so they can be opened directly.
  const shown = (p: CatalogueProblem): CatalogueProblem => ({ ...p, file: path.join(dir, p.file) });
  const lines = [
    ...problems.map((p) => formatProblem(shown(p))),
    ...warnings.map((p) => formatProblem({ ...shown(p), field: p.field ? `warning: ${p.field}` : 'warning' })),
  ];
  if (lines.length > 0) io.stdout.write(`${lines.join('\n')}\n`);
  io.stdout.write(
    `${dir}: ${plural(catalogue.procedures.length, 'procedure')}, ${plural(catalogue.offices.length, 'office')}, ` +
      `${plural(problems.length, 'error')}, ${plural(warnings.length, 'warning')}\n`,
  );
  return problems.length > 0 ? 1 : 0;
}
