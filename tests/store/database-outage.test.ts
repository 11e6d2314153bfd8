// The database goes away under a running server (every connection dropped, new ones refused,
// as in a PostgreSQL restart or a network outage) and comes back: the server stays up, the
// API answers 503 JSON, chats a Vietnamese sentence, /healthz 503 naming the database, and
// everything works again by itself once the database is back.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { createApiKey } from '../../src/dossiers/keys';
import { silentLogger } from '../../src/log';
import { serve, type Server } from '../../src/main';
import { dropSchema, openDatabase } from '../../src/store/db';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { signedZaloEvent, startFakeZalo, type FakeZalo } from '../fakes/zalo-api';
import { dossierBody } from '../http/dossier-server';
import { nextCode } from '../dossiers/factory';
import { POSTGRES_URL } from '../helpers/stores';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';
import { waitUntil } from '../helpers/wait';
import { createStores } from '../../src/store/stores';

const schema = `t_outage_${crypto.randomBytes(4).toString('hex')}`;
const appName = `motcua_${schema}`;
let proxy: TcpProxy;
let telegram: FakeTelegram;
let zalo: FakeZalo;
let server: Server;
let key: string;

beforeAll(async () => {
  const target = new URL(POSTGRES_URL);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const setup = await openDatabase(POSTGRES_URL, { schema });
  key = (await createApiKey(createStores(setup).apiKeys, '000.00.20.H56', new Date())).key;
  await setup.close();
  telegram = await startFakeTelegram({ maxPollHoldMs: 100 });
  zalo = await startFakeZalo();
  const viaProxy = new URL(POSTGRES_URL);
  viaProxy.port = String(proxy.port);
  viaProxy.searchParams.set('options', `-c search_path=${schema}`);
  viaProxy.searchParams.set('application_name', appName);
  server = await serve(parseConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: viaProxy.toString(), LOG_LEVEL: 'silent', DISPATCH_INTERVAL_MS: '200',
    TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot,
    ...zalo.env('oa-key'),
  }), { logger: silentLogger() });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await telegram?.close();
  await zalo?.close();
  await proxy?.close();
  await dropSchema(POSTGRES_URL, schema);
});

const health = async () => {
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; database: { status: string }; channels: Record<string, string>; dispatcher: { status: string } } };
};
const lookup = (code: string, phone: string) => fetch(`${server.url}/api/dossiers/${code}?phone=${phone}`);
const put = (code: string) => fetch(`${server.url}/api/dossiers/${code}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(dossierBody()) });
const webChat = (text: string) => fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });

/** Until `check` holds: the server reconnects on its own, at its own pace. */
const eventually = (check: () => Promise<boolean>, what: string) => waitUntil(check, what, 20_000);

it('reports the database, the channels and the dispatcher in /healthz', async () => {
  await telegram.waitForCalls('getUpdates', 1, 10_000);
  const { status, body } = await health();
  expect(status).toBe(200);
  expect(body).toMatchObject({ status: 'ok', database: { status: 'up' }, channels: { web: 'up', telegram: 'up' }, dispatcher: { status: 'running' } });
});

it('answers 503 while the database is away, stays up, and recovers by itself', async () => {
  const code = nextCode();
  expect((await put(code)).status).toBe(201);
  expect((await lookup(code, '4321')).status).toBe(200);

  await proxy.cut();
  const down = await health();
  expect(down.status).toBe(503);
  expect(down.body).toMatchObject({ status: 'unavailable', database: { status: 'down' }, channels: { telegram: 'up' } });

  for (const res of [await lookup(code, '4321'), await put(nextCode()), await webChat('làm giấy khai sinh cần gì')]) {
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ error: 'unavailable', message: expect.stringContaining('thử lại sau') });
  }
  // A chat on Telegram gets a sentence, not silence.
  telegram.pushUpdate(telegram.textUpdate(501, `/hoso ${code} 4321`));
  await telegram.waitForCalls('sendMessage', 1, 10_000);
  expect(telegram.sentMessages(501).at(-1)!.text).toMatch(/Xin lỗi, hệ thống đang gặp sự cố/);

  await proxy.restore();
  await eventually(async () => (await health()).status === 200, '/healthz to answer 200 again');
  expect((await lookup(code, '4321')).status).toBe(200);
  expect((await put(nextCode())).status).toBe(201);
  expect((await webChat('làm giấy khai sinh cần gì')).status).toBe(200);
  telegram.pushUpdate(telegram.textUpdate(502, `/hoso ${code} 4321`));
  await telegram.waitForCalls('sendMessage', 2, 10_000);
  expect(telegram.sentMessages(502).at(-1)!.text).toContain(code);
}, 60_000);

it('answers a Zalo user with a sentence, not silence, while the database is away', async () => {
  await proxy.cut();
  try {
    // The server's first Zalo message: its token pair was never read from the database.
    const event = signedZaloEvent({ appId: zalo.appId, oaSecretKey: 'oa-key', userId: 'z501', text: 'làm giấy khai sinh cần gì' });
    const response = await fetch(`${server.url}/webhooks/zalo`, { method: 'POST', headers: event.headers, body: event.body });
    expect(response.status).toBe(200);
    const [message] = await zalo.waitForMessages(1, 15_000, 'z501');
    expect(message!.message.text).toMatch(/Xin lỗi, hệ thống đang gặp sự cố/);
  } finally {
    await proxy.restore();
  }
  await eventually(async () => (await health()).status === 200, '/healthz to answer 200 again');
  const again = signedZaloEvent({ appId: zalo.appId, oaSecretKey: 'oa-key', userId: 'z502', text: 'làm giấy khai sinh cần gì' });
  expect((await fetch(`${server.url}/webhooks/zalo`, { method: 'POST', headers: again.headers, body: again.body })).status).toBe(200);
  const [answer] = await zalo.waitForMessages(1, 10_000, 'z502');
  expect(answer!.message.text).toContain('1.001193');
}, 60_000);

it('answers 503 within seconds, not never, while the database host does not answer at all', async () => {
  const code = nextCode();
  expect((await put(code)).status).toBe(201);
  proxy.blackhole();
  const started = Date.now();
  const down = await health();
  expect(down.status).toBe(503);
  const lookedUp = await lookup(code, '4321');
  expect(lookedUp.status).toBe(503);
  expect(await lookedUp.json()).toMatchObject({ error: 'unavailable' });
  // The health check waits 2 s for the database, a new connection 5 s.
  expect(Date.now() - started).toBeLessThan(9_000);
  await proxy.restore();
  await eventually(async () => (await lookup(code, '4321')).status === 200, 'the lookup to answer again');
}, 40_000);

it('survives pg_terminate_backend of all its connections and answers again', async () => {
  const code = nextCode();
  expect((await put(code)).status).toBe(201);
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [appName]);
    expect(rows.length).toBeGreaterThan(0);
  } finally {
    await admin.end();
  }
  await eventually(async () => (await lookup(code, '4321')).status === 200, 'the lookup to answer on new connections');
  expect((await health()).status).toBe(200);
}, 30_000);
