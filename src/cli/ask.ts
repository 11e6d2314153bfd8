// `motcua ask "<text>" [--json]`: the bot's reply to one message, as a citizen would see it.
import { UsageError, type CommandIo } from './io';
import { configSecrets, parseConfig } from '../config';
import { replyToPlainText, type Reply } from '../conversation/message';
import { createLogger } from '../log';
import { buildContext, buildConversation } from '../main';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Gửi một tin nhắn cho bot như người dân và in câu trả lời (kèm nút bấm); --json in cấu trúc trả lời.',
  usage: 'motcua ask "<câu hỏi>" [--json]',
  example: 'motcua ask "làm giấy khai sinh cần gì"',
};


const USAGE = 'usage: motcua ask "<text>" [--json]';

/** Plain text plus the buttons, which a chat would show under the message. */
export function replyForTerminal(reply: Reply): string {
  const text = replyToPlainText(reply);
  if (reply.buttons.length === 0) return text;
  return `${text}\n\n${reply.buttons.map((b) => `[${b.label}]`).join('\n')}`;
}

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const args = io.argv.filter((a) => a !== '--');
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  if (rest.some((a) => a === '--help' || a === '-h')) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (rest.length === 0) throw new UsageError(USAGE);
  const text = rest.join(' ');
  const config = parseConfig(io.env);
  // Warnings (lexicon.yaml problems) go to stderr; the reply alone goes to stdout.
  const context = await buildContext(config, { logger: createLogger('warn', process.stderr, { secrets: configSecrets(config) }) });
  try {
    const { engine } = await buildConversation(context);
    const payload = /^p:\d\.\d{6}(?::[a-z]+)?$/.test(text) ? text : undefined;
    const reply = await engine.handle({ channel: 'cli', chatId: 'cli', text: payload ? '' : text, ...(payload ? { payload } : {}), receivedAt: context.clock.now() });
    io.stdout.write(json ? `${JSON.stringify(reply, null, 2)}\n` : `${replyForTerminal(reply)}\n`);
    return 0;
  } finally {
    await context.close();
  }
}
