// `motcua alerts run [--at <ISO time>] [--dry-run]`: one overdue scan and delivery now, as the
// cron job does. Prints what it queued, who could not be reached, and undeliverable messages.
import type { Kysely } from 'kysely';
import { UsageError, type CommandIo } from '../cli';
import { fixedClock } from '../clock';
import { parseConfig } from '../config';
import { loadCatalogue } from '../catalogue/loader';
import { silentLogger } from '../log';
import { buildContext } from '../main';
import { maskChatId } from '../alerts/officials';
import { recordRun } from '../alerts/runs';
import { runScan, type ScanResult } from '../alerts/scan';
import { dispatcherFor, scanDeps } from '../alerts/service';
import { channelSenders, type SenderFactory } from '../delivery/senders';
import { replyToPlainText } from '../assistant/reply';
import type { Database } from '../store/database';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Cảnh báo hồ sơ đến hạn, quá hạn cho cán bộ.',
  subcommands: {
    run: {
      usage: 'motcua alerts run [--at <giờ ISO>] [--dry-run] [--show]',
      summary: 'Quét một lần và gửi ngay như lịch ALERT_CRON: in các tin đã xếp hàng, cán bộ chưa liên kết chat và tin không gửi được. --dry-run chỉ in kế hoạch; --show in cả nội dung tin; --at quét như vào thời điểm đó.',
      example: 'motcua alerts run --dry-run --show',
    },
  },
};


const USAGE = 'usage: motcua alerts run [--at <ISO time>] [--dry-run] [--show]';
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
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--show') show = true;
    else if (arg === '--at' || arg.startsWith('--at=')) {
      const value = arg === '--at' ? rest[++i] : arg.slice(5);
      at = new Date(value ?? '');
      if (!value || Number.isNaN(at.getTime())) throw new UsageError(`--at needs a time like 2026-11-24T08:00:00+07:00; ${USAGE}`);
    } else throw new UsageError(`unknown argument ${arg}; ${USAGE}`);
  }

  const config = parseConfig(io.env);
  const logger = silentLogger();
  const context = await buildContext(config, at ? { logger, clock: fixedClock(at) } : { logger });
  try {
    const { catalogue } = await loadCatalogue(config.PROCEDURES_DIR);
    const deps = scanDeps(context, catalogue);
    const started = context.clock.now();
    const result = await runScan(deps, started, { dryRun });
    printPlan(io, result, dryRun, show);
    if (dryRun) return 0;
    await recordRun(context.db.kysely, result.day, `cli-${process.pid}`, started, context.clock.now());

    const senders = cli.senders ? await cli.senders({ config, logger, db: context.db }) : [];
    if (senders.length === 0) {
      io.stdout.write('no channel senders configured here: messages stay queued for `motcua serve` to deliver\n');
    } else {
      const dispatcher = dispatcherFor(context, senders);
      const deadline = Date.now() + DELIVERY_BUDGET_MS;
      let sent = 0;
      for (;;) {
        const pass = await dispatcher.runOnce();
        sent += pass.sent;
        if (pass.claimed === 0 || Date.now() > deadline) break;
      }
      io.stdout.write(`delivered ${sent} message${sent === 1 ? '' : 's'}\n`);
    }
    return await printUndeliverable(io, context.db.kysely, result.day);
  } finally {
    await context.close();
  }
}

function printPlan(io: CommandIo, result: ScanResult, dryRun: boolean, show: boolean): void {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  out(`alerts ${result.day}${dryRun ? ' (dry run: nothing queued)' : ''}: ${result.overdue} overdue, ${result.nearDue} near due; ` +
    `${result.messages.length} message${result.messages.length === 1 ? '' : 's'} planned` +
    (dryRun ? '' : `, ${result.queued} queued, ${result.alreadyQueued} already queued earlier today`));
  for (const m of result.messages) {
    out(`  ${m.kind}\t${m.officialId}\t${m.channel} ${maskChatId(m.chatId)}`);
    if (show) out(indent(replyToPlainText(m.reply)));
  }
  for (const u of result.unlinked) out(`  not linked: ${u.officialId} (${u.role}, ${u.unit}) has ${u.items} dossier${u.items === 1 ? '' : 's'} to see; give them a code: motcua officials link-code ${u.officialId}`);
  for (const unit of result.unitsWithoutHead) out(`  no unit head registered for "${unit}": its overdue list goes to nobody`);
}

function indent(text: string): string {
  return text.split('\n').map((l) => `      ${l}`).join('\n');
}

async function printUndeliverable(io: CommandIo, db: Kysely<Database>, day: string): Promise<number> {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'channel', 'chat_id', 'kind', 'official_id', 'last_error'])
    .where('state', 'in', ['undeliverable', 'failed'])
    .where('dedupe_key', 'like', `%:${day}`)
    .execute();
  if (!rows.length) return 0;
  io.stdout.write(`undeliverable today: ${rows.length}\n`);
  for (const r of rows) io.stdout.write(`  ${r.kind}\t${r.official_id ?? '-'}\t${r.channel} ${maskChatId(r.chat_id)}\t${r.last_error ?? ''}\n`);
  return 0;
}
