// Telegram update → Incoming. Commands pass through as text (with "@botname" stripped), a
// /start deep link that names a procedure becomes that procedure's payload, button presses
// become payloads, and anything that is not text gets a short request for text.
import type { Update } from 'telegraf/types';
import { parseProcedureDeepLinkPayload, procedurePayload, type Incoming, type Reply } from '../../conversation/message';
import { EMPTY_TEXT, MAX_QUESTION_CHARS, NON_TEXT, TOO_LONG } from '../wording';

export type Classified =
  | { kind: 'incoming'; chatId: string; incoming: Incoming; callbackQueryId?: string }
  | { kind: 'reply'; chatId: string; reply: Reply; callbackQueryId?: string }
  | { kind: 'ignore'; callbackQueryId?: string }
  /** Not shaped like a Telegram update (a broken client, a fuzzer): logged and dropped. */
  | { kind: 'malformed'; problem: string; callbackQueryId?: undefined };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): boolean => (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value !== '');

/** What is wrong with the parts of an update we read, or undefined when they are sound. */
export function updateProblem(update: unknown): string | undefined {
  if (!isObject(update)) return 'update: not an object';
  if ('callback_query' in update) {
    const query = update.callback_query;
    if (!isObject(query)) return 'callback_query: not an object';
    if (typeof query.id !== 'string') return 'callback_query.id: not a string';
    if (!isObject(query.from) || !isId(query.from.id)) return 'callback_query.from.id: missing';
    if (query.message !== undefined && (!isObject(query.message) || !isObject(query.message.chat) || !isId(query.message.chat.id))) return 'callback_query.message.chat.id: missing';
    if (query.data !== undefined && typeof query.data !== 'string') return 'callback_query.data: not a string';
    return undefined;
  }
  if ('message' in update) {
    const message = update.message;
    if (!isObject(message)) return 'message: not an object';
    if (!isObject(message.chat) || !isId(message.chat.id)) return 'message.chat.id: missing';
    if (typeof message.chat.type !== 'string') return 'message.chat.type: not a string';
    if ('text' in message && typeof message.text !== 'string') return 'message.text: not a string';
  }
  return undefined;
}

/** `/cmd@bot args` → `/cmd args`; undefined when the command is addressed to another bot. */
export function normaliseCommand(text: string, botUsername: string | undefined): string | undefined {
  const match = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(\s[\s\S]*)?$/.exec(text);
  if (!match) return text;
  if (match[2] && botUsername && match[2].toLowerCase() !== botUsername.toLowerCase()) return undefined;
  const rest = (match[3] ?? '').trim();
  return rest ? `/${match[1]} ${rest}` : `/${match[1]}`;
}

export function classifyUpdate(update: Update, botUsername: string | undefined, receivedAt: Date): Classified {
  const problem = updateProblem(update);
  if (problem) return { kind: 'malformed', problem };
  if ('callback_query' in update) {
    const query = update.callback_query;
    const chatId = String(query.message?.chat.id ?? query.from.id);
    const data = 'data' in query && typeof query.data === 'string' ? query.data : undefined;
    if (!data) return { kind: 'ignore', callbackQueryId: query.id };
    return { kind: 'incoming', chatId, callbackQueryId: query.id, incoming: { channel: 'telegram', chatId, text: '', payload: data, receivedAt } };
  }
  if (!('message' in update)) return { kind: 'ignore' };
  const message = update.message;
  const chatId = String(message.chat.id);
  const isPrivate = message.chat.type === 'private';
  if (!('text' in message) || typeof message.text !== 'string') {
    // In groups the bot only answers commands; elsewhere a sticker or photo gets a hint.
    return isPrivate && !('new_chat_members' in message) && !('left_chat_member' in message) ? { kind: 'reply', chatId, reply: NON_TEXT } : { kind: 'ignore' };
  }
  const raw = message.text.trim();
  if (raw === '') return { kind: 'reply', chatId, reply: EMPTY_TEXT };
  if (raw.startsWith('/')) {
    const command = normaliseCommand(raw, botUsername);
    if (command === undefined) return { kind: 'ignore' };
    const start = /^\/start\s+(\S+)$/.exec(command);
    const code = start ? parseProcedureDeepLinkPayload(start[1]!) : undefined;
    if (code) return { kind: 'incoming', chatId, incoming: { channel: 'telegram', chatId, text: '', payload: procedurePayload(code), receivedAt } };
    if (command.length > MAX_QUESTION_CHARS) return { kind: 'reply', chatId, reply: TOO_LONG };
    return { kind: 'incoming', chatId, incoming: { channel: 'telegram', chatId, text: command, receivedAt } };
  }
  if (!isPrivate) return { kind: 'ignore' };
  if (raw.length > MAX_QUESTION_CHARS) return { kind: 'reply', chatId, reply: TOO_LONG };
  return { kind: 'incoming', chatId, incoming: { channel: 'telegram', chatId, text: raw, receivedAt } };
}
