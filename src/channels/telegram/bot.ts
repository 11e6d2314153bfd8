// The telegraf bot: every update is classified, handed to the engine, and the Reply rendered
// back. Button presses are acknowledged first so the user's spinner stops at once; the reply
// does not wait for that acknowledgement.
import { Telegraf, type Context, type Middleware } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../log';
import type { SeenEvents } from '../../store/seen-events';
import type { ChatEngine } from '../chat-engine';
import { ChatQueue } from '../chat-queue';
import { classifyUpdate } from './incoming';
import { renderTelegram } from './render';
import { sendMessages } from './send';

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  engine: ChatEngine;
  logger: Logger;
  /** Per-call timeout towards the Bot API (default 10 s). */
  timeoutMs?: number;
  /** Attempts per reply message when Telegram answers 429, 5xx or cannot be reached (default 3). */
  attempts?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** update_ids already handled: a resent or replayed update is dropped; an id is recorded once its update is handled. */
  seen?: SeenEvents;
  /** A middleware to run before the bot's own (polling: the inbox, src/channels/telegram/polled.ts). */
  first?: (bot: Telegraf) => Middleware<Context>;
}

export function createTelegramBot(options: TelegramBotOptions): Telegraf {
  // webhookReply off: replies always go to the Bot API, so 429s and failures are visible.
  const bot = new Telegraf(options.token, { telegram: { apiRoot: options.apiRoot, webhookReply: false } });
  const now = options.now ?? (() => new Date());
  const queue = new ChatQueue();
  const sendOptions = { timeoutMs: options.timeoutMs ?? 10_000, attempts: options.attempts ?? 3, ...(options.sleep ? { sleep: options.sleep } : {}) };

  // update_ids being handled right now: a copy arriving meanwhile is dropped.
  const inHand = new Set<string>();

  if (options.first) bot.use(options.first(bot));
  bot.use(async (ctx) => {
    const updateId = (ctx.update as { update_id?: unknown }).update_id;
    const seen = options.seen;
    const key = seen && typeof updateId === 'number' ? String(updateId) : undefined;
    if (seen && key !== undefined) {
      if (inHand.has(key)) return;
      // A database hiccup must not drop a citizen's message: handle it (at worst twice).
      const handled = await seen.seen(key).catch((err: unknown) => {
        options.logger.warn({ err }, 'telegram: could not look the update_id up; handling it anyway');
        return false;
      });
      if (handled || inHand.has(key)) {
        options.logger.debug({ updateId }, 'telegram: update already handled');
        return;
      }
      inHand.add(key);
    }
    try {
      await handleUpdate(ctx);
    } finally {
      // Recorded only once handled: an update cut off by a crash comes again from Telegram
      // (polling confirms a batch after handling it) and is answered then.
      if (seen && key !== undefined) {
        await seen.record(key).catch((err: unknown) => options.logger.warn({ err }, 'telegram: could not record the update_id'));
        inHand.delete(key);
      }
    }
  });

  async function handleUpdate(ctx: Context): Promise<void> {
    const updateId = (ctx.update as { update_id?: unknown }).update_id;
    const classified = classifyUpdate(ctx.update as Update, ctx.botInfo?.username, now());
    if (classified.kind === 'malformed') {
      options.logger.warn({ updateId, problem: classified.problem }, 'telegram: malformed update ignored');
      return;
    }
    if (classified.callbackQueryId) {
      // Asked for first and not awaited: a slow or failing acknowledgement only leaves the
      // spinner turning a little longer; it must neither delay nor lose the reply.
      void ctx.telegram
        .callApi('answerCallbackQuery', { callback_query_id: classified.callbackQueryId }, { signal: AbortSignal.timeout(sendOptions.timeoutMs) as never })
        .catch((err: unknown) => options.logger.warn({ err }, 'telegram: answerCallbackQuery failed'));
    }
    if (classified.kind === 'ignore') return;
    await queue.run(classified.chatId, async () => {
      const reply = classified.kind === 'reply' ? classified.reply : await options.engine.handle(classified.incoming);
      await sendMessages(ctx.telegram, classified.chatId, renderTelegram(reply), sendOptions);
    });
  }

  bot.catch((err, ctx) => {
    options.logger.error({ err, updateId: ctx.update.update_id }, 'telegram: update failed');
  });
  return bot;
}
