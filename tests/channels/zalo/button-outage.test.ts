// The database goes away just as a reply's button labels are to be saved: the citizen still
// gets the reply, its buttons carrying their raw payloads (which the webhook routes without
// the database), and a warning is logged.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createZaloChannel, ZALO_WEBHOOK_PATH, type ZaloChannel } from '../../../src/channels/zalo';
import { createLogger } from '../../../src/log';
import { openDatabase } from '../../../src/store/db';
import { createStores } from '../../../src/store/stores';
import { describeStores } from '../../helpers/stores';
import { signedZaloEvent, startFakeZalo, type FakeZalo } from '../../fakes/zalo-api';
import { recordingEngine, type RecordingEngine } from '../engines';
import { serveMounts, type TestServer } from '../http';

const oaSecretKey = 'oa-secret-key';

describeStores('Zalo reply while the button labels cannot be saved', (db) => {
  let fake: FakeZalo;
  let engine: RecordingEngine;
  let channel: ZaloChannel;
  let server: TestServer;
  const lines: string[] = [];

  beforeAll(async () => {
    fake = await startFakeZalo();
    engine = recordingEngine();
    // The labels' table lives in a database whose handle is closed: every save fails.
    const gone = await openDatabase('sqlite::memory:');
    const zaloButtons = createStores(gone).zaloButtons;
    await gone.close();
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    channel = createZaloChannel(fake.env(oaSecretKey), engine, { stores: { ...createStores(db()), zaloButtons }, logger: createLogger('info', logs) });
    server = await serveMounts([{ path: ZALO_WEBHOOK_PATH, router: channel.router }]);
  });
  afterAll(async () => {
    await channel.stop();
    await server.close();
    await fake.close();
  });

  const post = async (userId: string, text: string) => {
    const event = signedZaloEvent({ appId: fake.appId, oaSecretKey, userId, text });
    const response = await fetch(`${server.url}${ZALO_WEBHOOK_PATH}`, { method: 'POST', headers: event.headers, body: event.body });
    await response.arrayBuffer();
    return response.status;
  };

  it('sends the reply with its buttons as raw payloads, which still route when pressed, and logs a warning', async () => {
    expect(await post('u300', 'khai sinh')).toBe(200);
    const [message] = await fake.waitForMessages(1, 5000, 'u300');
    expect(message!.message.text).toContain('ĐĂNG KÝ KHAI SINH');
    expect(message!.message.attachment!.payload.buttons).toEqual([
      { title: 'Lệ phí', type: 'oa.query.show', payload: 'p:1.001193:fee' },
      { title: 'Giấy tờ', type: 'oa.query.show', payload: 'p:1.001193:papers' },
    ]);
    await channel.idle();
    expect(lines.some((line) => line.includes('"level":"warn"') || line.includes('"level":40'))).toBe(true);
    expect(lines.join('\n')).toContain('button labels');

    // Pressing one sends its payload back as text: routed without the database.
    expect(await post('u300', 'p:1.001193:fee')).toBe(200);
    await fake.waitForMessages(2, 5000, 'u300');
    expect(engine.seen[1]).toMatchObject({ chatId: 'u300', text: '', payload: 'p:1.001193:fee' });
  });
});
