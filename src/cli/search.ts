// `motcua search [--json] [--explain] [--limit N] ["<query>"]`: ranked procedures. With no
// query, reads one query a line from stdin and prints one JSON line per query:
// {"query", "results": [{"code", "name", "score"}]} — an external judge reads this shape.
// `--explain` shows how the question was read (topic words and their weights, facets, levels),
// which lexicon entries it used (file:line), and for each result the fields it matched in and
// the factors its score was multiplied by: what an operator needs to fix a wrong answer.
import readline from 'node:readline';
import { UsageError, type CommandIo } from './io';
import { parseConfig } from '../config';
import path from 'node:path';
import type { QueryAnalysis } from '../search/analyze';
import type { SearchHit } from '../search/index';
import { formatProblem } from '../catalogue/problems';
import { loadSearch } from '../search/load';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Tìm thủ tục theo câu hỏi. Không có câu hỏi: đọc mỗi dòng stdin một câu và in một dòng JSON {"query","results":[{"code","name","score"}]}. --explain cho biết câu hỏi được hiểu thế nào và mục lexicon nào đã dùng.',
  usage: 'motcua search [--json] [--explain] [--limit N] ["<câu hỏi>"]',
  example: 'motcua search --explain "mất sổ đỏ làm lại ở đâu"',
};


const USAGE = 'usage: motcua search [--json] [--explain] [--limit N] ["<query>"]\nexample: motcua search --explain "mất sổ đỏ làm lại ở đâu"';
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
// A line longer than this is searched by its beginning only.
const MAX_QUERY_CHARS = 2000;

interface Args {
  json: boolean;
  explain: boolean;
  limit: number;
  query?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, explain: false, limit: DEFAULT_LIMIT };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a === '--json') args.json = true;
    else if (a === '--explain') args.explain = true;
    else if (a === '--limit' || a.startsWith('--limit=')) {
      const value = a.startsWith('--limit=') ? a.slice(8) : argv[++i];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}; ${USAGE}`);
      args.limit = n;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}; ${USAGE}`);
    else words.push(a);
  }
  if (words.length > 0) args.query = words.join(' ');
  return args;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** How the question was read and why each result ranked where it did, for a person. */
function explanation(analysis: QueryAnalysis, hits: SearchHit[]): string {
  const lines: string[] = [];
  const topic = analysis.topic.map((t, i) => ((analysis.weights[i] ?? 1) < 1 ? `${t}×${analysis.weights[i]}` : t));
  lines.push(`topic: ${topic.join(' ') || '(none)'}`);
  if (analysis.expansions.length > 0) lines.push(`also searched: ${analysis.expansions.map((e) => e.join(' ')).join('; ')}`);
  lines.push(`asks about: ${analysis.facets.join(', ') || 'the procedure in general'}; level named: ${analysis.levels.join(', ') || 'none'}${analysis.long ? '; a long message (story words count less)' : ''}`);
  if (analysis.used.length === 0) lines.push('lexicon: no entry used');
  else {
    lines.push('lexicon entries used:');
    for (const u of analysis.used) {
      const at = u.origin ? `${path.relative(process.cwd(), u.origin.file) || u.origin.file}:${u.origin.line}` : '(built in)';
      lines.push(`  ${at}  ${u.section}: "${u.typed}" → ${u.read}`);
    }
  }
  if (hits.length === 0) lines.push('no procedure found');
  for (const [i, h] of hits.entries()) {
    lines.push(`${i + 1}. ${h.procedure.code}  ${h.procedure.name}  (${h.score.toFixed(2)})`);
    if (!h.explain) continue;
    const fields = Object.entries(h.explain.fields).map(([f, terms]) => `${f}: ${terms.map((t) => t.replace('_', ' ')).join(', ')}`);
    lines.push(`   matched in ${fields.join(' | ') || 'nothing (named by code)'}`);
    const f = h.explain.factors;
    const factors = [
      `text match ${round(h.relevance)}`,
      `usage ×${round(f.usage)}`,
      ...(f.level !== 1 ? [`level ×${round(f.level)}`] : []),
      ...(f.synonym !== 1 ? [`lexicon code ×${round(f.synonym)}`] : []),
      ...(f.wholeName !== 1 ? [`whole name typed ×${round(f.wholeName)}`] : []),
      ...(f.nameSaid !== 1 ? [`share of its name said ×${round(f.nameSaid)}`] : []),
      ...(f.unscoredTerms !== 1 ? [`unscored words in name ×${round(f.unscoredTerms)}`] : []),
      ...(f.age !== 1 ? [`age stated ×${round(f.age)}`] : []),
      ...(f.applicant !== 1 ? [`for organisations only ×${round(f.applicant)}`] : []),
    ];
    lines.push(`   ${factors.join(' · ')} · covers ${Math.round(h.coverage * 100)}% of the asking words`);
  }
  return `${lines.join('\n')}\n`;
}

function toJson(query: string, hits: SearchHit[]): string {
  return JSON.stringify({
    query,
    results: hits.map((h) => ({ code: h.procedure.code, name: h.procedure.name, score: Math.round(h.score * 1000) / 1000 })),
  });
}

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const args = parseArgs(io.argv);
  const config = parseConfig(io.env);
  const { index, problems } = await loadSearch(config.PROCEDURES_DIR);
  for (const p of problems) io.stderr.write(`warning: ${formatProblem(p)} (search goes on without this file until it is fixed)\n`);
  const search = (q: string) => index.search(q.slice(0, MAX_QUERY_CHARS), { limit: args.limit });

  if (args.query !== undefined && args.explain) {
    const { analysis, hits } = index.query(args.query.slice(0, MAX_QUERY_CHARS), { limit: args.limit, explain: true });
    if (args.json) io.stdout.write(`${JSON.stringify({ query: args.query, analysis, results: hits.map(({ procedure, ...h }) => ({ code: procedure.code, name: procedure.name, ...h })) })}\n`);
    else io.stdout.write(explanation(analysis, hits));
    return 0;
  }
  if (args.query !== undefined) {
    const hits = search(args.query);
    if (args.json) io.stdout.write(`${toJson(args.query, hits)}\n`);
    else if (hits.length === 0) io.stdout.write('no procedure found\n');
    else for (const [i, h] of hits.entries()) io.stdout.write(`${i + 1}. ${h.procedure.code}  ${h.procedure.name}  (${h.score.toFixed(2)})\n`);
    return 0;
  }

  const lines = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
  // A reader that stops early (`| head`) closes the pipe: stop quietly instead of crashing.
  let closed = false;
  io.stdout.on('error', () => {
    closed = true;
    lines.close();
  });
  for await (const line of lines) {
    if (closed) break;
    const query = line.replace(/\r$/, '');
    // One output line per input line, so answers stay aligned with questions even when empty.
    const hits = query.trim() === '' ? [] : search(query);
    io.stdout.write(`${toJson(query, hits)}\n`);
  }
  return 0;
}
