// The webhook inbox with the real channels and the real store, on both databases: a platform
// retry of an event still in the inbox is answered once; at start-up the events a crash left
// pending are replayed oldest first, each chat in order, once; too old ones are given up, ones
// already handled only marked done, and another live process's claim is respected.
import { PassThrough } from 'node:stream';
import { Router, type RequestHandler } from 'express';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { acceptedOrLate } from '../../src/channels/inbox';
import { createTelegram, TELEGRAM_WEBHOOK_PATH } from '../../src/channels/telegram';
import { createZaloChannel, ZALO_WEBHOOK_PATH, type ZaloChannel } from '../../src/channels/zalo';
import { createLogger } from '../../src/log';
import { createStores } from '../../src/store/stores';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { signedZaloEvent, startFakeZalo, type FakeZalo } from '../fakes/zalo-api';
import { describeStores } from '../helpers/stores';
import { waitUntil } from '../helpers/wait';
import { recordingEngine, type RecordingEngine } from './engines';
import { serveMounts, type TestServer } from './http';

const OA_KEY = 'oa-inbox-key';
const SECRET = 'inbox-webhook-secret';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describeStores('webhook inbox in the channels', (db) => {
  let zaloFake: FakeZalo;
  let telegramFake: FakeTelegram;
  let server: TestServer;
  let engine: RecordingEngine;
  let zaloHandler: RequestHandler = (_req, _res, next) => next();
  let telegramHandler: RequestHandler = (_req, _res, next) => next();
  const lines: string[] = [];

  const logger = () => {
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    return createLogger('info', logs);
  };

  function buildZalo(): ZaloChannel {
    const channel = createZaloChannel({
      ZALO_APP_ID: zaloFake.appId, ZALO_APP_SECRET: zaloFake.appSecret, ZALO_OA_SECRET_KEY: OA_KEY, ZALO_ACCESS_TOKEN: zaloFake.accessToken, ZALO_REFRESH_TOKEN: zaloFake.refreshToken,
      ZALO_API_ROOT: zaloFake.url, ZALO_OAUTH_ROOT: zaloFake.url, ZALO_EVENT_WINDOW_SECONDS: 600, WEBHOOK_REPLAY_MAX_AGE_HOURS: 24,
    }, engine, { stores: createStores(db()), logger: logger() });
    zaloHandler = channel.router;
    return channel;
  }

  beforeAll(async () => {
    zaloFake = await startFakeZalo();
    telegramFake = await startFakeTelegram();
    const zaloSlot = Router();
    zaloSlot.use((req, res, next) => zaloHandler(req, res, next));
    const telegramSlot = Router();
    telegramSlot.use((req, res, next) => telegramHandler(req, res, next));
    server = await serveMounts([{ path: ZALO_WEBHOOK_PATH, router: zaloSlot }, { path: TELEGRAM_WEBHOOK_PATH, router: telegramSlot }]);
  });
  afterAll(async () => {
    await server.close();
    await zaloFake.close();
    await telegramFake.close();
  });
  beforeEach(() => {
    engine = recordingEngine();
    lines.length = 0;
  });

  const postZalo = async (event: { body: string; headers: Record<string, string> }) => {
    const response = await fetch(`${server.url}${ZALO_WEBHOOK_PATH}`, { method: 'POST', headers: event.headers, body: event.body });
    await response.arrayBuffer();
    return response.status;
  };
  const pendingIds = async (channel: string) =>
    (await db().kysely.selectFrom('webhook_inbox').select('event_id').where('channel', '=', channel).where('done_at', 'is', null).execute()).map((r) => r.event_id);

  it('answers a Zalo event once when Zalo sends it again while its answer is on its way', async () => {
    const channel = buildZalo();
    try {
      zaloFake.failNext('message', { kind: 'delay', ms: 300 });
      const event = signedZaloEvent({ appId: zaloFake.appId, oaSecretKey: OA_KEY, userId: 'zi1', text: 'khai sinh', msgId: 'retry-1' });
      expect(await postZalo(event)).toBe(200);
      expect(await postZalo(event)).toBe(200);
      await channel.idle();
      expect(await postZalo(event)).toBe(200);
      await channel.idle();
      expect(engine.seen.map((i) => i.text)).toEqual(['khai sinh']);
      expect(zaloFake.sentMessages('zi1').length).toBeGreaterThanOrEqual(1);
      expect(new Set(zaloFake.sentMessages('zi1').map((m) => m.message.text)).size).toBe(zaloFake.sentMessages('zi1').length);
      expect(await pendingIds('zalo')).toEqual([]);
    } finally {
      await channel.stop();
    }
  });

  it('answers a Telegram webhook update once when Telegram sends it again while its answer is on its way', async () => {
    const channel = createTelegram(
      { TELEGRAM_BOT_TOKEN: telegramFake.token, TELEGRAM_API_ROOT: telegramFake.apiRoot, TELEGRAM_WEBHOOK_URL: `${server.url}${TELEGRAM_WEBHOOK_PATH}`, TELEGRAM_WEBHOOK_SECRET: SECRET },
      engine,
      { logger: logger(), stores: createStores(db()) },
    );
    telegramHandler = channel.router!;
    await channel.start();
    try {
      telegramFake.failNext('sendMessage', { kind: 'delay', ms: 300 });
      const body = JSON.stringify({ ...telegramFake.textUpdate(9101, 'ket hon'), update_id: 9_000_001 });
      const post = async () => {
        const response = await fetch(`${server.url}${TELEGRAM_WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body });
        await response.arrayBuffer();
        return response.status;
      };
      expect(await post()).toBe(200);
      expect(await post()).toBe(200);
      await channel.idle!();
      expect(await post()).toBe(200);
      await channel.idle!();
      expect(engine.seen.map((i) => i.text)).toEqual(['ket hon']);
      expect(telegramFake.sentMessages(9101)).toHaveLength(1);
      expect(await pendingIds(`telegram:${telegramFake.botId}`)).toEqual([]);
    } finally {
      await channel.stop();
    }
  });

  it('answers a Telegram webhook update only once its row is stored, when the database takes a few seconds', async () => {
    const stores = createStores(db());
    // A database slow to take the row (a pool waiting for a connection): 2.5 s per insert.
    const slow = (channel: string) => {
      const inbox = stores.webhookInbox(channel);
      return Object.assign(Object.create(inbox) as typeof inbox, {
        add: async (...args: Parameters<typeof inbox.add>) => {
          await new Promise((resolve) => setTimeout(resolve, 2_500));
          return inbox.add(...args);
        },
      });
    };
    const channel = createTelegram(
      { TELEGRAM_BOT_TOKEN: telegramFake.token, TELEGRAM_API_ROOT: telegramFake.apiRoot, TELEGRAM_WEBHOOK_URL: `${server.url}${TELEGRAM_WEBHOOK_PATH}`, TELEGRAM_WEBHOOK_SECRET: SECRET },
      engine,
      { logger: logger(), stores: { ...stores, webhookInbox: slow } },
    );
    telegramHandler = channel.router!;
    await channel.start();
    try {
      const body = JSON.stringify({ ...telegramFake.textUpdate(9102, 'khai sinh'), update_id: 9_000_002 });
      const response = await fetch(`${server.url}${TELEGRAM_WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body });
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      // Telegram's 200 came after the row: a crash from here on delays the answer, it does not lose it.
      const rows = await db().kysely.selectFrom('webhook_inbox').select('event_id').where('channel', '=', `telegram:${telegramFake.botId}`).where('event_id', '=', '9000002').execute();
      expect(rows).toHaveLength(1);
      await channel.idle!();
      expect(telegramFake.sentMessages(9102)).toHaveLength(1);
    } finally {
      await channel.stop();
    }
  });

  it('replays at start-up what a crash left: oldest first, once; gives up old ones; leaves a live claim alone', async () => {
    const stores = createStores(db());
    const inbox = stores.webhookInbox('zalo');
    const now = Date.now();
    const left = async (userId: string, text: string, msgId: string, receivedAgoMs: number, claimedForMs = -MINUTE) => {
      const { body } = signedZaloEvent({ appId: zaloFake.appId, oaSecretKey: OA_KEY, userId, text, msgId });
      expect(await inbox.add({ eventId: `msg:${msgId}`, body, receivedAt: new Date(now - receivedAgoMs) }, new Date(now + claimedForMs))).toBe(true);
    };
    // Stored in another order than received: the replay goes by reception.
    await left('zr1', 'thứ hai', 'crash-b', 2 * MINUTE);
    await left('zr1', 'thứ nhất', 'crash-a', 3 * MINUTE);
    await left('zr2', 'người khác', 'crash-c', MINUTE);
    await left('zr3', 'quá cũ', 'crash-old', 25 * HOUR);
    // Answered just before the crash; only its done mark was missing.
    await left('zr4', 'đã trả lời', 'crash-answered', 4 * MINUTE);
    await stores.seenEvents('zalo').record('msg:crash-answered');
    // Another process is answering this one right now.
    await left('zr5', 'đang xử lý', 'crash-live', 10_000, MINUTE);

    const channel = buildZalo();
    try {
      await channel.start();
      await waitUntil(() => lines.some((l) => l.includes('left unhandled by the last run')), 'the start-up replay to finish');
      expect(engine.seen.map((i) => `${i.chatId}:${i.text}`)).toEqual(['zr1:thứ nhất', 'zr1:thứ hai', 'zr2:người khác']);
      expect(zaloFake.sentMessages('zr1').length).toBeGreaterThanOrEqual(2);
      expect(zaloFake.sentMessages('zr3')).toHaveLength(0);
      expect(zaloFake.sentMessages('zr4')).toHaveLength(0);
      expect(await pendingIds('zalo')).toEqual(['msg:crash-live']);
      const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(logged.find((l) => String(l.msg).includes('left unhandled by the last run'))).toMatchObject({ replayed: 3 });
      expect(logged.find((l) => String(l.msg).includes('given up'))).toMatchObject({ skipped: 1, maxAgeHours: 24 });
      // No message text in the logs.
      expect(lines.join('\n')).not.toMatch(/thứ nhất|người khác|quá cũ/);
    } finally {
      await channel.stop();
    }
  });
});

it('acknowledges after 1.5 s at most while the database does not answer, and at once when it does', async () => {
  vi.useFakeTimers();
  try {
    let done = false;
    const waiting = acceptedOrLate(new Promise(() => undefined)).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(1_499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
    await acceptedOrLate(Promise.resolve('new'));
  } finally {
    vi.useRealTimers();
  }
});
