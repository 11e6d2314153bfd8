// POST /webhooks/telegram: checks X-Telegram-Bot-Api-Secret-Token in constant time, stores the
// update in the webhook inbox, answers 200 and handles the update afterwards, so a slow reply
// (a 429 wait) never makes Telegram resend the update, and one cut off by a crash is handled
// after the restart (src/channels/inbox.ts). A resent update already in the inbox is dropped.
// A malformed update is answered 200 too, logged and dropped. The router is mounted at /webhooks/telegram and handles '/'.
import { Router } from 'express';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { rawBody } from '../../http/app';
import type { Logger } from '../../log';
import type { SeenEvents } from '../../store/seen-events';
import type { WebhookInbox } from '../../store/webhook-inbox';
import { sameSecret } from '../secret';
import { afterAck } from '../after-ack';
import { acceptedOrLate, createInbox, TELEGRAM_ACK_WAIT_MS, type Acceptance, webhookLifecycle } from '../inbox';

export interface TelegramWebhook {
  router: Router;
  /** Waits for updates still being handled. */
  drain(): Promise<void>;
  /** Replays the updates a crash left in the inbox, then keeps sweeping for them. */
  start(): Promise<void>;
  /** Stops the sweep, then waits for updates still being handled. */
  stop(): Promise<void>;
}

export interface TelegramWebhookOptions {
  /** Where updates wait between their 200 and their answer; without it a crash loses them. */
  inbox?: WebhookInbox;
  /** update_ids already handled (the bot records them). */
  seen?: SeenEvents;
  /** Updates left unhandled longer than this are not replayed (default 24 h). */
  replayMaxAgeMs?: number;
  now?: () => Date;
}

export function telegramWebhookRouter(bot: Telegraf, secret: string, logger: Logger, options: TelegramWebhookOptions = {}): TelegramWebhook {
  const router = Router();
  const background = afterAck();
  const now = options.now ?? (() => new Date());
  const inbox = options.inbox
    ? createInbox({
      store: options.inbox,
      seen: options.seen,
      name: 'telegram',
      logger,
      now,
      maxAgeMs: options.replayMaxAgeMs,
      // The bot drops it if its update_id was recorded as handled meanwhile.
      replay: (body) => bot.handleUpdate(JSON.parse(body) as Update),
    })
    : undefined;

  router.post('/', async (req, res) => {
    if (!sameSecret(req.get('x-telegram-bot-api-secret-token'), secret)) {
      res.status(401).json({ error: 'unauthorized', message: 'Secret token is missing or wrong' });
      return;
    }
    const update = req.body as Partial<Update> | undefined;
    if (!update || typeof update !== 'object' || Array.isArray(update) || typeof update.update_id !== 'number') {
      // Telegram resends anything but a 2xx for hours: acknowledge, log, drop.
      logger.warn({ problem: 'update_id: expected a Telegram update' }, 'telegram: malformed webhook update ignored');
      res.status(200).json({ ok: true });
      return;
    }
    const id = String(update.update_id);
    // Stored before the 200 (a database that does not answer holds it up 8 s at most): from
    // then on a crash delays the answer, it does not lose it.
    const accepting: Promise<Acceptance> = inbox ? inbox.accept(id, rawBody(req)?.toString('utf8') ?? JSON.stringify(update), now()) : Promise.resolve('unstored');
    // Started now, so updates are taken up in arrival order; each waits for its row first.
    background.run(async () => {
      const accepted = await accepting;
      if (accepted === 'duplicate') {
        logger.debug({ updateId: update.update_id }, 'telegram: update already in the inbox');
        return;
      }
      try {
        await bot.handleUpdate(update as Update);
      } finally {
        // Answered, ignored on purpose, or failed and logged: not to be handled again.
        if (accepted === 'new') await inbox?.done(id);
      }
    }, (err) => logger.error({ err }, 'telegram: webhook update failed'));
    await acceptedOrLate(accepting, TELEGRAM_ACK_WAIT_MS);
    res.status(200).json({ ok: true });
  });
  return { router, ...webhookLifecycle(inbox, background) };
}
