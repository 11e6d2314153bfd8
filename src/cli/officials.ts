// `motcua officials add|link-code|list|unlink`: registers officials and links their chats.
import { UsageError, type CommandIo } from './io';
import { parseConfig } from '../config';
import { silentLogger } from '../log';
import { buildContext } from '../main';
import { maskChatId, Officials, type OfficialRole } from '../alerts/officials';
import type { LinkChannel } from '../store/officials';
import { formatLocalDateTime } from '../local-time';
import { answerHelp, usageLines, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Cán bộ nhận cảnh báo hồ sơ đến hạn, quá hạn qua Telegram hoặc Zalo.',
  subcommands: {
    add: {
      usage: 'motcua officials add --name <họ tên> --unit <đơn vị> --role officer|head [--id <mã trên hệ thống một cửa>]',
      summary: 'Thêm một cán bộ (officer: cán bộ tiếp nhận, head: lãnh đạo đơn vị); in ra mã cán bộ.',
      example: 'motcua officials add --id CB042 --name "Trần Thị Hà" --unit "UBND phường Hạc Thành" --role head',
    },
    'link-code': {
      usage: 'motcua officials link-code <mã cán bộ>',
      summary: 'In mã liên kết dùng một lần; cán bộ gửi "/lienket <mã>" cho bot Telegram hoặc "lienket <mã>" cho OA Zalo.',
      example: 'motcua officials link-code CB042',
    },
    list: {
      usage: 'motcua officials list [--json]',
      summary: 'Liệt kê cán bộ, vai trò, đơn vị và các kênh chat đã liên kết (mã chat che bớt, giờ Việt Nam); --json cho script.',
      example: 'motcua officials list --json',
    },
    unlink: {
      usage: 'motcua officials unlink <mã cán bộ> [--channel telegram|zalo]',
      summary: 'Gỡ liên kết chat của cán bộ (mọi kênh, hoặc một kênh).',
      example: 'motcua officials unlink CB042 --channel zalo',
    },
  },
};
const USAGE = usageLines(HELP);
const ROLE_NAMES: Record<string, string> = { officer: 'cán bộ', head: 'lãnh đạo' };
const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', zalo: 'Zalo' };

/** Splits `--key value` options from positional arguments; every option takes a value. */
export function parseOptions(argv: string[], allowed: readonly string[]): { options: Record<string, string>; positional: string[] } {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [key, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!allowed.includes(key)) throw new UsageError(`unknown option --${key}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${key} needs a value`);
    options[key] = value;
  }
  return { options, positional };
}

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const [sub, ...rest] = io.argv;
  if (!sub) throw new UsageError(USAGE);
  if (!HELP.subcommands![sub]) throw new UsageError(`unknown subcommand "${sub}"\n${USAGE}`);
  const config = parseConfig(io.env);
  const context = await buildContext(config, { logger: silentLogger() });
  try {
    const store = new Officials(context.stores.officials);
    const now = context.clock.now();
    switch (sub) {
      case 'add': {
        const { options, positional } = parseOptions(rest, ['name', 'unit', 'role', 'id']);
        if (positional.length) throw new UsageError(`unexpected ${positional[0]}\n${USAGE}`);
        if (!options.name || !options.unit || !options.role) throw new UsageError(`add needs --name, --unit and --role\n${USAGE}`);
        if (options.role !== 'officer' && options.role !== 'head') throw new UsageError('--role must be officer or head');
        const official = await store.add({ name: options.name, unit: options.unit, role: options.role as OfficialRole, ...(options.id ? { id: options.id } : {}) }, now);
        io.stdout.write(`${official.id}\n`);
        return 0;
      }
      case 'link-code': {
        const [id, extra] = rest;
        if (!id || extra) throw new UsageError(`link-code takes one official id\n${USAGE}`);
        const { code, expiresAt } = await store.createLinkCode(id, now);
        io.stdout.write(`${code}\n`);
        io.stderr.write(`Mã dùng một lần, hết hạn lúc ${formatLocalDateTime(expiresAt)}. Cán bộ gửi "/lienket ${code}" cho bot Telegram hoặc "lienket ${code}" cho OA Zalo.\n`);
        return 0;
      }
      case 'list': {
        const json = rest.includes('--json');
        const args = rest.filter((a) => a !== '--json');
        if (args.length) throw new UsageError(`list takes only --json\n${USAGE}`);
        const officials = await store.list();
        if (json) {
          io.stdout.write(`${JSON.stringify(officials.map((o) => ({
            id: o.id, name: o.name, unit: o.unit, role: o.role, active: Boolean(o.active),
            createdAt: new Date(Number(o.created_at)).toISOString(),
            links: o.links.map((l) => ({ channel: l.channel, chat: maskChatId(l.chatId), linkedAt: new Date(Number(l.linkedAt)).toISOString() })),
          })), null, 2)}\n`);
          return 0;
        }
        if (!officials.length) {
          io.stdout.write('Chưa có cán bộ nào. Thêm: motcua officials add --name … --unit … --role officer|head\n');
          return 0;
        }
        io.stdout.write(`${officials.length} cán bộ (mã, vai trò, đơn vị, họ tên, liên kết chat):\n`);
        for (const o of officials) {
          const links = o.links.length
            ? o.links.map((l) => `${CHANNEL_NAMES[l.channel] ?? l.channel} ${maskChatId(l.chatId)} (từ ${formatLocalDateTime(Number(l.linkedAt))})`).join(', ')
            : 'chưa liên kết chat';
          io.stdout.write(`${o.id}\t${ROLE_NAMES[o.role] ?? o.role}\t${o.unit}\t${o.name}\t${o.active ? '' : '[ngừng nhận cảnh báo] '}${links}\n`);
        }
        return 0;
      }
      case 'unlink': {
        const { options, positional } = parseOptions(rest, ['channel']);
        const [id, extra] = positional;
        if (!id || extra) throw new UsageError(`unlink takes one official id\n${USAGE}`);
        const channel = options.channel;
        if (channel !== undefined && channel !== 'telegram' && channel !== 'zalo') throw new UsageError('--channel must be telegram or zalo');
        const removed = await store.unlink(id, channel as LinkChannel | undefined);
        io.stdout.write(`${id}: đã gỡ ${removed} liên kết chat\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown subcommand "${sub}"\n${USAGE}`);
    }
  } finally {
    await context.close();
  }
}
