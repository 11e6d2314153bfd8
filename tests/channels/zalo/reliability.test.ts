// Issue 14, item 4 (Zalo): event ids de-duplicated in the database (a captured request replayed
// after a restart is dropped), events outside the time window refused, button labels that
// still work after a restart, and signed but malformed events answered 200 and logged.
import { PassThrough } from 'node:stream';
import { Router, type RequestHandler } from 'express';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createZaloChannel, ZALO_WEBHOOK_PATH, type ZaloChannel } from '../../../src/channels/zalo';
import { createLogger } from '../../../src/log';
import { createStores } from '../../../src/store/stores';
import { describeStores } from '../../helpers/stores';
import { signedZaloEvent, startFakeZalo, type FakeZalo, type ZaloEventInput } from '../../fakes/zalo-api';
import { recordingEngine, type RecordingEngine } from '../engines';
import { serveMounts, type TestServer } from '../http';

const oaSecretKey = 'oa-secret-key';
const MINUTE = 60_000;

describeStores('Zalo webhook across restarts', (db) => {
  let fake: FakeZalo;
  let engine: RecordingEngine;
  let server: TestServer;
  let channel: ZaloChannel;
  let handler: RequestHandler;
  const lines: string[] = [];

  function build(): ZaloChannel {
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    const built = createZaloChannel({ ...fake.env(oaSecretKey), ZALO_EVENT_WINDOW_SECONDS: 600 }, engine, { stores: createStores(db()), logger: createLogger('info', logs) });
    handler = built.router;
    return built;
  }

  async function restart(): Promise<void> {
    await channel.stop();
    channel = build();
  }

  beforeAll(async () => {
    fake = await startFakeZalo();
    engine = recordingEngine();
    const slot = Router();
    slot.use((req, res, next) => handler(req, res, next));
    server = await serveMounts([{ path: ZALO_WEBHOOK_PATH, router: slot }]);
    channel = build();
  });
  afterAll(async () => {
    await channel.stop();
    await server.close();
    await fake.close();
  });
  beforeEach(() => {
    engine.seen.length = 0;
  });

  const send = async (event: { body: string; headers: Record<string, string> }) => {
    const response = await fetch(`${server.url}${ZALO_WEBHOOK_PATH}`, { method: 'POST', headers: event.headers, body: event.body });
    await response.arrayBuffer();
    return response.status;
  };
  const post = (input: Omit<ZaloEventInput, 'appId' | 'oaSecretKey'>) => send(signedZaloEvent({ appId: fake.appId, oaSecretKey, ...input }));

  it('drops a captured event replayed after a restart', async () => {
    const captured = signedZaloEvent({ appId: fake.appId, oaSecretKey, userId: 'z200', text: 'tra cứu hồ sơ', msgId: 'msg-captured' });
    expect(await send(captured)).toBe(200);
    await fake.waitForMessages(1, 5000, 'z200');
    await restart();
    expect(await send(captured)).toBe(200);
    await channel.idle();
    expect(engine.seen.map((i) => i.text)).toEqual(['tra cứu hồ sơ']);
    expect(fake.sentMessages('z200')).toHaveLength(1);
    const rows = await db().kysely.selectFrom('seen_events').select(['channel', 'event_id']).where('channel', '=', 'zalo').execute();
    expect(rows).toContainEqual({ channel: 'zalo', event_id: 'msg:msg-captured' });
  });

  it('refuses events signed outside the time window with 403 and handles nothing', async () => {
    expect(await post({ userId: 'z201', text: 'cũ', timestamp: String(Date.now() - 11 * MINUTE) })).toBe(403);
    expect(await post({ userId: 'z201', text: 'tương lai', timestamp: String(Date.now() + 11 * MINUTE) })).toBe(403);
    expect(await post({ userId: 'z201', text: 'không phải số', timestamp: 'yesterday' })).toBe(403);
    expect(await post({ userId: 'z201', text: 'chậm 5 phút', timestamp: String(Date.now() - 5 * MINUTE) })).toBe(200);
    await fake.waitForMessages(1, 5000, 'z201');
    await channel.idle();
    expect(engine.seen.map((i) => i.text)).toEqual(['chậm 5 phút']);
    expect(lines.filter((l) => l.includes('outside the time window'))).toHaveLength(3);
  });

  it('a button shown before a restart still routes its payload after it (replies and outbox messages)', async () => {
    expect(await post({ userId: 'z202', text: 'khai sinh' })).toBe(200);
    await fake.waitForMessages(1, 5000, 'z202');
    // An outbox message with its own buttons, sent by this process's sender.
    await channel.sender.send('z203', { blocks: [{ type: 'text', text: 'Hồ sơ cần bổ sung.' }], buttons: [{ label: 'Xem giấy tờ', payload: 'p:1.001193:papers' }], links: [] });
    await restart();
    expect(await post({ userId: 'z202', text: 'Lệ phí' })).toBe(200);
    expect(await post({ userId: 'z203', text: 'xem giấy tờ' })).toBe(200);
    await fake.waitForMessages(2, 5000, 'z202');
    await fake.waitForMessages(2, 5000, 'z203');
    expect(engine.seen.find((i) => i.chatId === 'z202' && i.payload)).toMatchObject({ text: '', payload: 'p:1.001193:fee' });
    expect(engine.seen.find((i) => i.chatId === 'z203')).toMatchObject({ text: '', payload: 'p:1.001193:papers' });
  });

  it('answers a signed but malformed event 200 and logs it', async () => {
    const before = lines.length;
    const status = await post({ userId: 'z204', text: 'x', extra: { sender: { id: { nested: true } }, message: 'not an object' } });
    expect(status).toBe(200);
    await channel.idle();
    expect(engine.seen).toHaveLength(0);
    expect(lines.slice(before).some((l) => l.includes('malformed event ignored'))).toBe(true);
    expect(lines.filter((l) => /TypeError|event failed/.test(l))).toEqual([]);
  });
});
