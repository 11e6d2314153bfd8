// Zalo OA webhook events → what the channel does with them: a text (or a button payload,
// which Zalo sends back as the text of a user_send_text), a follow, something that is not
// text, or nothing at all.
import { z } from 'zod';
import type { Incoming, Reply } from '../../conversation/message';
import { EMPTY_TEXT, MAX_QUESTION_CHARS, NON_TEXT, TOO_LONG } from '../wording';

const id = z.union([z.string(), z.number()]).transform(String);

export const zaloEventSchema = z.looseObject({
  event_name: z.string(),
  timestamp: z.union([z.string(), z.number()]).transform(String),
  sender: z.looseObject({ id }).optional(),
  follower: z.looseObject({ id }).optional(),
  user_id_by_app: id.optional(),
  message: z.looseObject({ text: z.string().optional(), msg_id: id.optional() }).optional(),
});

export type ZaloEvent = z.infer<typeof zaloEventSchema>;

export type ZaloAction =
  | { kind: 'incoming'; userId: string; incoming: Incoming }
  | { kind: 'reply'; userId: string; reply: Reply }
  | { kind: 'ignore' };

/** Button payloads look like `p:1.001193:fee`: a short scheme, a colon, no spaces, no `//`. */
export function looksLikePayload(text: string): boolean {
  return /^[a-z][a-z0-9_]{0,15}:(?!\/\/)\S+$/.test(text) && Buffer.byteLength(text, 'utf8') <= 64;
}

const NON_TEXT_EVENTS = new Set([
  'user_send_image', 'user_send_gif', 'user_send_sticker', 'user_send_location', 'user_send_audio',
  'user_send_video', 'user_send_file', 'user_send_link', 'user_send_business_card',
]);

/** A key that is the same when Zalo resends the same event. */
export function eventKey(event: ZaloEvent): string | undefined {
  if (event.message?.msg_id) return `msg:${event.message.msg_id}`;
  const who = event.follower?.id ?? event.sender?.id;
  return who ? `${event.event_name}:${who}:${event.timestamp}` : undefined;
}

/** `buttonPayload(userId, text)`: the payload a recently shown button label stands for. */
export function actionFor(event: ZaloEvent, receivedAt: Date, buttonPayload?: (userId: string, text: string) => string | undefined): ZaloAction {
  if (event.event_name === 'follow') {
    const userId = event.follower?.id ?? event.sender?.id;
    // A new follower gets the same welcome as /start on Telegram.
    return userId ? { kind: 'incoming', userId, incoming: { channel: 'zalo', chatId: userId, text: '/start', receivedAt } } : { kind: 'ignore' };
  }
  const userId = event.sender?.id;
  if (!userId) return { kind: 'ignore' };
  if (NON_TEXT_EVENTS.has(event.event_name)) return { kind: 'reply', userId, reply: NON_TEXT };
  if (event.event_name !== 'user_send_text') return { kind: 'ignore' };
  const text = (event.message?.text ?? '').trim();
  if (text === '') return { kind: 'reply', userId, reply: EMPTY_TEXT };
  const pressed = buttonPayload?.(userId, text);
  if (pressed) return { kind: 'incoming', userId, incoming: { channel: 'zalo', chatId: userId, text: '', payload: pressed, receivedAt } };
  if (looksLikePayload(text)) return { kind: 'incoming', userId, incoming: { channel: 'zalo', chatId: userId, text: '', payload: text, receivedAt } };
  if (text.length > MAX_QUESTION_CHARS) return { kind: 'reply', userId, reply: TOO_LONG };
  return { kind: 'incoming', userId, incoming: { channel: 'zalo', chatId: userId, text, receivedAt } };
}
