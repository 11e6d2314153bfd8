// channels: Telegram, Zalo and the web chat — updates in as Incoming, Reply out as each
// platform's messages, webhooks acknowledged at once, and each channel's outbox sender.
// Every channel, built from the config for the composition root: the web chat always,
// Telegram when TELEGRAM_BOT_TOKEN is set, Zalo when all its keys are. Routers come back as
// mounts for the express app; senders go to the outbox dispatcher.
import { zaloEnabled, type Config } from '../config';
import type { ChannelSender } from '../delivery/ports';
import { WindowLimiter } from '../dossiers/rate-limit';
import type { Mount } from '../http/app';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { Stores } from '../store/stores';
import type { ChatEngine } from './chat-engine';
import { meteredEngine } from './metered-engine';
import { createTelegram, TELEGRAM_WEBHOOK_PATH } from './telegram';
import { webChatRouter } from './web/router';
import { createZaloChannel, ZALO_WEBHOOK_PATH } from './zalo';

export type { ChatEngine } from './chat-engine';

export interface Channels {
  /** Mount these before the server listens. */
  mounts: Mount[];
  senders: ChannelSender[];
  /** Call once the HTTP server listens: starts polling or registers the Telegram webhook. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Each configured channel and its state, for /healthz: up, starting, failed or stopped. */
  status(): Record<string, string>;
}

export interface ChannelDeps {
  /** Where the channels keep seen event ids, webhook events until handled, Zalo's tokens, button labels and users' last messages, and the web chat's message counts. */
  stores: Pick<Stores, 'seenEvents' | 'zaloTokens' | 'zaloButtons' | 'chatActivity' | 'rateLimits'> & Partial<Pick<Stores, 'webhookInbox' | 'outbox' | 'zaloWindow'>>;
  logger: Logger;
  /** When given, messages and reply times are counted per channel. */
  metrics?: Metrics;
  now?: () => Date;
}

export function createChannels(config: Config, conversation: ChatEngine, deps: ChannelDeps): Channels {
  const engine = deps.metrics ? meteredEngine(conversation, deps.metrics) : conversation;
  const now = deps.now ? { now: deps.now } : {};
  const mounts: Mount[] = [];
  const senders: ChannelSender[] = [];
  const starters: Array<() => Promise<void>> = [];
  const stoppers: Array<() => Promise<void>> = [];
  const states: Record<string, string> = { web: 'up' };
  const live: Record<string, () => string> = {};

  if (config.TELEGRAM_BOT_TOKEN) {
    const telegram = createTelegram(config, engine, { logger: deps.logger, stores: deps.stores, ...now });
    if (telegram.router) mounts.push({ path: TELEGRAM_WEBHOOK_PATH, router: telegram.router });
    senders.push(telegram.sender);
    states.telegram = 'starting';
    // Polling reports its own state: it keeps trying in the background while the Bot API is away.
    starters.push(() => telegram.start().then(() => { states.telegram = telegram.state(); }, (error: unknown) => { states.telegram = 'failed'; throw error; }));
    live.telegram = () => telegram.state();
    stoppers.push(() => telegram.stop());
  }
  if (zaloEnabled(config)) {
    const zalo = createZaloChannel(config, engine, { stores: deps.stores, logger: deps.logger, ...now });
    mounts.push({ path: ZALO_WEBHOOK_PATH, router: zalo.router });
    states.zalo = 'up';
    senders.push(zalo.sender);
    // Events a crash left in the inbox are replayed in the background: start-up does not wait.
    let replaying: Promise<void> = Promise.resolve();
    starters.push(async () => {
      replaying = zalo.start().catch((err: unknown) => deps.logger.error({ err }, 'zalo: webhook inbox replay failed'));
    });
    stoppers.push(async () => {
      await zalo.stop();
      await replaying;
    });
  }
  const chatLimiter = new WindowLimiter(deps.stores.rateLimits, { limit: config.CHAT_MESSAGES_PER_MINUTE, windowMs: 60_000 });
  mounts.push({ path: '/', router: webChatRouter(engine, { ...now, limiter: chatLimiter }) });

  return {
    mounts,
    senders,
    start: async () => {
      for (const start of starters) await start();
    },
    stop: async () => {
      for (const stop of stoppers) await stop();
      for (const name of Object.keys(states)) states[name] = 'stopped';
    },
    status: () => {
      const now = { ...states };
      for (const [name, state] of Object.entries(live)) if (now[name] !== 'stopped') now[name] = state();
      return now;
    },
  };
}
