// channels/zalo: the Zalo OA webhook (signature, replay window), its OAuth tokens in the
// database, Reply → text with remembered button labels, and the Zalo outbox sender.
// The Zalo OA channel as the composition root builds it: a webhook router (mount at
// /webhooks/zalo) and an outbox sender sharing one API client and its persisted tokens.
import type { Router } from 'express';
import type { Config } from '../../config';
import type { Logger } from '../../log';
import type { Stores } from '../../store/stores';
import type { ChatEngine } from '../chat-engine';
import { StoredButtonMemory } from './button-memory';
import { ZaloClient } from './client';
import { ZaloSender } from './sender';
import { zaloWebhookRouter } from './webhook';
import type { ZaloSentCounter } from '../../store/zalo-window';

export const ZALO_WEBHOOK_PATH = '/webhooks/zalo';

export class ZaloConfigError extends Error {
  override readonly name = 'ZaloConfigError';
}

export interface ZaloChannel {
  router: Router;
  sender: ZaloSender;
  client: ZaloClient;
  /** Resolves once the events acknowledged so far are handled (their replies sent or given up). */
  idle(): Promise<void>;
  /** Replays the events a crash left in the webhook inbox, then keeps sweeping for them. */
  start(): Promise<void>;
  /** Stops the sweep, waits for events still being handled. */
  stop(): Promise<void>;
}

/** Where the channel keeps its tokens, button labels, seen event ids and webhook inbox, when each user last wrote, and the outbox whose held messages a user's message releases. */
export type ZaloStores = Pick<Stores, 'zaloTokens' | 'zaloButtons' | 'seenEvents' | 'chatActivity'> & Partial<Pick<Stores, 'webhookInbox' | 'outbox' | 'zaloWindow'>>;

export interface ZaloDeps {
  stores: ZaloStores;
  logger: Logger;
  now?: () => Date;
  /** Waits between attempts to send a reply again (tests replace the timer). */
  sleep?: (ms: number) => Promise<void>;
}

type ZaloConfig = Pick<Config, 'ZALO_APP_ID' | 'ZALO_APP_SECRET' | 'ZALO_OA_SECRET_KEY' | 'ZALO_ACCESS_TOKEN' | 'ZALO_REFRESH_TOKEN' | 'ZALO_API_ROOT' | 'ZALO_OAUTH_ROOT'> & Partial<Pick<Config, 'ZALO_EVENT_WINDOW_SECONDS' | 'WEBHOOK_REPLAY_MAX_AGE_HOURS'>>;

export function createZaloChannel(config: ZaloConfig, engine: ChatEngine, deps: ZaloDeps): ZaloChannel {
  const { ZALO_APP_ID: appId, ZALO_APP_SECRET: appSecret, ZALO_OA_SECRET_KEY: oaSecretKey, ZALO_ACCESS_TOKEN: accessToken, ZALO_REFRESH_TOKEN: refreshToken } = config;
  if (!appId || !appSecret || !oaSecretKey || !accessToken || !refreshToken) {
    throw new ZaloConfigError('zalo: ZALO_APP_ID, ZALO_APP_SECRET, ZALO_OA_SECRET_KEY, ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN are all required');
  }
  const client = new ZaloClient({
    apiRoot: config.ZALO_API_ROOT,
    oauthRoot: config.ZALO_OAUTH_ROOT,
    appId,
    appSecret,
    initialTokens: { accessToken, refreshToken },
    store: deps.stores.zaloTokens(appId, { accessToken, refreshToken }),
    ...(deps.now ? { now: deps.now } : {}),
  });
  // One memory for replies and outbox messages: a button in an alert works like one in a reply.
  // In the database, so a button shown before a restart still works after it.
  const buttons = new StoredButtonMemory(deps.stores.zaloButtons, deps.now);
  const seen = deps.stores.seenEvents('zalo', deps.now);
  // Zalo counts every message in the window, replies and outbox messages alike.
  const windowStore = deps.stores.zaloWindow;
  const sent: ZaloSentCounter | undefined = windowStore
    ? { recordSent: (chatId) => windowStore.recordSent(chatId).catch((err: unknown) => deps.logger.warn({ err }, 'zalo: could not count a sent message into the user\'s window')) }
    : undefined;
  const webhook = zaloWebhookRouter({
    appId, oaSecretKey, engine, client, buttons, seen, activity: deps.stores.chatActivity, logger: deps.logger,
    ...(deps.stores.webhookInbox ? { inbox: deps.stores.webhookInbox('zalo') } : {}),
    ...(deps.stores.outbox ? { outbox: deps.stores.outbox } : {}),
    ...(sent ? { sent } : {}),
    ...(config.WEBHOOK_REPLAY_MAX_AGE_HOURS ? { replayMaxAgeMs: config.WEBHOOK_REPLAY_MAX_AGE_HOURS * 3_600_000 } : {}),
    ...(config.ZALO_EVENT_WINDOW_SECONDS ? { eventWindowMs: config.ZALO_EVENT_WINDOW_SECONDS * 1000 } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  return {
    router: webhook.router,
    sender: new ZaloSender(client, buttons, sent),
    client,
    idle: () => webhook.drain(),
    start: () => webhook.start(),
    stop: async () => {
      await webhook.stop();
      client.close();
    },
  };
}
