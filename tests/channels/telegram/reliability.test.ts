// Issue 14, item 4 (Telegram): polling keeps trying while the Bot API is unreachable at start,
// update_ids are de-duplicated in the database (also across a restart), and malformed updates
// are answered 200 and logged, never a TypeError.
import { PassThrough } from 'node:stream';
import { Router, type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegram, startTelegram, TELEGRAM_WEBHOOK_PATH, type TelegramChannel } from '../../../src/channels/telegram';
import { createLogger, silentLogger } from '../../../src/log';
import { textReply } from '../../../src/conversation/message';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-bot-api';
import { createStores } from '../../../src/store/stores';
import { describeStores } from '../../helpers/stores';
import { gate, waitUntil } from '../../helpers/wait';
import { recordingEngine, type RecordingEngine } from '../engines';
import { serveMounts, type TestServer } from '../http';

describe('Telegram polling when the Bot API is unreachable at start', () => {
  let fake: FakeTelegram;
  let channel: TelegramChannel | undefined;

  beforeAll(async () => {
    fake = await startFakeTelegram({ maxPollHoldMs: 200 });
  });
  afterAll(async () => {
    await channel?.stop();
    await fake.close();
  });

  it('start() returns at once, retries with doubling waits, then polls and answers', async () => {
    // The first five getMe calls fail: 502, 502, 429, a refused connection look-alike (503), 502.
    fake.failNext('getMe', { kind: 'status', status: 502 }, { kind: 'status', status: 502 }, { kind: 'rate_limit', retryAfter: 3 }, { kind: 'status', status: 503 }, { kind: 'status', status: 502 });
    const waits: number[] = [];
    const retryWaiting = gate();
    const retry = gate();
    const engine = recordingEngine();
    channel = await startTelegram(
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: undefined, TELEGRAM_WEBHOOK_SECRET: undefined },
      engine,
      {
        logger: silentLogger(),
        // An injected sleep: no real waiting; the first retry waits for the test's go-ahead.
        sleep: async (ms) => {
          waits.push(ms);
          if (waits.length > 1) return;
          retryWaiting.open();
          await retry.opened;
        },
      },
    );
    // start() did not wait for the Bot API: the first attempt failed and the channel is retrying.
    await fake.waitForCalls('getMe', 1);
    await retryWaiting.opened;
    expect(channel.state()).toBe('starting');
    retry.open();
    await fake.waitForCalls('getUpdates', 1);
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(channel.state()).toBe('up');
    fake.pushUpdate(fake.textUpdate(5151, 'thủ tục khai sinh'));
    await fake.waitForCalls('sendMessage', 1);
    expect(engine.seen.map((i) => i.text)).toEqual(['thủ tục khai sinh']);
    await channel.stop();
    expect(channel.state()).toBe('stopped');
    channel = undefined;
  });

  it('in webhook mode, keeps trying setWebhook with doubling waits until Telegram accepts it', async () => {
    fake.failNext('setWebhook', { kind: 'status', status: 502 }, { kind: 'status', status: 502 }, { kind: 'status', status: 500 });
    const waits: number[] = [];
    const hooked = createTelegram(
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: 'https://motcua.example/webhooks/telegram', TELEGRAM_WEBHOOK_SECRET: 'webhook-secret-0123456789' },
      recordingEngine(),
      { logger: silentLogger(), sleep: async (ms) => { waits.push(ms); } },
    );
    await hooked.start();
    await waitUntil(() => hooked.state() === 'up', 'the webhook to be registered');
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(fake.webhook).toEqual({ url: 'https://motcua.example/webhooks/telegram', secretToken: 'webhook-secret-0123456789' });
    await hooked.stop();
    fake.webhook = undefined;
  });

  it('stops trying when the token is refused (401) and says so in its state', async () => {
    const other = createTelegram(
      { TELEGRAM_BOT_TOKEN: 'wrong:token', TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: undefined, TELEGRAM_WEBHOOK_SECRET: undefined },
      recordingEngine(),
      { logger: silentLogger(), sleep: async () => {} },
    );
    await other.start();
    await waitUntil(() => other.state() === 'failed', 'the channel to give up on the refused token');
    await other.stop();
  });
});

