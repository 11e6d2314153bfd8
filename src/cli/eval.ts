// `motcua eval`: what citizens get from the chat on labelled questions (`npm run eval`). The
// real questions are reported in their two fixed halves, held-out first (the one to quote);
// the chat-style band, written by the team, is reported apart. `--report` writes the tune
// half's misses grouped by cause: the work list for improving answers. `--ablate` switches
// each search rule off in turn and prints what it brings on the tune half.
import fs from 'node:fs/promises';
import path from 'node:path';
import { UsageError, type CommandIo } from './io';
import { parseConfig } from '../config';
import { formatProblem } from '../catalogue/problems';
import { formatTallies, judgeAll, rows, splitHalves, tally } from '../eval/judge';
import { readQuestions } from '../eval/questions';
import { formatReport } from '../eval/report';
import { loadSearch } from '../search/load';
import { loadCatalogue } from '../catalogue/loader';
import { loadPortalOnly } from '../catalogue/portal-only';
import { loadLexicon } from '../search/lexicon';
import { ablationTable } from '../eval/ablation';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Đo kết quả của bot trên các câu hỏi thật có nhãn (nửa held-out trước) và nhóm câu hỏi kiểu chat; --report ghi các câu sai của nửa tune theo nguyên nhân.',
  usage: 'motcua eval [--real <real.jsonl>] [--chat <chat.jsonl>] [--report [<file.md>]]',
  example: 'npm run eval -- --report',
};


const USAGE = 'usage: motcua eval [--real <real.jsonl>] [--chat <chat.jsonl>] [--report [<file.md>]] [--ablate]';
export const REAL_FILE = 'tests/eval/real.jsonl';
export const CHAT_FILE = 'tests/eval/chat.jsonl';
const REPORT_FILE = 'tests/out/eval-report.md';

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  let real = REAL_FILE;
  let chat = CHAT_FILE;
  let report: string | undefined;
  let ablate = false;
  for (let i = 0; i < io.argv.length; i++) {
    const a = io.argv[i]!;
    if (a === '--') continue;
    if (a === '--real') real = io.argv[++i] ?? '';
    else if (a === '--chat') chat = io.argv[++i] ?? '';
    else if (a === '--ablate') ablate = true;
    else if (a === '--report') report = io.argv[i + 1] && !io.argv[i + 1]!.startsWith('--') ? io.argv[++i]! : REPORT_FILE;
    else throw new UsageError(`unknown argument ${a}; ${USAGE}`);
  }
  if (!real || !chat) throw new UsageError(USAGE);
  const realQuestions = await readQuestions(real);
  const chatQuestions = await readQuestions(chat);
  const dir = parseConfig(io.env).PROCEDURES_DIR;
  const { index, problems } = await loadSearch(dir);
  for (const p of problems) io.stderr.write(`warning: ${formatProblem(p)} (search goes on without this file until it is fixed)\n`);

  const halves = splitHalves(realQuestions);
  const sources = new Set(realQuestions.map((q) => q.source).filter(Boolean)).size;
  io.stdout.write(
    `real questions: ${realQuestions.length} from ${sources} pages (tune ${halves.tune.length}, held-out ${halves['held-out'].length}); chat-style band: ${chatQuestions.length} (written by the team, not counted as real)\n` +
      'outcomes through the assistant; top-1/top-3 of the search on questions the catalogue answers\n\n',
  );
  const heldOut = judgeAll(index, halves['held-out']);
  const tune = judgeAll(index, halves.tune);
  io.stdout.write(`${formatTallies('held-out (quote this)', rows(heldOut))}\n\n`);
  io.stdout.write(`${formatTallies('tune', rows(tune))}\n\n`);
  const chatJudged = judgeAll(index, chatQuestions, { withoutMarks: false });
  const groups = [...new Set(chatQuestions.map((q) => q.group ?? 'other'))].sort();
  io.stdout.write(`${formatTallies('chat-style band', [tally('all', chatJudged), ...groups.map((g) => tally(g, chatJudged.filter((j) => (j.question.group ?? 'other') === g)))])}\n`);

  if (ablate) {
    const [{ catalogue }, lexicon, portal] = await Promise.all([loadCatalogue(dir), loadLexicon(dir), loadPortalOnly(dir)]);
    io.stdout.write(`\nwhat each rule brings on the tune half (switched off in turn):\n${ablationTable(catalogue, lexicon, portal.entries, halves.tune)}`);
  }

  if (report) {
    await fs.mkdir(path.dirname(path.resolve(report)), { recursive: true });
    await fs.writeFile(report, formatReport(index, tune));
    io.stdout.write(`\ntune-half misses by cause written to ${report}\n`);
  }
  return 0;
}
