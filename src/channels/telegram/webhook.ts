// POST /webhooks/telegram: checks X-Telegram-Bot-Api-Secret-Token in constant time, answers
// 200 at once and handles the update afterwards, so a slow reply (a 429 wait) never makes
// Telegram resend the update. The router is mounted at /webhooks/telegram and handles '/'.
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
    if (!update || typeof update !== 'object' || typeof update.update_id !== 'number') {
      res.status(400).json({ error: 'bad_request', message: 'update_id: expected a Telegram update' });
      return;
    }
    res.status(200).json({ ok: true });
    background.run(() => bot.handleUpdate(update as Update), (err) => logger.error({ err }, 'telegram: webhook update failed'));
  });
  return { router, drain: () => background.drain() };
}