describeStores('Telegram webhook updates', (db) => {
  let fake: FakeTelegram;
  let engine: RecordingEngine;
  let server: TestServer;
  let channel: TelegramChannel;
  let handler: RequestHandler;
  const lines: string[] = [];
  const secret = 'webhook-secret-0123456789';

  function build(): TelegramChannel {
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    const built = createTelegram(
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: `${server.url}${TELEGRAM_WEBHOOK_PATH}`, TELEGRAM_WEBHOOK_SECRET: secret },
      engine,
      { logger: createLogger('debug', logs), stores: createStores(db()) },
    );
    handler = built.router!;
    return built;
  }

  beforeAll(async () => {
    fake = await startFakeTelegram();
    engine = recordingEngine();
    const slot = Router();
    slot.use((req, res, next) => handler(req, res, next));
    server = await serveMounts([{ path: TELEGRAM_WEBHOOK_PATH, router: slot }]);
    channel = build();
    await channel.start();
  });
  afterAll(async () => {
    await channel.stop();
    await server.close();
    await fake.close();
  });

  const post = async (body: unknown) => {
    const response = await fetch(`${server.url}${TELEGRAM_WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(body) });
    await response.arrayBuffer();
    return response.status;
  };

  it('handles an update_id once, however often it is resent, also after a restart', async () => {
    const update = { ...fake.textUpdate(6001, 'hồ sơ của tôi'), update_id: 900001 };
    for (let i = 0; i < 3; i++) expect(await post(update)).toBe(200);
    await fake.waitForCalls('sendMessage', 1);
    await channel.stop();
    channel = build(); // a new process: nothing in memory
    await channel.start();
    expect(await post(update)).toBe(200);
    expect(await post({ ...fake.textUpdate(6001, 'câu hỏi mới'), update_id: 900002 })).toBe(200);
    await fake.waitForCalls('sendMessage', 2);
    await channel.idle!();
    expect(engine.seen.filter((i) => i.chatId === '6001').map((i) => i.text)).toEqual(['hồ sơ của tôi', 'câu hỏi mới']);
    const rows = await db().kysely.selectFrom('seen_events').select('event_id').where('channel', '=', `telegram:${fake.token.split(':')[0]}`).execute();
    expect(rows.map((r) => r.event_id).sort()).toEqual(['900001', '900002']);
  });

  it('answers malformed updates 200, logs them, and keeps answering good ones', async () => {
    const before = engine.seen.length;
    const malformed: unknown[] = [
      { update_id: 910001, message: 'not an object' },
      { update_id: 910002, message: { text: 'no chat' } },
      { update_id: 910003, message: { chat: {}, text: 'chat without id' } },
      { update_id: 910004, message: { chat: { id: 7 }, text: 'chat without type' } },
      { update_id: 910005, message: { chat: { id: 7, type: 'private' }, text: 42 } },
      { update_id: 910006, callback_query: null },
      { update_id: 910007, callback_query: { id: 'cb', data: 'p:1' } },
      { update_id: 910008, callback_query: { id: 'cb', from: { id: 7 }, data: 5 } },
      { update_id: 910009, callback_query: { id: 'cb', from: { id: 7 }, message: { text: 'x' }, data: 'p:1' } },
      { update_id: '910010', message: { chat: { id: 7, type: 'private' }, text: 'id as a string' } },
      [1, 2, 3],
    ];
    for (const body of malformed) expect(await post(body)).toBe(200);
    expect(await post({ ...fake.textUpdate(6002, 'vẫn trả lời'), update_id: 910011 })).toBe(200);
    await fake.waitForMessages(1, 5000, 6002);
    await channel.idle!();
    expect(engine.seen.slice(before).map((i) => i.text)).toEqual(['vẫn trả lời']);
    const warnings = lines.filter((l) => l.includes('malformed'));
    expect(warnings.length).toBe(malformed.length);
    expect(lines.filter((l) => /TypeError|update failed/.test(l))).toEqual([]);
  });
});

describe('serve while the Bot API is down', () => {
  it('serves the web chat at once, reports Telegram as starting, and polls once the Bot API is back', { timeout: 40_000 }, async () => {
    const { parseConfig } = await import('../../../src/config');
    const { serve } = await import('../../../src/main');
    const fake = await startFakeTelegram({ maxPollHoldMs: 200 });
    fake.outage = { kind: 'status', status: 502, description: 'Bad Gateway' };
    const server = await serve(parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'sqlite::memory:', TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot }), { logger: silentLogger() });
    try {
      const chat = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'làm giấy khai sinh cần gì' }) });
      expect(chat.status).toBe(200);
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { channels: Record<string, string> };
      expect(health.channels.telegram).toBe('starting');
      fake.outage = undefined;
      // Retries come 1, 2, 4, 8 s apart (the default backoff): the next one after the outage polls.
      await fake.waitForCalls('getUpdates', 1, 20_000);
      const after = (await (await fetch(`${server.url}/healthz`)).json()) as { channels: Record<string, string> };
      expect(after.channels.telegram).toBe('up');
    } finally {
      await server.close();
      await fake.close();
    }
  });
});

describeStores('Telegram polling through the inbox', (db, target) => {
  let fake: FakeTelegram;

  beforeAll(async () => {
    fake = await startFakeTelegram({ maxPollHoldMs: 200 });
  });
  afterAll(async () => {
    await fake.close();
  });

  it("answers other chats while one chat waits out a 429's retry_after, then answers that chat", async () => {
    const waiting = gate();
    const waited = gate();
    const waits: number[] = [];
    const engine = recordingEngine();
    const channel = await startTelegram(
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: undefined, TELEGRAM_WEBHOOK_SECRET: undefined },
      engine,
      {
        logger: silentLogger(),
        stores: createStores(db()),
        // The 429's wait (30 s) lasts until the test ends it.
        sleep: async (ms) => {
          waits.push(ms);
          waiting.open();
          await waited.opened;
        },
      },
    );
    try {
      await fake.waitForCalls('getUpdates', 1);
      fake.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 30 });
      fake.pushUpdate(fake.textUpdate(8101, 'đăng ký khai sinh'));
      await waiting.opened;
      expect(waits).toEqual([30_000]);
      // Another citizen writes while the first chat's reply waits.
      fake.pushUpdate(fake.textUpdate(8102, 'đăng ký kết hôn'));
      const [other] = await fake.waitForMessages(1, 5_000, 8102);
      expect(other!.text).toContain('đăng ký kết hôn');
      expect(fake.sentMessages(8101)).toHaveLength(0);
      waited.open();
      const [first] = await fake.waitForMessages(1, 5_000, 8101);
      expect(first!.text).toContain('đăng ký khai sinh');
      // Both updates are done in the inbox: nothing left to replay.
      await waitUntil(async () => (await db().kysely.selectFrom('webhook_inbox').select('event_id').where('done_at', 'is', null).execute()).length === 0, 'the inbox to be emptied', 5_000);
    } finally {
      waited.open();
      await channel.stop();
    }
  });

  it('keeps its claim on an update it is still answering while it stops, so another process does not answer it too', async () => {
    const answering = gate();
    const answer = gate();
    const channel = await startTelegram(
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: undefined, TELEGRAM_WEBHOOK_SECRET: undefined },
      {
        handle: async (incoming) => {
          answering.open();
          await answer.opened;
          return textReply(`Trả lời: ${incoming.text}`);
        },
      },
      // Claims of 1 s, renewed every 250 ms while held.
      { logger: silentLogger(), stores: createStores(db()), inboxTiming: { leaseMs: 1_000 } },
    );
    let stopping: Promise<void> | undefined;
    try {
      await fake.waitForCalls('getUpdates', 1);
      const id = fake.pushUpdate(fake.textUpdate(8301, 'đăng ký kết hôn'));
      await answering.opened;
      // A graceful stop (a deploy) while the answer is still being made; it waits for it.
      stopping = channel.stop();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const row = await db().kysely.selectFrom('webhook_inbox').select(['claimed_until', 'done_at']).where('event_id', '=', String(id)).executeTakeFirstOrThrow();
      expect(row.done_at).toBeNull();
      // Three leases later the claim still holds: a second process's sweep would leave it alone.
      expect(Number(row.claimed_until)).toBeGreaterThan(Date.now());
      answer.open();
      await stopping;
      expect(fake.sentMessages(8301)).toHaveLength(1);
    } finally {
      answer.open();
      await (stopping ?? channel.stop());
    }
  });

  // SQLite runs statements one at a time in the order asked, so only PostgreSQL's pool can store a
  // chat's second update before its first: this one is defined for PostgreSQL alone.
  if (target === 'postgres') {
    it("answers one chat's updates in the order they came, even when storing the first is slow", async () => {
      const engine = recordingEngine();
      const channel = await startTelegram(
        { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: undefined, TELEGRAM_WEBHOOK_SECRET: undefined },
        engine,
        { logger: silentLogger(), stores: createStores(db()) },
      );
      const release = gate();
      let holding: Promise<unknown> = Promise.resolve();
      try {
        await fake.waitForCalls('getUpdates', 1);
        const warm = fake.pushUpdate(fake.textUpdate(8200, 'chào'));
        await fake.waitForMessages(1, 5_000, 8200);
        const first = warm + 1;
        // Another connection inserts the first update's row and holds it uncommitted: storing
        // that update waits (as on a busy pool); it then goes ahead once this is rolled back.
        const inserted = gate();
        holding = db()
          .kysely.transaction()
          .execute(async (trx) => {
            await trx.insertInto('webhook_inbox').values({ channel: `telegram:${fake.token.split(':')[0]}`, event_id: String(first), body: '{}', received_at: 0, claimed_until: 0, done_at: null }).execute();
            inserted.open();
            await release.opened;
            throw new Error('rolled back');
          })
          .catch(() => undefined);
        await inserted.opened;
        const [a, b] = fake.pushUpdates(fake.textUpdate(8201, 'câu thứ nhất'), fake.textUpdate(8201, 'câu thứ hai'));
        expect(a).toBe(first);
        // The second update is stored; the first waits for its row.
        await waitUntil(async () => (await db().kysely.selectFrom('webhook_inbox').select('event_id').where('event_id', '=', String(b)).executeTakeFirst()) !== undefined, 'the second update to be stored', 5_000);
        release.open();
        await holding;
        const sent = await fake.waitForMessages(2, 5_000, 8201);
        expect(sent.map((m) => (m.text.includes('câu thứ nhất') ? 1 : 2))).toEqual([1, 2]);
      } finally {
        release.open();
        await holding;
        await channel.stop();
      }
    });
  }
});
