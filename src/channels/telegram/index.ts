// channels/telegram: the Bot API client (polling or webhook), update → Incoming, Reply →
// HTML messages with inline keyboards, and the Telegram outbox sender.
// The Telegram channel as the composition root starts it: long polling when no webhook URL
// is configured, otherwise a webhook router (mount at /webhooks/telegram) and setWebhook
// with the secret. Either way an outbox sender comes back.
import type { Router } from 'express';
import { TelegramError, type Telegraf } from 'telegraf';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import type { Stores } from '../../store/stores';
import { SeenIds } from '../seen-ids';
import type { ChatEngine } from '../chat-engine';
import { createTelegramBot } from './bot';
import { TelegramChannelError } from './errors';
import { TelegramSender } from './sender';
import { polledUpdates, type PolledUpdatesOptions } from './polled';
import { telegramWebhookRouter } from './webhook';

export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

export interface TelegramChannel {
  bot: Telegraf;
  sender: TelegramSender;
  /** Present in webhook mode: mount it at TELEGRAM_WEBHOOK_PATH. */
  router?: Router;
  /** Present in webhook mode: resolves once the updates acknowledged so far are handled. */
  idle?: () => Promise<void>;
  /**
   * Polling: starts the poller in the background and returns at once; while the Bot API is
   * unreachable it keeps trying with backoff. Webhook: calls setWebhook (once the server listens).
   */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** starting (connecting or waiting to retry), up, failed (the token was refused) or stopped. */
  state(): 'starting' | 'up' | 'failed' | 'stopped';
}

export interface TelegramDeps {
  logger: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Where handled update_ids are kept (seen_events), and webhook updates until handled (webhook_inbox); without it, in memory. */
  stores?: Pick<Stores, 'seenEvents'> & Partial<Pick<Stores, 'webhookInbox'>>;
  /** Waits between start attempts while the Bot API is unreachable: doubling from baseMs to maxMs. */
  startBackoff?: { baseMs: number; maxMs: number };
  /** Polling: the inbox's claim and sweep periods (tests shorten them; default 20 s and 5 s). */
  inboxTiming?: PolledUpdatesOptions['timing'];
}

export type TelegramConfig = Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_API_ROOT' | 'TELEGRAM_WEBHOOK_URL' | 'TELEGRAM_WEBHOOK_SECRET'> & Partial<Pick<Config, 'WEBHOOK_REPLAY_MAX_AGE_HOURS'>>;

