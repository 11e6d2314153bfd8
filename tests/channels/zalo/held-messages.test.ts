// A citizen who subscribed with /theodoi and has not written for days: Zalo lets the OA write to
// them only within 48 hours of their last message, so a status change is held (not lost) while
// the window is closed, and sent right after the reply to their next message, in its order;
// one still held at its age limit (7 days for a status message) becomes a dead letter. The
// replies to the citizen count into Zalo's 8 messages a window, like the outbox's.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createZaloChannel, ZALO_WEBHOOK_PATH, type ZaloChannel } from '../../../src/channels/zalo';
import { fixedClock } from '../../../src/clock';
import { ConversationEngine } from '../../../src/conversation/engine';
import { textReply } from '../../../src/conversation/message';
import { listDeadLetters } from '../../../src/delivery/dead-letters';
import { createDispatcher, type Dispatcher } from '../../../src/delivery/dispatcher';
import { enqueue } from '../../../src/delivery/outbox';
import { silentLogger } from '../../../src/log';
import { createStores } from '../../../src/store/stores';
import { clearAll } from '../../alerts/factories';
import { signedZaloEvent, startFakeZalo, type FakeZalo } from '../../fakes/zalo-api';
import { describeStores } from '../../helpers/stores';
import { serveMounts, type TestServer } from '../http';

const oaSecretKey = 'oa-secret-key';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describeStores('Zalo: outbox messages held outside the free-reply window', (db) => {
  let fake: FakeZalo;
  let channel: ZaloChannel;
  let server: TestServer;
  let dispatcher: Dispatcher;
  // Near real time: the fake's tokens and the webhook's signed timestamps follow this clock.
  const clock = fixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  const T0 = clock.now().getTime();

  beforeAll(async () => {
    fake = await startFakeZalo();
    const stores = createStores(db());
    // The real engine: it records when the citizen wrote, which opens the window.
    const engine = new ConversationEngine([], { handle: async (incoming) => textReply(`Trả lời: ${incoming.text}`) }, silentLogger(), stores.chatActivity);
    channel = createZaloChannel(fake.env(oaSecretKey), engine, { stores, logger: silentLogger(), now: () => clock.now() });
    server = await serveMounts([{ path: ZALO_WEBHOOK_PATH, router: channel.router }]);
    dispatcher = createDispatcher({ stores, senders: [channel.sender], clock, sleep: async (ms) => clock.advance(ms), logger: silentLogger(), options: { ratePerSecond: { zalo: 10 }, concurrency: 1 } });
  });
  afterAll(async () => {
    await channel.stop();
    await server.close();
    await fake.close();
  });
  beforeEach(async () => {
    await clearAll(db().kysely);
    clock.set(new Date(T0));
  });

  const statusChange = (chatId: string, text: string) => enqueue(createStores(db()).outbox, { channel: 'zalo', chatId, kind: 'dossier_update', reply: textReply(text) }, clock.now());
  const row = async (text: string) => {
    const rows = await db().kysely.selectFrom('outbox').selectAll().execute();
    return rows.find((r) => JSON.parse(r.body).blocks[0].text === text)!;
  };

  async function write(userId: string, text: string): Promise<void> {
    const event = signedZaloEvent({ appId: fake.appId, oaSecretKey, userId, text, timestamp: String(clock.now().getTime()) });
    expect((await fetch(`${server.url}${ZALO_WEBHOOK_PATH}`, { method: 'POST', headers: event.headers, body: event.body })).status).toBe(200);
    await channel.idle();
  }

  it('holds a status change that comes 3 days after the citizen last wrote, and sends it after the reply to their next message, in order', async () => {
    await createStores(db()).chatActivity.touch('zalo', 'citizen-1', new Date(T0 - 3 * DAY));
    await statusChange('citizen-1', 'Hồ sơ A: đã tiếp nhận.');
    clock.advance(10);
    await statusChange('citizen-1', 'Hồ sơ A: có kết quả.');

    expect(await dispatcher.runOnce()).toMatchObject({ held: 1, sent: 0, undeliverable: 0, failed: 0 });
    const held = await row('Hồ sơ A: đã tiếp nhận.');
    expect(held).toMatchObject({ state: 'pending', failed_at: null, next_attempt_at: held.created_at + 7 * DAY });
    expect(held.last_error).toContain('held until the user writes again');
    // Neither is tried while the window stays closed.
    clock.advance(6 * HOUR);
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    expect(fake.sentMessages('citizen-1')).toEqual([]);

    // The citizen writes a day later: the reply first, then what waited, in its order.
    clock.advance(DAY);
    await write('citizen-1', 'hồ sơ của tôi sao rồi?');
    for (let pass = 0; pass < 10 && fake.sentMessages('citizen-1').length < 3; pass++) {
      await dispatcher.runOnce();
      clock.advance(1000);
    }
    expect(fake.sentMessages('citizen-1').map((m) => m.message.text)).toEqual(['Trả lời: hồ sơ của tôi sao rồi?', 'Hồ sơ A: đã tiếp nhận.', 'Hồ sơ A: có kết quả.']);
    expect(await row('Hồ sơ A: có kết quả.')).toMatchObject({ state: 'sent' });
  });

  it('counts the replies to the citizen into Zalo’s 8 messages, as Zalo does: after one reply, 7 outbox messages go out and the 8th waits for the next message', async () => {
    await write('citizen-3', 'xin chào');
    for (let i = 1; i <= 8; i++) {
      await statusChange('citizen-3', `tin ${i}`);
      clock.advance(10);
    }
    for (let pass = 0; pass < 20; pass++) {
      await dispatcher.runOnce();
      clock.advance(1000);
    }
    expect(fake.sentMessages('citizen-3').map((m) => m.message.text)).toEqual(['Trả lời: xin chào', 'tin 1', 'tin 2', 'tin 3', 'tin 4', 'tin 5', 'tin 6', 'tin 7']);
    expect(await row('tin 8')).toMatchObject({ state: 'pending' });
    expect((await row('tin 8')).last_error).toContain('8 messages already sent since the user last wrote; held until the user writes again');

    await write('citizen-3', 'còn tin nào không?');
    for (let pass = 0; pass < 5 && fake.sentMessages('citizen-3').length < 10; pass++) {
      await dispatcher.runOnce();
      clock.advance(1000);
    }
    expect(fake.sentMessages('citizen-3').slice(8).map((m) => m.message.text)).toEqual(['Trả lời: còn tin nào không?', 'tin 8']);
  });

  it('makes a message held past its age limit (7 days) a dead letter that says why', async () => {
    await createStores(db()).chatActivity.touch('zalo', 'citizen-2', new Date(T0 - 3 * DAY));
    await statusChange('citizen-2', 'Hồ sơ B: có kết quả.');
    expect(await dispatcher.runOnce()).toMatchObject({ held: 1, undeliverable: 0 });

    clock.set(new Date(T0 + 7 * DAY + 1000));
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, held: 0, undeliverable: 1 });
    expect(fake.sentMessages('citizen-2')).toEqual([]);
    const [dead] = await listDeadLetters(createStores(db()).deadLetters);
    expect(dead).toMatchObject({ state: 'undeliverable', kind: 'dossier_update' });
    expect(dead!.last_error).toBe('zalo: more than 48 h since the user last wrote; held 168 h (its age limit) and the user did not write again');
  });
});
