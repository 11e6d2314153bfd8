// `motcua report questions [--since 7d] [--limit 20] [--json]`: what the bot failed, so an
// operator can improve procedures/lexicon.yaml. Lists the most frequent questions it could not
// answer (found nothing, or had to ask which procedure) and those whose answer got 👎, each
// with the lexicon entries that would catch it today (or "none": the place to add one), and
// 👍/👎 counts per procedure.
import path from 'node:path';
import { UsageError, type CommandIo } from './io';
import { parseConfig } from '../config';
import { formatProblem } from '../catalogue/problems';
import type { QuestionCount } from '../store/feedback';
import { formatLocalDateTime, localInstant } from '../local-time';
import { silentLogger } from '../log';
import { buildContext } from '../main';
import type { LexiconUse } from '../search/analyze';
import type { SearchIndex } from '../search/index';
import { loadSearch } from '../search/load';
import { answerHelp, usageLines, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Báo cáo cho người vận hành.',
  subcommands: {
    questions: {
      usage: 'motcua report questions [--since 7d|24h|<YYYY-MM-DD>] [--limit 20] [--json]',
      summary: 'Những câu hỏi bot chưa trả lời được và những câu trả lời bị chê (👎) thường gặp nhất, có số lần, số người hỏi và mục nào trong procedures/lexicon.yaml sẽ bắt được câu đó ("none": chưa có, nên thêm); cuối cùng là số 👍/👎 theo thủ tục.',
      example: 'motcua report questions --since 7d',
      notes: [
        'Câu hỏi được lưu đã xoá chữ số, số điện thoại và họ tên; cuộc trò chuyện chỉ lưu dưới dạng mã băm; dữ liệu giữ FEEDBACK_RETENTION_DAYS ngày (mặc định 90).',
        'Sửa lexicon.yaml xong: motcua validate, rồi thử lại câu hỏi bằng motcua search --explain "<câu hỏi>".',
      ],
    },
  },
};

const DEFAULT_LIMIT = 20;
const UNITS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
/** The lexicon sections that read a question's topic (intents only name the facet asked). */
const CATCHING: ReadonlySet<LexiconUse['section']> = new Set(['synonyms', 'shorthand']);

/** `7d`, `24h`, `2w` before now, or a local day `2026-11-20` (from its 00:00 in Vietnam). */
export function parseSince(value: string, now: Date): Date {
  const relative = /^(\d{1,4})([hdw])$/.exec(value);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNITS[relative[2]!]!);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return localInstant(value);
  throw new UsageError(`--since takes a duration like 7d, 24h, 2w or a day like 2026-11-20 (got "${value}")\n${usageLines(HELP)}`);
}

interface Caught {
  file: string;
  line: number;
  section: string;
  typed: string;
  read: string;
}

function lexiconFor(index: SearchIndex, question: string): Caught[] {
  const seen = new Set<string>();
  const out: Caught[] = [];
  for (const u of index.analyze(question).used) {
    if (!CATCHING.has(u.section) || !u.origin) continue;
    const file = path.relative(process.cwd(), u.origin.file) || u.origin.file;
    const key = `${file}:${u.origin.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file, line: u.origin.line, section: u.section, typed: u.typed, read: u.read });
  }
  return out;
}

function nearest(index: SearchIndex, question: string): { code: string; name: string } | null {
  const [hit] = index.search(question, { limit: 1 });
  return hit ? { code: hit.procedure.code, name: hit.procedure.name } : null;
}

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const [sub, ...rest] = io.argv;
  if (sub !== 'questions') throw new UsageError(sub ? `unknown subcommand "${sub}"\n${usageLines(HELP)}` : usageLines(HELP));
  let sinceText = '7d';
  let limit = DEFAULT_LIMIT;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') json = true;
    else if (a === '--since' || a.startsWith('--since=')) sinceText = (a === '--since' ? rest[++i] : a.slice(8)) ?? '';
    else if (a === '--limit' || a.startsWith('--limit=')) {
      limit = Number(a === '--limit' ? rest[++i] : a.slice(8));
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError(`--limit must be a whole number from 1 to 1000\n${usageLines(HELP)}`);
    } else throw new UsageError(`unknown argument ${a}\n${usageLines(HELP)}`);
  }
  const config = parseConfig(io.env);
  const context = await buildContext(config, { logger: silentLogger() });
  try {
    const now = context.clock.now();
    const since = parseSince(sinceText, now);
    const summary = await context.stores.feedback.summary(since, limit);
    const { index, catalogue, problems } = await loadSearch(config.PROCEDURES_DIR);
    for (const p of problems) io.stderr.write(`motcua report: warning: ${formatProblem(p)}\n`);
    const withLexicon = (q: QuestionCount) => ({ ...q, lexicon: q.question ? lexiconFor(index, q.question) : [], nearest: q.question ? nearest(index, q.question) : null });
    const unanswered = summary.unanswered.map(withLexicon);
    const disliked = summary.disliked.map(withLexicon);
    if (json) {
      const iso = (q: { lastAt: number }) => new Date(q.lastAt).toISOString();
      io.stdout.write(`${JSON.stringify({
        since: since.toISOString(),
        until: now.toISOString(),
        unanswered: unanswered.map(({ lastAt, ...q }) => ({ ...q, lastAt: iso({ lastAt }) })),
        disliked: disliked.map(({ lastAt, ...q }) => ({ ...q, lastAt: iso({ lastAt }) })),
        votes: summary.votes.map((v) => ({ ...v, name: catalogue.byCode.get(v.code)?.name ?? null })),
      }, null, 2)}\n`);
      return 0;
    }
    const out = (line = '') => io.stdout.write(`${line}\n`);
    out(`Câu hỏi của người dân từ ${formatLocalDateTime(since)} đến ${formatLocalDateTime(now)} (giờ Việt Nam).`);
    const describe = (q: (typeof unanswered)[number], extra: string) => {
      out(`  ${q.count} lần, ${q.people} người  "${q.question || '(không còn ghi câu hỏi)'}"${extra}`);
      if (!q.question) return;
      if (q.lexicon.length === 0) out('      mục lexicon bắt được: none — chưa có mục nào; thêm một mục synonyms vào procedures/lexicon.yaml');
      for (const c of q.lexicon) out(`      mục lexicon bắt được: ${c.file}:${c.line} ${c.section}: "${c.typed}" → ${c.read}`);
      if (q.nearest) out(`      tìm kiếm gần nhất: ${q.nearest.code} ${q.nearest.name}`);
    };
    out();
    if (unanswered.length === 0) out('Chưa trả lời được: không có câu nào.');
    else {
      out(`Chưa trả lời được (bot không tìm thấy, hoặc phải hỏi lại thủ tục nào), nhiều nhất trước:`);
      for (const q of unanswered) describe(q, q.choose ? `  [${q.choose === q.count ? 'bot hỏi lại thủ tục nào' : `${q.choose} lần bot hỏi lại thủ tục nào`}]` : '');
    }
    out();
    if (disliked.length === 0) out('Bị chê (👎): không có câu nào.');
    else {
      out('Câu trả lời bị chê (👎), nhiều nhất trước:');
      for (const q of disliked) describe(q, q.codes?.length ? `  → đã trả lời bằng ${q.codes.join(', ')}` : '');
    }
    if (summary.votes.length > 0) {
      out();
      out('Đánh giá theo thủ tục:');
      for (const v of summary.votes) out(`  ${v.code} ${catalogue.byCode.get(v.code)?.name ?? ''}: ${v.up} 👍, ${v.down} 👎`);
    }
    return 0;
  } finally {
    await context.close();
  }
}
