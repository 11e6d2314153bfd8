// The Telegram channel as the composition root starts it: long polling when no webhook URL
// is configured, otherwise a webhook router (mount at /webhooks/telegram) and setWebhook
// with the secret. Either way an outbox sender comes back.
import type { Router } from 'express';
import type { Telegraf } from 'telegraf';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import type { ChatEngine } from '../chat-engine';
import { createTelegramBot } from './bot';
import { TelegramChannelError } from './errors';
import { TelegramSender } from './sender';
import { telegramWebhookRouter } from './webhook';

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

export interface TelegramChannel {
  bot: Telegraf;
  sender: TelegramSender;
  /** Present in webhook mode: mount it at TELEGRAM_WEBHOOK_PATH. */
  router?: Router;
  /** Polling: starts the poller. Webhook: calls setWebhook (call it once the server listens). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface TelegramDeps {
  logger: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export type TelegramConfig = Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_API_ROOT' | 'TELEGRAM_WEBHOOK_URL' | 'TELEGRAM_WEBHOOK_SECRET'>;

/** Builds the channel without touching the network; `start()` connects. */
export function createTelegram(config: TelegramConfig, engine: ChatEngine, deps: TelegramDeps): TelegramChannel {
  if (!config.TELEGRAM_BOT_TOKEN) throw new TelegramChannelError('TELEGRAM_BOT_TOKEN is not set');
  const logger = deps.logger;
  const bot = createTelegramBot({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, engine, logger, ...(deps.now ? { now: deps.now } : {}), ...(deps.sleep ? { sleep: deps.sleep } : {}) });
  const sender = new TelegramSender(bot.telegram);

  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  if (webhookUrl) {
    const secret = config.TELEGRAM_WEBHOOK_SECRET;
    if (!secret) throw new TelegramChannelError('TELEGRAM_WEBHOOK_SECRET is required in webhook mode');
    const webhook = telegramWebhookRouter(bot, secret, logger);
    return {
      bot,
      sender,
      router: webhook.router,
      start: async () => {
        try {
          bot.botInfo = await bot.telegram.getMe();
          await bot.telegram.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: ['message', 'callback_query'] });
          logger.info({ mode: 'webhook' }, 'telegram: started');
        } catch (err) {
          // The HTTP server keeps serving; updates arrive once Telegram accepts the webhook.
          logger.error({ err }, 'telegram: setWebhook failed');
        }
      },
      stop: () => webhook.drain(),
    };
  }

  let stopped = false;
  let settled = true;
  let polling: Promise<void> = Promise.resolve();
  return {
    bot,
    sender,
    start: async () => {
      settled = false;
      polling = bot
        .launch({ allowedUpdates: ['message', 'callback_query'] })
        .catch((err: unknown) => {
          // 401 (bad token) or 409 (another poller or a webhook still set) stop polling for good.
          if (!stopped) logger.error({ err }, 'telegram: polling stopped');
        })
        .finally(() => {
          settled = true;
        });
      logger.info({ mode: 'polling' }, 'telegram: started');
    },
    stop: async () => {
      stopped = true;
      // launch() first calls getMe and deleteWebhook; stop() throws until polling has begun.
      for (let tries = 0; !settled && tries < 250; tries++) {
        try {
          bot.stop('shutdown');
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      await polling;
    },
  };
}

export async function startTelegram(config: TelegramConfig, engine: ChatEngine, deps: TelegramDeps): Promise<TelegramChannel> {
  const channel = createTelegram(config, engine, deps);
  await channel.start();
  return channel;
}
