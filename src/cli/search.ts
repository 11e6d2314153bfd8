// `motcua search [--json] [--limit N] ["<query>"]`: ranked procedures. With no query, reads
// one query a line from stdin and prints one JSON line per query:
// {"query", "results": [{"code", "name", "score"}]} — an external judge reads this shape.
import readline from 'node:readline';
import { UsageError, type CommandIo } from '../cli';
import { parseConfig } from '../config';
import type { SearchHit } from '../search/index';
import { formatProblem } from '../catalogue/problems';
import { loadSearch } from '../search/load';

const USAGE = 'usage: motcua search [--json] [--limit N] ["<query>"]';
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
// A line longer than this is searched by its beginning only.
const MAX_QUERY_CHARS = 2000;

interface Args {
  json: boolean;
  limit: number;
  query?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, limit: DEFAULT_LIMIT };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a === '--json') args.json = true;
    else if (a === '--limit' || a.startsWith('--limit=')) {
      const value = a.startsWith('--limit=') ? a.slice(8) : argv[++i];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}; ${USAGE}`);
      args.limit = n;
    } else if (a === '--help' || a === '-h') throw new UsageError(USAGE);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}; ${USAGE}`);
    else words.push(a);
  }
  if (words.length > 0) args.query = words.join(' ');
  return args;
}

function toJson(query: string, hits: SearchHit[]): string {
  return JSON.stringify({
    query,
    results: hits.map((h) => ({ code: h.procedure.code, name: h.procedure.name, score: Math.round(h.score * 1000) / 1000 })),
  });
}

export async function run(io: CommandIo): Promise<number> {
  const args = parseArgs(io.argv);
  const config = parseConfig(io.env);
  const { index, problems } = await loadSearch(config.PROCEDURES_DIR);
  for (const p of problems) io.stderr.write(`warning: ${formatProblem(p)} (searching without synonyms)\n`);
  const search = (q: string) => index.search(q.slice(0, MAX_QUERY_CHARS), { limit: args.limit });

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
