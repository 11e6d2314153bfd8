// Zalo's free-reply window: up to 8 messages within 48 hours of the user's last message, the
// replies to that message included. Past that a message is "proactive" and the OA may not send
// it as a free reply.
import type { ZaloWindowStore } from '../store/zalo-window';

export const ZALO_WINDOW_MS = 48 * 60 * 60 * 1000;
export const ZALO_WINDOW_MESSAGES = 8;

export type WindowCheck = { open: true } | { open: false; reason: string };

export async function zaloWindow(store: Pick<ZaloWindowStore, 'lastInboundAt' | 'sentSinceInbound'>, chatId: string, now: number): Promise<WindowCheck> {
  const lastInboundAt = await store.lastInboundAt(chatId);
  if (lastInboundAt === undefined) return { open: false, reason: 'zalo: the user never wrote to the OA' };
  if (now - lastInboundAt > ZALO_WINDOW_MS) return { open: false, reason: 'zalo: more than 48 h since the user last wrote' };
  const sent = await store.sentSinceInbound(chatId);
  if (sent >= ZALO_WINDOW_MESSAGES) return { open: false, reason: `zalo: ${ZALO_WINDOW_MESSAGES} messages already sent since the user last wrote` };
  return { open: true };
}
