// `motcua officials add|link-code|list|unlink`: registers officials and links their chats.
import { UsageError, type CommandIo } from '../cli';
import { parseConfig } from '../config';
import { silentLogger } from '../log';
import { buildContext } from '../main';
import { maskChatId, OfficialsStore, type LinkChannel, type OfficialRole } from '../alerts/officials';
import { formatDay, localDay } from '../local-time';

const USAGE = [
  'usage: motcua officials add --name <name> --unit <unit> --role officer|head [--id <one-stop system id>]',
  '       motcua officials link-code <id>',
  '       motcua officials list',
  '       motcua officials unlink <id> [--channel telegram|zalo]',
].join('\n');

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
  const [sub, ...rest] = io.argv;
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout.write(`${USAGE}\n`);
    return sub ? 0 : 2;
  }
  const config = parseConfig(io.env);
  const context = await buildContext(config, { logger: silentLogger() });
  try {
    const store = new OfficialsStore(context.db.kysely);
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
        io.stderr.write(`Single use, valid until ${expiresAt.toISOString()}. The official sends "/lienket ${code}" to the Telegram bot or "lienket ${code}" to the Zalo OA.\n`);
        return 0;
      }
      case 'list': {
        if (rest.length) throw new UsageError(`list takes no arguments\n${USAGE}`);
        const officials = await store.list();
        if (!officials.length) {
          io.stdout.write('no officials yet; add one with: motcua officials add --name … --unit … --role officer|head\n');
          return 0;
        }
        for (const o of officials) {
          const links = o.links.length
            ? o.links.map((l) => `${l.channel} ${maskChatId(l.chatId)} (since ${formatDay(localDay(l.linkedAt))})`).join(', ')
            : 'not linked';
          io.stdout.write(`${o.id}\t${o.role}\t${o.unit}\t${o.name}\t${o.active ? '' : '[inactive] '}${links}\n`);
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
        io.stdout.write(`${id}: ${removed} chat link${removed === 1 ? '' : 's'} removed\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown subcommand "${sub}"\n${USAGE}`);
    }
  } finally {
    await context.close();
  }
}
