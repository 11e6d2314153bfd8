// POST /webhooks/telegram: checks X-Telegram-Bot-Api-Secret-Token in constant time, answers
// 200 at once and handles the update afterwards, so a slow reply (a 429 wait) never makes
// Telegram resend the update. A malformed update is answered 200 too, logged and dropped. The router is mounted at /webhooks/telegram and handles '/'.
import { Router } from 'express';
import type { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../log';
import { sameSecret } from '../secret';
import { afterAck } from '../after-ack';

export interface TelegramWebhook {
  router: Router;
  /** Waits for updates still being handled. */
  drain(): Promise<void>;
}

export function telegramWebhookRouter(bot: Telegraf, secret: string, logger: Logger): TelegramWebhook {
  const router = Router();
  const background = afterAck();
  router.post('/', (req, res) => {
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
    res.status(200).json({ ok: true });
    background.run(() => bot.handleUpdate(update as Update), (err) => logger.error({ err }, 'telegram: webhook update failed'));
  });
  return { router, drain: () => background.drain() };
}
