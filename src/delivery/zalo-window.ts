// Zalo's free-reply window: up to 8 messages within 48 hours of the user's last message.
// Past that a message is "proactive" and the OA may not send it as a free reply.
import type { Kysely } from 'kysely';
import type { Database } from '../store/database';

export const ZALO_WINDOW_MS = 48 * 60 * 60 * 1000;
export const ZALO_WINDOW_MESSAGES = 8;

export type WindowCheck = { open: true } | { open: false; reason: string };

export async function zaloWindow(db: Kysely<Database>, chatId: string, now: number): Promise<WindowCheck> {
  const activity = await db
    .selectFrom('chat_activity')
    .select('last_inbound_at')
    .where('channel', '=', 'zalo')
    .where('chat_id', '=', chatId)
    .executeTakeFirst();
  if (!activity) return { open: false, reason: 'zalo: the user never wrote to the OA' };
  if (now - activity.last_inbound_at > ZALO_WINDOW_MS) return { open: false, reason: 'zalo: more than 48 h since the user last wrote' };
  const sent = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('channel', '=', 'zalo')
    .where('chat_id', '=', chatId)
    .where('state', '=', 'sent')
    .where('sent_at', '>=', activity.last_inbound_at)
    .executeTakeFirstOrThrow();
  if (Number(sent.n) >= ZALO_WINDOW_MESSAGES) return { open: false, reason: `zalo: ${ZALO_WINDOW_MESSAGES} messages already sent since the user last wrote` };
  return { open: true };
}
