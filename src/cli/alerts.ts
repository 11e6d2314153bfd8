// `motcua alerts run [--at <ISO time>] [--dry-run]`: one overdue scan and delivery now, as the
// cron job does. Prints what it queued, who could not be reached, and undeliverable messages.
import { UsageError, type CommandIo } from './io';
import { fixedClock, systemClock } from '../clock';
import { parseConfig } from '../config';
import { loadCatalogue } from '../catalogue/loader';
import { silentLogger } from '../log';
import { buildContext, buildDossiers } from '../main';
import { maskChatId } from '../alerts/officials';
import type { ScanResult } from '../alerts/scan';
import { AlertService, dispatcherFor, scanDeps } from '../alerts/service';
import { channelSenders, type SenderFactory } from '../channels/senders';
import { replyToPlainText } from '../conversation/message';
import { formatDay, localDay } from '../local-time';
import { KIND_NAMES } from './outbox';
import type { DeadLetterStore } from '../store/dead-letters';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Cảnh báo hồ sơ đến hạn, quá hạn cho cán bộ.',
  subcommands: {
    run: {
      usage: 'motcua alerts run [--at <giờ ISO>] [--dry-run] [--show] [--json]',
      summary: 'Quét một lần và gửi ngay như lịch ALERT_CRON: in các tin đã xếp hàng, cán bộ chưa liên kết chat và tin không gửi được. --dry-run chỉ in kế hoạch; --show in cả nội dung tin; --at quét như vào thời điểm đó (một ngày chưa đến: chỉ với --dry-run); --json cho script.',
      example: 'motcua alerts run --dry-run --show',
    },
  },
};


const USAGE = 'usage: motcua alerts run [--at <ISO time>] [--dry-run] [--show] [--json]';
/** How long `alerts run` keeps delivering before leaving the rest to `serve`. */
const DELIVERY_BUDGET_MS = 60_000;

export interface AlertsCliOptions {
  senders?: SenderFactory;
}

export function run(io: CommandIo): Promise<number> {
  return runAlerts(io, { senders: channelSenders });
}

