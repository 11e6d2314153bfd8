// `motcua ask "<text>" [--json] [--why]`: the bot's reply to one message, as a citizen would see
// it; `--why` adds which rule made the assistant answer, ask back or say "not found".
import { Assistant, type Decision, type Why } from '../assistant/assistant';
import { ConversationMemory } from '../assistant/memory';
import { UsageError, type CommandIo } from './io';
import { configSecrets, parseConfig } from '../config';
import { replyToPlainText, type Incoming, type Reply } from '../conversation/message';
import { createLogger } from '../log';
import { buildContext, buildConversation } from '../main';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Gửi một tin nhắn cho bot như người dân và in câu trả lời (kèm nút bấm); --json in cấu trúc trả lời; --why cho biết quy tắc nào khiến bot trả lời, hỏi lại hay báo không tìm thấy.',
  usage: 'motcua ask "<câu hỏi>" [--json] [--why]',
  example: 'motcua ask "làm giấy khai sinh cần gì"',
};


const USAGE = 'usage: motcua ask "<text>" [--json] [--why]';

/** What each rule means, for the operator reading `--why` (the key is `AnswerPolicy`'s, or the decision's). */
export const WHY_TEXT: Record<Why, string> = {
  code: 'câu hỏi nêu mã thủ tục, hoặc một cụm từ trong lexicon.yaml gắn với mã này',
  wellCovered: 'các từ hỏi khớp phần lớn với thủ tục và không có thủ tục nào sát nút',
  namedNoRival: 'câu hỏi nêu quá nửa tên thủ tục và không thủ tục nào đạt 90% điểm của nó',
  clearWinner: 'thủ tục vượt trội: câu hỏi nêu quá nửa tên, không thủ tục nào đạt một nửa điểm',
  portalNamed: 'thủ tục chỉ có trên Cổng DVC (chưa có giấy tờ trong danh mục) khớp nhất với câu hỏi',
  portalRivalRatio: 'một thủ tục chỉ có trên Cổng DVC cũng gần với câu hỏi',
  headNamed: 'câu hỏi chỉ nêu phần bổ nghĩa của tên thủ tục (tại…, cho…), không nêu thủ tục',
  undoingAsked: 'thủ tục chấm dứt, xóa, hủy… mà câu hỏi không hỏi việc đó',
  variantAsked: 'thủ tục là một biến thể (cấp lại, cấp đổi, gia hạn…) mà câu hỏi không nêu',
  variantDisputed: 'câu hỏi nêu hai biến thể (ví dụ làm lại và đổi)',
  groupNamed: 'thủ tục dành riêng cho một nhóm (công an, quân nhân…) mà câu hỏi không nêu',
  fieldAsked: 'câu hỏi chỉ nêu tên một lĩnh vực, không nêu thủ tục nào',
  topicNamed: 'tên thủ tục không có từ nào của câu hỏi ngoài từ chỉ biến thể (mất, làm lại…)',
  receivedNotGranted: 'câu hỏi nói đang hưởng chế độ này: hỏi việc sau đó (thông báo, chuyển nơi hưởng, dừng), không phải xin hưởng',
  unclear: 'chưa đủ chắc: câu hỏi khớp ít từ của thủ tục, hoặc có thủ tục khác sát nút',
  fewMatches: 'không thủ tục nào khớp đủ với câu hỏi',
  offeredPicked: 'tin nhắn chọn một trong các thủ tục bot vừa gợi ý',
  offeredNarrowed: 'tin nhắn thu hẹp các thủ tục bot vừa gợi ý',
  offeredAgain: 'câu hỏi không nêu thủ tục, ngay sau khi bot hỏi lại',
};

const KIND_TEXT: Record<Exclude<Decision['kind'], 'other'>, string> = {
  answer: 'trả lời một thủ tục',
  choose: 'hỏi lại, kèm các thủ tục gần nhất',
  'not-found': 'báo không tìm thấy',
  missing: 'nêu thủ tục chỉ có trên Cổng DVC',
};

/** One line for the operator: what the assistant decided, and the rule that made it. */
export function whyLine(decision: Decision): string | undefined {
  if (decision.kind === 'other' || !decision.why) return undefined;
  return `Vì sao: ${KIND_TEXT[decision.kind]}: ${WHY_TEXT[decision.why]} [${decision.why}]`;
}

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
  const why = args.includes('--why');
  const rest = args.filter((a) => a !== '--json' && a !== '--why');
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
    const { engine, index } = await buildConversation(context);
    const payload = /^p:\d\.\d{6}(?::[a-z]+)?$/.test(text) ? text : undefined;
    const incoming: Incoming = { channel: 'cli', chatId: 'cli', text: payload ? '' : text, ...(payload ? { payload } : {}), receivedAt: context.clock.now() };
    const reply = await engine.handle(incoming);
    // The assistant's decision for the same message in a fresh chat: what it chose and why.
    // Commands and dossier codes are answered before the assistant (another first block) and
    // have no such reason.
    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    const decided = why ? assistant.decide(incoming) : undefined;
    const decision = decided && JSON.stringify(assistant.render(decided).blocks[0]) === JSON.stringify(reply.blocks[0]) ? decided : undefined;
    const line = decision ? whyLine(decision) : undefined;
    if (json) io.stdout.write(`${JSON.stringify(decision ? { ...reply, decision } : reply, null, 2)}\n`);
    else io.stdout.write(`${replyForTerminal(reply)}\n${line ? `\n${line}\n` : ''}`);
    return 0;
  } finally {
    await context.close();
  }
}
