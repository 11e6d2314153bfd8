// The dispatcher against the channels' fakes, on a manual clock: between passes the clock jumps
// to the outbox's next due time, so backoffs, 429 waits and chat gaps take no real time.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { textReply } from '../../src/conversation/message';
import { fixedClock } from '../../src/clock';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../../src/delivery/dispatcher';
import { enqueue, enqueueMany, type OutgoingMessage } from '../../src/delivery/outbox';
import { silentLogger } from '../../src/log';
import { createMetrics, type Metrics } from '../../src/metrics';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api';
import { type FakeZalo, startFakeZalo } from '../fakes/zalo-api';
import { describeStores } from '../helpers/stores';
import { clearAll, link } from '../alerts/factories';
import { Telegram } from 'telegraf';
import { TelegramSender } from '../../src/channels/telegram/sender';
import { ZaloClient } from '../../src/channels/zalo/client';
import { ZaloSender } from '../../src/channels/zalo/sender';
import type { ZaloTokens } from '../../src/store/zalo-tokens';
import { createStores } from '../../src/store/stores';
import { Officials } from '../../src/alerts/officials';

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse('2026-11-24T08:00:00+07:00');

describeStores('outbox dispatcher', (db) => {
  let telegram: FakeTelegram;
  let zalo: FakeZalo;
  let metrics: Metrics;
  let saved: ZaloTokens | undefined;
  const clock = fixedClock(new Date(T0));
  /** The manual clock's time of every sendMessage answer. */
  let calls: Array<{ chat: string; text: string; status: number; at: number }>;

  beforeAll(async () => {
    telegram = await startFakeTelegram();
    telegram.onCall = (call) => {
      if (call.method === 'sendMessage') calls.push({ chat: String(call.body.chat_id), text: String(call.body.text), status: call.status, at: clock.now().getTime() });
    };
    zalo = await startFakeZalo();
  });
  afterAll(async () => {
    await telegram.close();
    await zalo.close();
  });
  beforeEach(async () => {
    await clearAll(db().kysely);
    telegram.calls.length = 0;
    zalo.calls.length = 0;
    calls = [];
    clock.set(new Date(T0));
    metrics = createMetrics({ defaults: false });
  });

  function dispatcher(options: Partial<DispatcherOptions> = {}): Dispatcher {
    return createDispatcher({
      stores: createStores(db()),
      senders: [
        // The channels' production senders, pointed at the fakes.
        new TelegramSender(new Telegram(telegram.token, { apiRoot: telegram.apiRoot }), 500),
        new ZaloSender(new ZaloClient({
          apiRoot: zalo.url,
          oauthRoot: zalo.url,
          appId: zalo.appId,
          appSecret: zalo.appSecret,
          initialTokens: { accessToken: zalo.accessToken, refreshToken: zalo.refreshToken },
          store: { load: async () => saved, save: async (tokens: ZaloTokens) => { saved = tokens; } },
          timeoutMs: 500,
        }), undefined, createStores(db()).zaloWindow),
      ],
      clock,
      sleep: async (ms) => clock.advance(ms),
      logger: silentLogger(),
      metrics,
      options: { ratePerSecond: { telegram: 30, zalo: 10 }, concurrency: 1, retry: { baseMs: 100, maxMs: 1000 }, ...options },
    });
  }

  async function queue(...messages: Array<Partial<OutgoingMessage> & { chatId: string; text: string }>): Promise<void> {
    // Distinct times keep the send order the queue order on both databases.
    const base = clock.now().getTime() - 1000;
    for (const [i, m] of messages.entries()) {
      await enqueue(createStores(db()).outbox, { channel: m.channel ?? 'telegram', chatId: m.chatId, kind: m.kind ?? 'digest', reply: textReply(m.text), ...(m.officialId ? { officialId: m.officialId } : {}) }, new Date(base + i));
    }
  }

  /**
   * Runs passes until nothing is pending, moving the clock to the next due message between them
   * (at least 50 ms on after a pass that claimed nothing: a row its chat's older message holds
   * back is pending yet not claimable).
   */
  async function drain(d: Dispatcher, passes = 400): Promise<void> {
    const outbox = createStores(db()).outbox;
    for (let pass = 0; pass < passes; pass++) {
      const { claimed } = await d.runOnce();
      const next = await outbox.nextPendingAt();
      if (next === undefined) return;
      clock.set(new Date(Math.max(next, clock.now().getTime() + (claimed > 0 ? 0 : 50))));
    }
    throw new Error(`test: messages still pending after ${passes} passes`);
  }

  async function states(): Promise<Record<string, { state: string; attempts: number; channel: string; chat: string; error: string | null }>> {
    const rows = await db().kysely.selectFrom('outbox').selectAll().execute();
    return Object.fromEntries(rows.map((r) => [JSON.parse(r.body).blocks[0].text, { state: r.state, attempts: r.attempts, channel: r.channel, chat: r.chat_id, error: r.last_error }]));
  }

  const texts = (chat: string) => telegram.sentMessages(chat).map((m) => m.text);

  it('delivers through a 500, a 429 and a timeout: each message arrives, the 429 waits exactly retry_after', async () => {
    telegram.failNext('sendMessage', { kind: 'status', status: 500 }, { kind: 'rate_limit', retryAfter: 1 }, { kind: 'delay', ms: 1200 });
    await queue({ chatId: 'A', text: 'tin A' }, { chatId: 'B', text: 'tin B' }, { chatId: 'C', text: 'tin C' }, { chatId: 'D', text: 'tin D' });
    await drain(dispatcher());
    // The slow answer lands after the sender gave up on it: seven answers in all.
    await telegram.waitForCalls('sendMessage', 7);
    expect(texts('A')).toEqual(['tin A']);
    expect(texts('B')).toEqual(['tin B']);
    // Telegram got the timed-out request too: a timeout cannot tell "lost" from "slow".
    expect(texts('C')).toEqual(['tin C', 'tin C']);
    expect(texts('D')).toEqual(['tin D']);
    const b = calls.filter((c) => c.chat === 'B');
    expect(b.map((c) => c.status)).toEqual([429, 200]);
    expect(b[1]!.at - b[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(b[1]!.at - b[0]!.at).toBeLessThan(1500);
    const s = await states();
    expect(Object.values(s).every((r) => r.state === 'sent')).toBe(true);
    expect(s['tin A']!.attempts).toBe(2);
    expect(s['tin C']!.attempts).toBe(2);
  });

  it('gives up at once on a blocked chat (a dead letter, counted) and keeps retrying repeated 500s until one succeeds', async () => {
    telegram.blockedChats.add('E');
    telegram.failNext('sendMessage', ...Array.from({ length: 9 }, () => ({ kind: 'status' as const, status: 502 })));
    await queue({ chatId: 'F', text: 'tin F' });
    await drain(dispatcher({ retry: { baseMs: 10, maxMs: 40 }, chatGapMs: 20 }));
    await queue({ chatId: 'E', text: 'tin E' });
    await drain(dispatcher());
    const s = await states();
    expect(s['tin E']).toMatchObject({ state: 'failed', attempts: 1 });
    expect(s['tin E']!.error).toContain('403');
    // Nine failures used to be past the budget (8 attempts): now the tenth attempt delivers it.
    expect(s['tin F']).toMatchObject({ state: 'sent', attempts: 10 });
    expect(telegram.callsTo('sendMessage').filter((c) => c.body.chat_id === 'F')).toHaveLength(10);
    expect(texts('F')).toEqual(['tin F']);
    expect(texts('E')).toEqual([]);
    expect((await metrics.deliveries.get()).values.find((v) => v.labels.outcome === 'failed')?.value).toBe(1);
    expect((await metrics.deadLetters.get()).values).toEqual([expect.objectContaining({ value: 1, labels: { channel: 'telegram', kind: 'digest', state: 'failed' } })]);
  });

  it('refreshes an expired Zalo token (-216) and delivers once', async () => {
    zalo.expireAccessToken();
    await db().kysely.insertInto('chat_activity').values({ channel: 'zalo', chat_id: 'z1', last_inbound_at: T0 - HOUR }).execute();
    await queue({ channel: 'zalo', chatId: 'z1', text: 'tin z1' });
    await drain(dispatcher());
    expect(zalo.sentMessages('z1').map((m) => m.message.text)).toEqual(['tin z1']);
    expect(zalo.messageCalls().map((c) => c.error)).toEqual([-216, 0]);
  });

  it('outside Zalo’s 48-hour window, sends an official’s message to their Telegram chat instead', async () => {
    await db().kysely.insertInto('chat_activity').values({ channel: 'zalo', chat_id: 'z2', last_inbound_at: T0 - 49 * HOUR }).execute();
    await link(db().kysely, 'cb-1', 'zalo', 'z2');
    await link(db().kysely, 'cb-1', 'telegram', 'T2');
    await queue({ channel: 'zalo', chatId: 'z2', text: 'tin cb-1', officialId: 'cb-1' });
    await drain(dispatcher());
    expect(zalo.messageCalls()).toHaveLength(0);
    expect(texts('T2')).toEqual(['tin cb-1']);
    const s = await states();
    expect(s['tin cb-1']).toMatchObject({ state: 'sent', channel: 'telegram', chat: 'T2' });
    expect(s['tin cb-1']!.error).toContain('rerouted to telegram');
  });

  it('after `officials unlink`, a digest queued for the official goes to no chat: undeliverable, saying the chat is no longer theirs', async () => {
    const officials = new Officials(createStores(db()).officials);
    await officials.add({ id: 'cb-5', name: 'Lê Thị Lan', unit: 'Phường Hạc Thành', role: 'officer' }, new Date(T0));
    expect(await officials.redeem((await officials.createLinkCode('cb-5', new Date(T0))).code, 'telegram', 'T5', new Date(T0))).toMatchObject({ ok: true });
    await queue({ chatId: 'T5', text: 'bản tin cb-5', officialId: 'cb-5' });
    expect(await officials.unlink('cb-5')).toBe(1);
    await drain(dispatcher());
    expect(texts('T5')).toEqual([]);
    const s = await states();
    expect(s['bản tin cb-5']).toMatchObject({ state: 'undeliverable', channel: 'telegram', chat: 'T5' });
    expect(s['bản tin cb-5']!.error).toContain('no longer linked');
    expect((await metrics.deadLetters.get()).values).toEqual([expect.objectContaining({ value: 1, labels: { channel: 'telegram', kind: 'digest', state: 'undeliverable' } })]);
  });

  it('a digest queued for an official whose chat was then linked to someone else goes to the chat the official has linked now, never to the other official', async () => {
    const officials = new Officials(createStores(db()).officials);
    for (const id of ['cb-6', 'cb-7']) await officials.add({ id, name: `Cán bộ ${id}`, unit: 'Phường Hạc Thành', role: 'officer' }, new Date(T0));
    const linkChat = async (id: string, chat: string) => expect(await officials.redeem((await officials.createLinkCode(id, new Date(T0))).code, 'telegram', chat, new Date(T0))).toMatchObject({ ok: true });
    await linkChat('cb-6', 'T6');
    await queue({ chatId: 'T6', text: 'bản tin cb-6', officialId: 'cb-6' });
    // The phone changes hands: T6 now belongs to cb-7, and cb-6 links a new chat.
    await linkChat('cb-7', 'T6');
    await linkChat('cb-6', 'T66');
    await drain(dispatcher());
    expect(texts('T6')).toEqual([]);
    expect(texts('T66')).toEqual(['bản tin cb-6']);
    expect((await states())['bản tin cb-6']).toMatchObject({ state: 'sent', channel: 'telegram', chat: 'T66' });
  });

  it('holds a message while the window is closed and there is no other chat, then marks it undeliverable at its age limit, and counts it', async () => {
    await queue({ channel: 'zalo', chatId: 'z3', text: 'tin z3' });
    const d = dispatcher();
    expect(await d.runOnce()).toMatchObject({ held: 1, undeliverable: 0 });
    expect((await states())['tin z3']).toMatchObject({ state: 'pending' });
    await drain(d);
    expect(zalo.messageCalls()).toHaveLength(0);
    const s = await states();
    expect(s['tin z3']).toMatchObject({ state: 'undeliverable' });
    expect(s['tin z3']!.error).toContain('never wrote');
    expect(s['tin z3']!.error).toContain('held 48 h (its age limit)');
    expect((await metrics.deliveries.get()).values.find((v) => v.labels.outcome === 'undeliverable')).toMatchObject({ value: 1, labels: { channel: 'zalo' } });
    expect((await metrics.outbox.get()).values.find((v) => v.labels.state === 'undeliverable')?.value).toBe(1);
  });

  it('sends at most 8 messages into Zalo’s window; the 9th is held, and undeliverable at its age limit', async () => {
    await db().kysely.insertInto('chat_activity').values({ channel: 'zalo', chat_id: 'z4', last_inbound_at: T0 - 1000 }).execute();
    await enqueueMany(createStores(db()).outbox, Array.from({ length: 9 }, (_, i) => ({ channel: 'zalo' as const, chatId: 'z4', kind: 'update', reply: textReply(`tin ${i + 1}`) })), clock.now());
    await drain(dispatcher({ chatGapMs: 20 }));
    expect(zalo.sentMessages('z4').map((m) => m.message.text)).toEqual(['tin 1', 'tin 2', 'tin 3', 'tin 4', 'tin 5', 'tin 6', 'tin 7', 'tin 8']);
    expect((await states())['tin 9']).toMatchObject({ state: 'undeliverable' });
  });

  it('keeps one chat to about one message a second, in order', async () => {
    await queue({ chatId: 'G', text: 'tin 1' }, { chatId: 'G', text: 'tin 2' }, { chatId: 'G', text: 'tin 3' });
    await drain(dispatcher());
    const g = calls.filter((c) => c.chat === 'G');
    expect(g.map((c) => c.text)).toEqual(['tin 1', 'tin 2', 'tin 3']);
    expect(g[1]!.at - g[0]!.at).toBeGreaterThanOrEqual(990);
    expect(g[2]!.at - g[1]!.at).toBeGreaterThanOrEqual(990);
  });

  it('never exceeds the channel rate in any one-second window', async () => {
    for (let i = 0; i < 25; i++) await queue({ chatId: `R${i}`, text: `tin R${i}` });
    await drain(dispatcher({ ratePerSecond: { telegram: 10 }, concurrency: 4 }));
    const at = calls.map((c) => c.at).sort((a, b) => a - b);
    expect(at).toHaveLength(25);
    for (let i = 10; i < at.length; i++) expect(at[i]! - at[i - 10]!).toBeGreaterThanOrEqual(1000);
    expect(at[24]! - at[0]!).toBeGreaterThanOrEqual(2000);
  });
});
