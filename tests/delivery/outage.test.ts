// Issue 14, item 3: a Bot API outage on an injected clock. The dispatcher backs off, honours
// retry_after, keeps each chat's order across retries and a restart, and gives up only at the
// kind's age limit, leaving a dead letter operators can retry.
import { Telegram } from 'telegraf';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { textReply } from '../../src/conversation/message';
import { TelegramSender } from '../../src/channels/telegram/sender';
import { fixedClock } from '../../src/clock';
import { listDeadLetters, retryDeadLetters } from '../../src/delivery/dead-letters';
import { createDispatcher, type Dispatcher } from '../../src/delivery/dispatcher';
import { enqueue } from '../../src/delivery/outbox';
import { silentLogger } from '../../src/log';
import { createMetrics, type Metrics } from '../../src/metrics';
import { clearAll } from '../alerts/factories';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { createStores } from '../../src/store/stores';
import { describeStores } from '../helpers/stores';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.parse('2026-11-24T08:00:00+07:00');

describeStores('outbox through an outage', (db) => {
  let telegram: FakeTelegram;
  let metrics: Metrics;
  const clock = fixedClock(new Date(T0));
  /** The fake clock's time of every sendMessage call, by chat. */
  let calls: Array<{ chat: string; text: string; status: number; at: number }>;

  beforeAll(async () => {
    telegram = await startFakeTelegram();
    telegram.onCall = (call) => {
      if (call.method === 'sendMessage') calls.push({ chat: String(call.body.chat_id), text: String(call.body.text), status: call.status, at: clock.now().getTime() });
    };
  });
  afterAll(async () => {
    await telegram.close();
  });
  beforeEach(async () => {
    await clearAll(db().kysely);
    telegram.calls.length = 0;
    telegram.outage = undefined;
    calls = [];
    clock.set(new Date(T0));
    metrics = createMetrics({ defaults: false });
  });

  function dispatcher(owner: string): Dispatcher {
    return createDispatcher({
      stores: createStores(db()),
      senders: [new TelegramSender(new Telegram(telegram.token, { apiRoot: telegram.apiRoot }), 2000)],
      clock,
      sleep: async (ms) => clock.advance(ms),
      logger: silentLogger(),
      metrics,
      owner,
      options: { ratePerSecond: { telegram: 1000 }, concurrency: 4 },
    });
  }

  async function put(chatId: string, text: string, kind = 'digest'): Promise<void> {
    await enqueue(createStores(db()).outbox, { channel: 'telegram', chatId, kind, reply: textReply(text) }, clock.now());
    clock.advance(1);
  }

  /** Runs the dispatcher on the fake clock in steps until `until`, calling `at` hooks on the way. */
  async function runUntil(until: number, stepMs: number, getDispatcher: () => Dispatcher, hooks: Array<{ at: number; run: () => Promise<void> | void }> = []): Promise<void> {
    const pending = [...hooks].sort((a, b) => a.at - b.at);
    while (clock.now().getTime() < until) {
      while (pending.length && pending[0]!.at <= clock.now().getTime()) await pending.shift()!.run();
      await getDispatcher().runOnce();
      clock.advance(stepMs);
    }
  }

  const delivered = (chat: string) => telegram.sentMessages(chat).map((m) => m.text);

  it('a 30-minute Bot API outage: every message delivered once, in order per chat, also across a restart', async () => {
    telegram.outage = { kind: 'status', status: 502, description: 'Bad Gateway' };
    const chats = ['1001', '1002', '1003', '1004'];
    const expected = new Map<string, string[]>(chats.map((c) => [c, []]));
    const add = async (chat: string, text: string, kind: string) => {
      await put(chat, text, kind);
      expected.get(chat)!.push(text);
    };
    for (let i = 1; i <= 3; i++) for (const [k, chat] of chats.entries()) await add(chat, `tin ${chat} số ${i}`, k % 2 ? 'dossier_update' : 'digest');

    let current = dispatcher('first');
    await runUntil(T0 + 30 * MINUTE, 15_000, () => current, [
      // More messages arrive during the outage.
      { at: T0 + 10 * MINUTE, run: async () => { for (const chat of chats) await add(chat, `tin ${chat} số 4`, 'dossier_update'); } },
      // The server restarts halfway through.
      { at: T0 + 20 * MINUTE, run: () => { current = dispatcher('second'); } },
    ]);
    expect(telegram.sentMessages()).toHaveLength(0);
    const duringOutage = calls.filter((c) => c.chat === '1001');
    // Exponential backoff: a handful of attempts in 30 minutes, not one per pass (120 passes).
    expect(duringOutage.length).toBeGreaterThanOrEqual(6);
    expect(duringOutage.length).toBeLessThanOrEqual(14);
    // Only the oldest message of a chat is ever tried while it is failing.
    expect(new Set(duringOutage.map((c) => c.text))).toEqual(new Set(['tin 1001 số 1']));
    const states = await db().kysely.selectFrom('outbox').select('state').execute();
    expect(states.every((s) => s.state === 'pending')).toBe(true);

    // The Bot API is back; its first answer is a 429 asking for 30 s.
    telegram.outage = undefined;
    telegram.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 30 });
    const back = clock.now().getTime();
    await runUntil(back + 30 * MINUTE, 5_000, () => current);

    for (const chat of chats) expect(delivered(chat)).toEqual(expected.get(chat));
    const rows = await db().kysely.selectFrom('outbox').select(['state', 'sent_at']).execute();
    expect(rows.every((r) => r.state === 'sent')).toBe(true);
    // Delivery resumed within the longest backoff step (10 minutes) of the outage's end.
    expect(Math.max(...rows.map((r) => r.sent_at!))).toBeLessThanOrEqual(back + 12 * MINUTE);
    // The 429 was waited out: that chat's next call came 30 s (fake time) later, not sooner.
    const limited = calls.findIndex((c) => c.status === 429);
    const retried = calls.slice(limited + 1).find((c) => c.chat === calls[limited]!.chat)!;
    expect(retried.at - calls[limited]!.at).toBeGreaterThanOrEqual(30_000);
    expect(retried.at - calls[limited]!.at).toBeLessThan(45_000);
    // Per chat, no message was ever sent (or tried) before an earlier one was delivered.
    for (const chat of chats) {
      const order = calls.filter((c) => c.chat === chat).map((c) => expected.get(chat)!.indexOf(c.text));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect((await metrics.deadLetters.get()).values).toEqual([]);
  });

  it('gives up at the age limit (48 h alerts, 7 days status), then operators list and retry the dead letter', async () => {
    telegram.outage = { kind: 'status', status: 503, description: 'Service Unavailable' };
    await put('2001', 'bản tin hôm nay', 'digest');
    await put('2001', 'bản tin hôm sau', 'digest');
    await put('2002', 'hồ sơ đã có kết quả', 'dossier_update');
    const d = dispatcher('one');
    await runUntil(T0 + 50 * HOUR, 10 * MINUTE, () => d);

    const letters = await listDeadLetters(createStores(db()).deadLetters);
    // The first digest is a dead letter at 48 h; the second, queued behind it, was then tried
    // and is also 48 h old: it follows. The status message is still being retried.
    expect(letters.map((l) => [l.chat_id, l.kind, l.state]).sort()).toEqual([['2001', 'digest', 'failed'], ['2001', 'digest', 'failed']]);
    for (const l of letters) {
      expect(l.failed_at! - T0).toBeGreaterThanOrEqual(47 * HOUR);
      expect(l.failed_at! - T0).toBeLessThanOrEqual(48 * HOUR + 20 * MINUTE);
      expect(l.last_error).toMatch(/503|age limit/);
    }
    const status = await db().kysely.selectFrom('outbox').select(['state', 'attempts']).where('chat_id', '=', '2002').executeTakeFirstOrThrow();
    expect(status.state).toBe('pending');
    expect((await metrics.deadLetters.get()).values.reduce((n, v) => n + v.value, 0)).toBe(2);
    expect((await metrics.deadLetters.get()).values[0]!.labels).toMatchObject({ channel: 'telegram', kind: 'digest', state: 'failed' });

    // Service returns; an operator retries every dead letter.
    telegram.outage = undefined;
    const requeued = await retryDeadLetters(createStores(db()).deadLetters, { all: true }, clock.now());
    expect(requeued).toHaveLength(2);
    await runUntil(clock.now().getTime() + 15 * MINUTE, 5_000, () => d);
    expect(delivered('2001')).toEqual(['bản tin hôm nay', 'bản tin hôm sau']);
    expect(delivered('2002')).toEqual(['hồ sơ đã có kết quả']);
    expect(await listDeadLetters(createStores(db()).deadLetters)).toEqual([]);
  });

  it('a channel that answers 429 for days: the alert becomes a dead letter at 48 h instead of waiting forever', async () => {
    // A bot flood-limited for hours (Zalo's -32 on a spent daily quota takes the same path).
    telegram.outage = { kind: 'rate_limit', retryAfter: 900 };
    await put('2101', 'bản tin hôm nay', 'digest');
    const d = dispatcher('one');
    await runUntil(T0 + 50 * HOUR, 10 * MINUTE, () => d);
    const letters = await listDeadLetters(createStores(db()).deadLetters);
    expect(letters.map((l) => [l.chat_id, l.kind, l.state])).toEqual([['2101', 'digest', 'failed']]);
    expect(letters[0]!.failed_at! - T0).toBeGreaterThanOrEqual(47 * HOUR);
    expect(letters[0]!.failed_at! - T0).toBeLessThanOrEqual(48 * HOUR + 20 * MINUTE);
    expect(letters[0]!.last_error).toMatch(/429|Too Many Requests/);
    expect((await metrics.deadLetters.get()).values.reduce((n, v) => n + v.value, 0)).toBe(1);
  });

  it('a citizen’s status message is retried for 7 days, then becomes a dead letter', async () => {
    telegram.outage = { kind: 'status', status: 502 };
    await put('3001', 'hồ sơ cần bổ sung', 'dossier_update');
    const d = dispatcher('one');
    await runUntil(T0 + 6 * 24 * HOUR, 30 * MINUTE, () => d);
    expect(await listDeadLetters(createStores(db()).deadLetters)).toEqual([]);
    await runUntil(T0 + 7 * 24 * HOUR + HOUR, 30 * MINUTE, () => d);
    expect((await listDeadLetters(createStores(db()).deadLetters)).map((l) => l.kind)).toEqual(['dossier_update']);
  });
});

