// `motcua outbox list [--failed] [--json]`, `motcua outbox retry <id>… | --all [--json]`:
// what operators see of the outbox, and how they send a dead letter again. Text output is in
// Vietnamese with local times (Asia/Ho_Chi_Minh); --json is for scripts (ISO times).
import { UsageError, type CommandIo } from './io';
import { parseConfig } from '../config';
import { silentLogger } from '../log';
import { buildContext } from '../main';
import { maskChatId } from '../alerts/officials';
import { DeadLetterNotFound, listDeadLetters, retryDeadLetters, type DeadLetter } from '../delivery/dead-letters';
import { formatLocalDateTime } from '../local-time';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Hộp thư đi: tin nhắn cho cán bộ và người dân chờ gửi qua Telegram, Zalo.',
  subcommands: {
    list: {
      usage: 'motcua outbox list [--failed] [--json]',
      summary: 'Đếm tin theo trạng thái; --failed liệt kê các tin không gửi được (mới nhất trước, giờ Việt Nam).',
      example: 'motcua outbox list --failed',
    },
    retry: {
      usage: 'motcua outbox retry <mã>… | --all [--json]',
      summary: 'Đưa tin không gửi được trở lại hàng đợi; máy chủ gửi lại theo đúng thứ tự từng cuộc trò chuyện.',
      example: 'motcua outbox retry --all',
    },
  },
};


const USAGE = [
  'usage: motcua outbox list [--failed] [--json]',
  '       motcua outbox retry <id>… | --all [--json]',
].join('\n');

const STATE_NAMES: Record<string, string> = {
  pending: 'đang chờ gửi',
  sent: 'đã gửi',
  failed: 'gửi thất bại',
  undeliverable: 'không có kênh nhận',
};

export const KIND_NAMES: Record<string, string> = {
  digest: 'bản tin hồ sơ đến hạn, quá hạn',
  apology: 'dự thảo Mẫu 04 (văn bản xin lỗi)',
  dossier_update: 'cập nhật hồ sơ cho người dân',
};

function json(letter: DeadLetter) {
  return {
    id: letter.id,
    state: letter.state,
    kind: letter.kind,
    channel: letter.channel,
    chat: maskChatId(letter.chat_id),
    officialId: letter.official_id,
    attempts: letter.attempts,
    createdAt: new Date(letter.created_at).toISOString(),
    failedAt: letter.failed_at === null ? null : new Date(letter.failed_at).toISOString(),
    lastError: letter.last_error,
  };
}

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const [sub, ...rest] = io.argv;
  if (!sub) throw new UsageError(USAGE);
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const positional = rest.filter((a) => !a.startsWith('--'));
  const allowed = sub === 'list' ? ['--failed', '--json'] : sub === 'retry' ? ['--all', '--json'] : undefined;
  if (!allowed) throw new UsageError(`unknown subcommand "${sub}"\n${USAGE}`);
  for (const flag of flags) if (!allowed.includes(flag)) throw new UsageError(`unknown option ${flag}\n${USAGE}`);
  const asJson = flags.has('--json');
  const out = (line: string) => io.stdout.write(`${line}\n`);

  const config = parseConfig(io.env);
  const context = await buildContext(config, { logger: silentLogger() });
  try {
    const { outbox, deadLetters } = context.stores;
    if (sub === 'list') {
      if (positional.length) throw new UsageError(`unexpected ${positional[0]}\n${USAGE}`);
      const counts = await outbox.countByState();
      const letters = flags.has('--failed') ? await listDeadLetters(deadLetters) : [];
      if (asJson) {
        out(JSON.stringify(flags.has('--failed') ? { counts, failed: letters.map(json) } : { counts }, null, 2));
        return 0;
      }
      out(`Hộp thư đi: ${['pending', 'sent', 'failed', 'undeliverable'].map((s) => `${counts[s] ?? 0} ${STATE_NAMES[s]}`).join(', ')}.`);
      if (!flags.has('--failed')) return 0;
      if (letters.length === 0) {
        out('Không có tin nhắn nào bị bỏ dở.');
        return 0;
      }
      out(`Tin nhắn không gửi được (${letters.length}), mới nhất trước:`);
      for (const l of letters) {
        const when = l.failed_at === null ? '' : `, dừng lúc ${formatLocalDateTime(l.failed_at)}`;
        out(`  ${l.id.slice(0, 8)}  ${KIND_NAMES[l.kind] ?? l.kind}  ${l.channel} ${maskChatId(l.chat_id)}  ${STATE_NAMES[l.state] ?? l.state}`);
        out(`            tạo lúc ${formatLocalDateTime(l.created_at)}${when}, ${l.attempts} lần thử${l.last_error ? `; lỗi cuối: ${l.last_error}` : ''}`);
      }
      out('Gửi lại: motcua outbox retry <mã> (hoặc --all cho tất cả).');
      return 0;
    }
    // retry
    if (flags.has('--all') === positional.length > 0) throw new UsageError(`retry takes ids or --all\n${USAGE}`);
    let ids: string[];
    try {
      ids = await retryDeadLetters(deadLetters, flags.has('--all') ? { all: true } : { ids: positional }, context.clock.now());
    } catch (error) {
      if (error instanceof DeadLetterNotFound) {
        io.stderr.write(`motcua outbox: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    if (asJson) out(JSON.stringify({ requeued: ids }, null, 2));
    else if (ids.length === 0) out('Không có tin nhắn nào để gửi lại.');
    else out(`Đã đưa ${ids.length} tin nhắn trở lại hàng đợi lúc ${formatLocalDateTime(context.clock.now())}; máy chủ (motcua serve) sẽ gửi theo đúng thứ tự từng cuộc trò chuyện.`);
    return 0;
  } finally {
    await context.close();
  }
}