export async function runAlerts(io: CommandIo, cli: AlertsCliOptions): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const [sub, ...rest] = io.argv;
  if (sub !== 'run') {
    throw new UsageError(sub ? `unknown subcommand "${sub}"; ${USAGE}` : USAGE);
  }
  let at: Date | undefined;
  let dryRun = false;
  let show = false;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--show') show = true;
    else if (arg === '--json') json = true;
    else if (arg === '--at' || arg.startsWith('--at=')) {
      const value = arg === '--at' ? rest[++i] : arg.slice(5);
      at = new Date(value ?? '');
      if (!value || Number.isNaN(at.getTime())) throw new UsageError(`--at needs a time like 2026-11-24T08:00:00+07:00; ${USAGE}`);
    } else throw new UsageError(`unknown argument ${arg}; ${USAGE}`);
  }
  // A day that has not come is only previewed: its digests queued now would go out early, and
  // their per-day dedupe keys (and the day's alert_runs row) would leave that day's cron nothing to send.
  if (at && !dryRun && localDay(at) > localDay(systemClock.now())) {
    throw new UsageError(`ngày ${formatDay(localDay(at))} chưa đến: --at một ngày sau hôm nay chỉ dùng được với --dry-run (xem trước); bản tin ngày đó do lịch ALERT_CRON gửi đúng ngày`);
  }

  const config = parseConfig(io.env);
  const logger = silentLogger();
  const context = await buildContext(config, at ? { logger, clock: fixedClock(at) } : { logger });
  try {
    const { catalogue } = await loadCatalogue(config.PROCEDURES_DIR);
    const started = context.clock.now();
    // The same day's run as the cron's (AlertService.runDay): the scan as at --at, then delivery of
    // everything queued, now, on the real clock (a chat's later messages wait out its gap).
    const senders = !dryRun && cli.senders ? await cli.senders({ config, logger, stores: context.stores }) : [];
    const service = new AlertService({
      scan: scanDeps(context, buildDossiers(context, catalogue), catalogue),
      ...(senders.length > 0 ? { dispatcher: dispatcherFor({ ...context, clock: systemClock }, senders) } : {}),
      clock: systemClock,
      logger,
      deliveryBudgetMs: DELIVERY_BUDGET_MS,
    });
    const { scan: result, delivered } = await service.runDay(started, { dryRun });
    const report: AlertsJson = {
      day: result.day,
      at: started.toISOString(),
      dryRun,
      overdue: result.overdue,
      nearDue: result.nearDue,
      planned: result.messages.length,
      queued: dryRun ? 0 : result.queued,
      alreadyQueued: dryRun ? 0 : result.alreadyQueued,
      messages: result.messages.map((m) => ({ kind: m.kind, officialId: m.officialId, channel: m.channel, chat: maskChatId(m.chatId), ...(show ? { text: replyToPlainText(m.reply) } : {}) })),
      unlinked: result.unlinked,
      unitsWithoutHead: result.unitsWithoutHead,
      delivered: null,
      undeliverable: [],
    };
    if (!json) printPlan(io, result, dryRun, show);
    if (dryRun) {
      if (json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
    await context.stores.alertRuns.record(result.day, `cli-${process.pid}`, started, context.clock.now());

    if (delivered === null) {
      if (!json) io.stdout.write('Không có kênh gửi nào được cấu hình ở đây: tin nhắn nằm trong hàng đợi để `motcua serve` gửi.\n');
    } else {
      report.delivered = delivered;
      if (!json) io.stdout.write(`Đã gửi ${delivered} tin nhắn.\n`);
    }
    report.undeliverable = await undeliverable(context.stores.deadLetters, result.day);
    if (json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printUndeliverable(io, report.undeliverable);
    return 0;
  } finally {
    await context.close();
  }
}

interface AlertsJson {
  day: string;
  at: string;
  dryRun: boolean;
  overdue: number;
  nearDue: number;
  planned: number;
  queued: number;
  alreadyQueued: number;
  messages: Array<{ kind: string; officialId: string; channel: string; chat: string; text?: string }>;
  unlinked: ScanResult['unlinked'];
  unitsWithoutHead: string[];
  /** Messages sent by this run; null when no sender is configured here (or a dry run). */
  delivered: number | null;
  undeliverable: Undeliverable[];
}

interface Undeliverable {
  kind: string;
  officialId: string | null;
  channel: string;
  chat: string;
  error: string | null;
}

const ROLE_NAMES: Record<string, string> = { officer: 'cán bộ', head: 'lãnh đạo' };

function printPlan(io: CommandIo, result: ScanResult, dryRun: boolean, show: boolean): void {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  out(`Cảnh báo ngày ${formatDay(result.day)}${dryRun ? ' (chạy thử: không xếp hàng tin nào)' : ''}: ${result.overdue} hồ sơ quá hạn, ${result.nearDue} sắp đến hạn; ` +
    `${result.messages.length} tin dự kiến` +
    (dryRun ? '' : `, ${result.queued} tin mới xếp hàng, ${result.alreadyQueued} tin đã xếp hàng trước đó trong ngày`));
  for (const m of result.messages) {
    out(`  ${KIND_NAMES[m.kind] ?? m.kind}\t${m.officialId}\t${m.channel} ${maskChatId(m.chatId)}`);
    if (show) out(indent(replyToPlainText(m.reply)));
  }
  for (const u of result.unlinked) out(`  chưa liên kết chat: ${u.officialId} (${ROLE_NAMES[u.role] ?? u.role}, ${u.unit}) có ${u.items} hồ sơ cần xem; cấp mã liên kết: motcua officials link-code ${u.officialId}`);
  for (const unit of result.unitsWithoutHead) out(`  chưa đăng ký lãnh đạo cho "${unit}": danh sách quá hạn của đơn vị này không gửi được cho ai (motcua officials add … --role head)`);
}

function indent(text: string): string {
  return text.split('\n').map((l) => `      ${l}`).join('\n');
}

async function undeliverable(deadLetters: DeadLetterStore, day: string): Promise<Undeliverable[]> {
  const rows = await deadLetters.ofDay(day);
  return rows.map((r) => ({ kind: r.kind, officialId: r.official_id, channel: r.channel, chat: maskChatId(r.chat_id), error: r.last_error }));
}

function printUndeliverable(io: CommandIo, rows: Undeliverable[]): void {
  if (!rows.length) return;
  io.stdout.write(`Không gửi được hôm nay: ${rows.length} tin (xem: motcua outbox list --failed)\n`);
  for (const r of rows) io.stdout.write(`  ${KIND_NAMES[r.kind] ?? r.kind}\t${r.officialId ?? '-'}\t${r.channel} ${r.chat}\t${r.error ?? ''}\n`);
}