describeStores('outbox order within one millisecond', (db) => {
  it('messages queued one by one to a chat in the same millisecond leave in the order queued', async () => {
    const telegram = await startFakeTelegram();
    try {
      await clearAll(db().kysely);
      const at = new Date(T0);
      for (let i = 0; i < 30; i++) await enqueue(createStores(db()).outbox, { channel: 'telegram', chatId: '4001', kind: 'dossier_update', reply: textReply(`cập nhật ${i}`) }, at);
      const clock = fixedClock(new Date(T0));
      const d = createDispatcher({
        stores: createStores(db()),
        senders: [new TelegramSender(new Telegram(telegram.token, { apiRoot: telegram.apiRoot }), 2000)],
        clock,
        sleep: async (ms) => clock.advance(ms),
        logger: silentLogger(),
        options: { ratePerSecond: { telegram: 1000 }, chatGapMs: 1 },
      });
      for (let pass = 0; pass < 40 && telegram.sentMessages('4001').length < 30; pass++) {
        await d.runOnce();
        clock.advance(10);
      }
      expect(telegram.sentMessages('4001').map((m) => m.text)).toEqual(Array.from({ length: 30 }, (_, i) => `cập nhật ${i}`));
    } finally {
      await telegram.close();
    }
  });
});

describeStores('outbox and Zalo’s rate limit', (db) => {
  it('waits out Zalo’s -32 (a minute: Zalo names no wait) on the fake clock, then delivers once, in order', async () => {
    const { startFakeZalo } = await import('../fakes/zalo-api');
    const { ZaloClient } = await import('../../src/channels/zalo/client');
    const { ZaloSender } = await import('../../src/channels/zalo/sender');
    const zalo = await startFakeZalo();
    try {
      await clearAll(db().kysely);
      const clock = fixedClock(new Date(T0));
      await db().kysely.insertInto('chat_activity').values({ channel: 'zalo', chat_id: 'zz1', last_inbound_at: T0 - HOUR }).execute();
      for (const text of ['tin một', 'tin hai']) {
        await enqueue(createStores(db()).outbox, { channel: 'zalo', chatId: 'zz1', kind: 'dossier_update', reply: textReply(text) }, clock.now());
        clock.advance(1);
      }
      zalo.failNext('message', { kind: 'error', code: -32, message: 'exceeded rate limit' });
      const attempts: number[] = [];
      const sender = new ZaloSender(new ZaloClient({ apiRoot: zalo.url, oauthRoot: zalo.url, appId: zalo.appId, appSecret: zalo.appSecret, initialTokens: { accessToken: zalo.accessToken, refreshToken: zalo.refreshToken }, store: { load: async () => undefined, save: async () => {} }, timeoutMs: 2000 }));
      const d = createDispatcher({
        stores: createStores(db()),
        senders: [{ channel: 'zalo', send: async (chatId, reply) => { attempts.push(clock.now().getTime()); await sender.send(chatId, reply); } }],
        clock,
        sleep: async (ms) => clock.advance(ms),
        logger: silentLogger(),
        options: { ratePerSecond: { zalo: 100 }, chatGapMs: 1 },
      });
      for (let step = 0; step < 30 && zalo.sentMessages('zz1').length < 2; step++) {
        await d.runOnce();
        clock.advance(5_000);
      }
      expect(zalo.sentMessages('zz1').map((m) => m.message.text)).toEqual(['tin một', 'tin hai']);
      expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(60_000);
      expect(attempts[1]! - attempts[0]!).toBeLessThan(70_000);
    } finally {
      await zalo.close();
    }
  });
});
