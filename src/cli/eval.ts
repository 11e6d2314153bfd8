// `motcua eval [--file tests/eval/questions.jsonl] [--misses]`: search quality on labelled
// questions, top-1 and top-3 per group and overall (`npm run eval`).
import { UsageError, type CommandIo } from '../cli';
import { parseConfig } from '../config';
import { evaluate, formatEvaluation, readQuestions } from '../search/evaluate';
import { formatProblem } from '../catalogue/problems';
import { loadSearch } from '../search/load';

const USAGE = 'usage: motcua eval [--file <questions.jsonl>] [--misses]';
const DEFAULT_FILE = 'tests/eval/questions.jsonl';

export async function run(io: CommandIo): Promise<number> {
  let file = DEFAULT_FILE;
  let showMisses = false;
  for (let i = 0; i < io.argv.length; i++) {
    const a = io.argv[i]!;
    if (a === '--') continue;
    if (a === '--file') file = io.argv[++i] ?? '';
    else if (a === '--misses') showMisses = true;
    else throw new UsageError(`unknown argument ${a}; ${USAGE}`);
  }
  if (!file) throw new UsageError(USAGE);
  const questions = await readQuestions(file);
  const { index, problems } = await loadSearch(parseConfig(io.env).PROCEDURES_DIR);
  for (const p of problems) io.stderr.write(`warning: ${formatProblem(p)} (searching without synonyms)\n`);
  const result = evaluate(index, questions);
  io.stdout.write(`${formatEvaluation(result)}\n`);
  if (showMisses) {
    for (const m of result.misses) io.stdout.write(`miss [${m.question.group}] ${m.question.q} → ${m.got.join(', ') || '(none)'}; want ${m.question.codes.join(' | ')}\n`);
  }
  return 0;
}
