// The Zalo webhook with real signed HTTP requests, replies through the fake Zalo API, and
// token refresh persisted in SQLite and PostgreSQL.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { replyToPlainText } from '../../../src/conversation/message';
import { createZaloChannel, ZALO_WEBHOOK_PATH, type ZaloChannel } from '../../../src/channels/zalo';
import { EMPTY_TEXT, NON_TEXT, TOO_LONG } from '../../../src/channels/wording';
import { silentLogger } from '../../../src/log';
import { createStores } from '../../../src/store/stores';
import { describeStores } from '../../helpers/stores';
import { signedZaloEvent, startFakeZalo, type FakeZalo, type ZaloEventInput } from '../../fakes/zalo-api';
import { recordingEngine, type RecordingEngine } from '../engines';
import { serveMounts, type TestServer } from '../http';
import { gate } from '../../helpers/wait';

const oaSecretKey = 'oa-secret-key';
/**
 * A slow first answer is the behaviour under test: without the per-user queue the second
 * message, answered at once, would overtake it. Nothing in the channel can signal "the second
 * message is waiting its turn", so this one wait stays.
 */
const SLOWER_FIRST_ANSWER_MS = 300;

describeStores('Zalo webhook', (db) => {
  let fake: FakeZalo;
  let engine: RecordingEngine;
  let channel: ZaloChannel;
  let server: TestServer;
  let config: Parameters<typeof createZaloChannel>[0];

  beforeAll(async () => {
    fake = await startFakeZalo();
    engine = recordingEngine();
    config = fake.env(oaSecretKey);
    channel = createZaloChannel(config, engine, { stores: createStores(db()), logger: silentLogger() });
    server = await serveMounts([{ path: ZALO_WEBHOOK_PATH, router: channel.router }]);
  });
  afterAll(async () => {
    await channel.stop();
    await server.close();
    await fake.close();
  });
  beforeEach(() => {
    engine.seen.length = 0;
  });

  const post = async (input: Omit<ZaloEventInput, 'appId' | 'oaSecretKey'>, tamper?: (e: { body: string; headers: Record<string, string> }) => void) => {
    const event = signedZaloEvent({ appId: fake.appId, oaSecretKey, ...input });
    tamper?.(event);
    const response = await fetch(`${server.url}/webhooks/zalo`, { method: 'POST', headers: event.headers, body: event.body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers a text with the engine reply and its buttons', async () => {
    expect((await post({ userId: 'u100', text: 'lam giay khai sinh can gi' })).status).toBe(200);
    const [message] = await fake.waitForMessages(1, 5000, 'u100');
    expect(engine.seen[0]).toMatchObject({ channel: 'zalo', chatId: 'u100', text: 'lam giay khai sinh can gi' });
    expect(message!.message.text).toContain('ĐĂNG KÝ KHAI SINH');
    // Zalo shows a query payload in the chat as the user's message: the label reads better than a code.
    expect(message!.message.attachment!.payload.buttons![0]).toEqual({ title: 'Lệ phí', type: 'oa.query.show', payload: 'Lệ phí' });
  });

  it('routes a pressed button (its payload comes back as text) as the button payload', async () => {
    await post({ userId: 'u101', text: 'khai sinh' });
    await fake.waitForMessages(1, 5000, 'u101');
    await post({ userId: 'u101', text: 'Lệ phí' });
    await fake.waitForMessages(2, 5000, 'u101');
    expect(engine.seen[1]).toMatchObject({ chatId: 'u101', text: '', payload: 'p:1.001193:fee' });
    // Another user typing the same words has pressed nothing: it stays a question.
    await post({ userId: 'u101b', text: 'Lệ phí' });
    await fake.waitForMessages(1, 5000, 'u101b');
    expect(engine.seen[2]).toMatchObject({ chatId: 'u101b', text: 'Lệ phí' });
    expect(engine.seen[2]!.payload).toBeUndefined();
    // A raw payload (from a button sent before a restart) still routes.
    await post({ userId: 'u101c', text: 'p:1.001193:time' });
    await fake.waitForMessages(1, 5000, 'u101c');
    expect(engine.seen[3]).toMatchObject({ chatId: 'u101c', payload: 'p:1.001193:time' });
  });

  it('welcomes a new follower through the engine', async () => {
    await post({ userId: 'u102', eventName: 'follow' });
    await fake.waitForMessages(1, 5000, 'u102');
    expect(engine.seen[0]).toMatchObject({ chatId: 'u102', text: '/start' });
  });

  it('handles a replayed msg_id once', async () => {
    const first = signedZaloEvent({ appId: fake.appId, oaSecretKey, userId: 'u103', text: 'ho so', msgId: 'm-replay' });
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.url}/webhooks/zalo`, { method: 'POST', headers: first.headers, body: first.body });
      expect(response.status).toBe(200);
    }
    await fake.waitForMessages(1, 5000, 'u103');
    await channel.idle();
    expect(fake.sentMessages('u103')).toHaveLength(1);
    expect(engine.seen).toHaveLength(1);
  });

  it('refuses forged, missing and malformed signatures with 401 and malformed JSON with 400', async () => {
    expect((await post({ userId: 'u104', text: 'x' }, (e) => { e.body = e.body.replace('"x"', '"y"'); })).status).toBe(401);
    expect((await post({ userId: 'u104', text: 'x' }, (e) => { delete e.headers['x-zevent-signature']; })).status).toBe(401);
    expect((await post({ userId: 'u104', text: 'x' }, (e) => { e.headers['x-zevent-signature'] = 'mac=abc'; })).status).toBe(401);
    const broken = await fetch(`${server.url}/webhooks/zalo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': 'mac=00' }, body: '{"event_name":' });
    expect(broken.status).toBe(400);
    expect(engine.seen).toHaveLength(0);
  });

  it('asks for text after stickers and images, and answers empty or 10,000-character texts clearly', async () => {
    await post({ userId: 'u105', eventName: 'user_send_sticker', extra: { message: { msg_id: 's1', attachments: [{ type: 'sticker' }] } } });
    await post({ userId: 'u105', eventName: 'user_send_image', extra: { message: { msg_id: 's2', attachments: [{ type: 'image' }] } } });
    await post({ userId: 'u105', text: '   ' });
    await post({ userId: 'u105', text: 'a'.repeat(10_000) });
    const sent = (await fake.waitForMessages(4, 5000, 'u105')).map((m) => m.message.text);
    expect(sent.filter((t) => t === replyToPlainText(NON_TEXT))).toHaveLength(2);
    expect(sent).toContain(replyToPlainText(EMPTY_TEXT));
    expect(sent).toContain(replyToPlainText(TOO_LONG));
    expect(engine.seen).toHaveLength(0);
  });

  it('ignores events it has nothing to say about', async () => {
    expect((await post({ userId: 'u106', eventName: 'user_seen_message', extra: { message: { msg_ids: ['a'] } } })).status).toBe(200);
    await channel.idle();
    expect(fake.sentMessages('u106')).toHaveLength(0);
  });

  it('on -216 refreshes the token, stores the new pair atomically, then delivers', async () => {
    fake.expireAccessToken();
    await post({ userId: 'u107', text: 'phi ket hon' });
    await fake.waitForMessages(1, 5000, 'u107');
    expect(fake.refreshCount).toBe(1);
    const row = await db().kysely.selectFrom('zalo_tokens').selectAll().where('id', '=', fake.appId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ id: fake.appId, access_token: fake.accessToken, refresh_token: fake.refreshToken });
    const refresh = fake.calls.find((c) => c.path === '/v4/oa/access_token')!;
    expect(refresh.headers.secret_key).toBe(fake.appSecret);
    expect(refresh.body).toEqual({ refresh_token: 'refresh-1', app_id: fake.appId, grant_type: 'refresh_token' });
  });

  it('after a restart uses the stored pair, not the used-up one from the config', async () => {
    const restarted = createZaloChannel(config, engine, { stores: createStores(db()), logger: silentLogger() });
    await restarted.sender.send('u108', { blocks: [{ type: 'text', text: 'Hồ sơ đã có kết quả.' }], buttons: [], links: [] });
    const call = fake.messageCalls().at(-1)!;
    expect(call.headers.access_token).toBe(fake.accessToken);
    expect(call.error).toBe(0);
  });

  it('acknowledges before a slow engine has answered', async () => {
    // The engine answers only when the test lets it: after the acknowledgement has arrived.
    const answer = gate();
    const slow = createZaloChannel(config, { handle: async (i) => { await answer.opened; return engine.handle(i); } }, { stores: createStores(db()), logger: silentLogger() });
    const slowServer = await serveMounts([{ path: ZALO_WEBHOOK_PATH, router: slow.router }]);
    try {
      const event = signedZaloEvent({ appId: fake.appId, oaSecretKey, userId: 'u109', text: 'cham' });
      const response = await fetch(`${slowServer.url}/webhooks/zalo`, { method: 'POST', headers: event.headers, body: event.body });
      expect(response.status).toBe(200);
      expect(engine.seen).toHaveLength(0);
      answer.open();
      await fake.waitForMessages(1, 5000, 'u109');
    } finally {
      answer.open();
      await slow.stop();
      await slowServer.close();
    }
  });

  it('answers one user in the order they wrote, even when the first answer is slower', async () => {
    const ordered = createZaloChannel(config, {
      handle: async (i) => {
        if (i.text === 'mot') await new Promise((r) => setTimeout(r, SLOWER_FIRST_ANSWER_MS));
        return { blocks: [{ type: 'text', text: `tra loi ${i.text}` }], buttons: [], links: [] };
      },
    }, { stores: createStores(db()), logger: silentLogger() });
    const orderedServer = await serveMounts([{ path: ZALO_WEBHOOK_PATH, router: ordered.router }]);
    try {
      for (const text of ['mot', 'hai']) {
        const event = signedZaloEvent({ appId: fake.appId, oaSecretKey, userId: 'u111', text });
        expect((await fetch(`${orderedServer.url}/webhooks/zalo`, { method: 'POST', headers: event.headers, body: event.body })).status).toBe(200);
      }
      const sent = await fake.waitForMessages(2, 5000, 'u111');
      expect(sent.map((m) => m.message.text)).toEqual(['tra loi mot', 'tra loi hai']);
    } finally {
      await ordered.stop();
      await orderedServer.close();
    }
  });

  it('delivers the answer when Zalo answers 5xx to the first sends, backing off between tries', async () => {
    const waits: number[] = [];
    const retrying = createZaloChannel(config, engine, { stores: createStores(db()), logger: silentLogger(), sleep: async (ms) => { waits.push(ms); } });
    const retryingServer = await serveMounts([{ path: ZALO_WEBHOOK_PATH, router: retrying.router }]);
    try {
      fake.failNext('message', { kind: 'status', status: 502 }, { kind: 'status', status: 503 });
      const event = signedZaloEvent({ appId: fake.appId, oaSecretKey, userId: 'u112', text: 'le phi ket hon' });
      expect((await fetch(`${retryingServer.url}/webhooks/zalo`, { method: 'POST', headers: event.headers, body: event.body })).status).toBe(200);
      const [sent] = await fake.waitForMessages(1, 5000, 'u112');
      expect(sent!.message.text).toContain('le phi ket hon');
      const tries = fake.messageCalls().filter((c) => (c.body as { recipient?: { user_id?: string } }).recipient?.user_id === 'u112');
      expect(tries.map((c) => c.error)).toEqual([502, 503, 0]);
      expect(waits).toEqual([1000, 2000]);
    } finally {
      await retrying.stop();
      await retryingServer.close();
    }
  });

  it('takes a new pair put in the config by an operator over the stored one', async () => {
    // The operator authorised the OA again: Zalo now accepts only the new pair.
    fake.accessToken = 'operator-access';
    fake.refreshToken = 'operator-refresh';
    const reconfigured = createZaloChannel({ ...config, ZALO_ACCESS_TOKEN: 'operator-access', ZALO_REFRESH_TOKEN: 'operator-refresh' }, engine, { stores: createStores(db()), logger: silentLogger() });
    await reconfigured.sender.send('u110', { blocks: [{ type: 'text', text: 'Chào bạn.' }], buttons: [], links: [] });
    expect(fake.messageCalls().at(-1)).toMatchObject({ error: 0, headers: { access_token: 'operator-access' } });
    const row = await db().kysely.selectFrom('zalo_tokens').selectAll().where('id', '=', fake.appId).executeTakeFirstOrThrow();
    expect(row.refresh_token).toBe('operator-refresh');
    await reconfigured.stop();
  });
});