/** Builds the channel without touching the network; `start()` connects. */
export function createTelegram(config: TelegramConfig, engine: ChatEngine, deps: TelegramDeps): TelegramChannel {
  if (!config.TELEGRAM_BOT_TOKEN) throw new TelegramChannelError('TELEGRAM_BOT_TOKEN is not set');
  const logger = deps.logger;
  // update_ids count per bot: a new bot (token) starts its own sequence.
  const botId = config.TELEGRAM_BOT_TOKEN.split(':')[0] ?? '';
  const seen = deps.stores ? deps.stores.seenEvents(`telegram:${botId}`, deps.now) : new SeenIds(10_000);
  const inbox = deps.stores?.webhookInbox?.(`telegram:${botId}`);
  const webhookUrl = config.TELEGRAM_WEBHOOK_URL;
  const replayMaxAgeMs = config.WEBHOOK_REPLAY_MAX_AGE_HOURS ? { replayMaxAgeMs: config.WEBHOOK_REPLAY_MAX_AGE_HOURS * 3_600_000 } : {};
  // Polling: updates go through the inbox too, so one chat's wait does not hold up the next batch.
  const polled = inbox && !webhookUrl ? polledUpdates({ store: inbox, seen, logger, ...replayMaxAgeMs, ...(deps.inboxTiming ? { timing: deps.inboxTiming } : {}), ...(deps.now ? { now: deps.now } : {}) }) : undefined;
  const bot = createTelegramBot({
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    engine,
    logger,
    seen,
    ...(polled ? { first: (of: Telegraf) => polled.middleware(of) } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const sender = new TelegramSender(bot.telegram);

  if (webhookUrl) {
    const secret = config.TELEGRAM_WEBHOOK_SECRET;
    if (!secret) throw new TelegramChannelError('TELEGRAM_WEBHOOK_SECRET is required in webhook mode');
    const webhook = telegramWebhookRouter(bot, secret, logger, {
      seen,
      ...(inbox ? { inbox } : {}),
      ...replayMaxAgeMs,
      ...(deps.now ? { now: deps.now } : {}),
    });
    const backoff = deps.startBackoff ?? { baseMs: 1_000, maxMs: 60_000 };
    let state: ReturnType<TelegramChannel['state']> = 'starting';
    let stopped = false;
    let retrying: Promise<void> = Promise.resolve();
    let replaying: Promise<void> = Promise.resolve();
    const { wait, wake: wakeFromWait } = wakeableWait(deps.sleep);
    /** One registration attempt: true when done (or hopeless), false to try again later. */
    const register = async (attempt: number, delay: number): Promise<boolean> => {
      try {
        bot.botInfo = await bot.telegram.getMe();
        await bot.telegram.setWebhook(webhookUrl, { secret_token: secret, allowed_updates: ['message', 'callback_query'] });
        state = 'up';
        logger.info({ mode: 'webhook', attempt }, 'telegram: started');
        return true;
      } catch (err) {
        if (err instanceof TelegramError && err.code === 401) {
          state = 'failed';
          logger.error({ err }, 'telegram: the Bot API refused the token; webhook not set');
          return true;
        }
        // The HTTP server keeps serving; updates arrive once Telegram accepts the webhook.
        logger.warn({ err, attempt, retryInMs: delay }, 'telegram: setWebhook failed; trying again');
        return false;
      }
    };
    return {
      bot,
      sender,
      router: webhook.router,
      idle: () => webhook.drain(),
      start: async () => {
        stopped = false;
        // Updates a crash left unanswered: replayed in the background (the answers need only the Bot API).
        replaying = webhook.start().catch((err: unknown) => logger.error({ err }, 'telegram: webhook inbox replay failed'));
        if (await register(1, backoff.baseMs)) return;
        retrying = (async () => {
          let delay = backoff.baseMs;
          for (let attempt = 2; !stopped; attempt++) {
            await wait(delay);
            if (stopped) return;
            delay = Math.min(backoff.maxMs, delay * 2);
            if (await register(attempt, delay)) return;
          }
        })().catch((err: unknown) => logger.error({ err }, 'telegram: webhook registration loop failed'));
      },
      stop: async () => {
        stopped = true;
        wakeFromWait();
        await retrying;
        state = 'stopped';
        await webhook.stop();
        await replaying;
      },
      state: () => state,
    };
  }

  const backoff = deps.startBackoff ?? { baseMs: 1_000, maxMs: 60_000 };
  let state: ReturnType<TelegramChannel['state']> = 'starting';
  let stopped = false;
  let running = false;
  let polling: Promise<void> = Promise.resolve();
  let replaying: Promise<void> = Promise.resolve();
  const { wait, wake: wakeFromWait } = wakeableWait(deps.sleep);

  /** Launches polling; while the Bot API is unreachable (or answers 5xx, 429, 409) tries again with backoff. */
  async function poll(): Promise<void> {
    let delay = backoff.baseMs;
    for (let attempt = 1; !stopped; attempt++) {
      try {
        running = true;
        await bot.launch({ allowedUpdates: ['message', 'callback_query'] }, () => {
          state = 'up';
          delay = backoff.baseMs;
          logger.info({ mode: 'polling', attempt }, 'telegram: started');
        });
        running = false;
        if (stopped) return;
        // Polling ended without an error (the poller was stopped from outside): start it again.
        state = 'starting';
        await wait(delay);
      } catch (err) {
        running = false;
        if (stopped) return;
        if (err instanceof TelegramError && err.code === 401) {
          state = 'failed';
          logger.error({ err }, 'telegram: the Bot API refused the token; polling stopped');
          return;
        }
        state = 'starting';
        // A 429 names its wait; otherwise the wait doubles each time.
        const asked = err instanceof TelegramError ? (err.parameters?.retry_after ?? 0) * 1000 : 0;
        const pause = Math.max(delay, asked);
        logger.warn({ err, attempt, retryInMs: pause }, 'telegram: Bot API unreachable; polling will try again');
        await wait(pause);
        delay = Math.min(backoff.maxMs, delay * 2);
      }
    }
  }

  return {
    bot,
    sender,
    start: async () => {
      stopped = false;
      // Updates a crash left unanswered: replayed in the background (the answers need only the Bot API).
      if (polled) replaying = polled.start().catch((err: unknown) => logger.error({ err }, 'telegram: inbox replay failed'));
      // Not awaited: the rest of the server runs while the Bot API is away.
      polling = poll().catch((err: unknown) => logger.error({ err }, 'telegram: polling loop failed'));
    },
    stop: async () => {
      stopped = true;
      wakeFromWait();
      // launch() first calls getMe and deleteWebhook; stop() throws until polling has begun.
      for (let tries = 0; running && tries < 250; tries++) {
        try {
          bot.stop('shutdown');
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      await polling;
      // Then the updates taken in and still being answered.
      await polled?.stop();
      await replaying;
      state = 'stopped';
    },
    state: () => state,
  };
}

export async function startTelegram(config: TelegramConfig, engine: ChatEngine, deps: TelegramDeps): Promise<TelegramChannel> {
  const channel = createTelegram(config, engine, deps);
  await channel.start();
  return channel;
}

/** A wait between start-up retries that stop() can cut short; `sleep` (tests) replaces the timer. */
function wakeableWait(sleep: ((ms: number) => Promise<void>) | undefined): { wait: (ms: number) => Promise<void>; wake: () => void } {
  let wake: (() => void) | undefined;
  return {
    wait: (ms) => {
      if (sleep) return sleep(ms);
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    wake: () => wake?.(),
  };
}
