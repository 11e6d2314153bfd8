// Issue 14, item 5: a whole scenario through `motcua serve` with every log line captured at
// trace level, then every secret the scenario used is searched for in the logs. The scenario
// makes libraries fail on purpose: telegraf cannot reach the Bot API (its error names the URL
// with the token), the Bot API refuses a reply (telegraf's error carries the payload with the
// dossier code), the Zalo token expires and is refreshed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseConfig } from '../src/config';
import { createApiKey } from '../src/dossiers/keys';
import { serve, type Server } from '../src/main';
import { startFakeTelegram, type FakeTelegram } from './fakes/telegram-bot-api';
import { signedZaloEvent, startFakeZalo, type FakeZalo } from './fakes/zalo-api';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy';
import { waitUntil } from './helpers/wait';

const TOKEN = '7312456789:AAHf3kLmNoPqRsTuVwXyZ0123456789abcd';
const CODE = '000.00.20.H56-261124-0042';
const NAME = 'Nguyễn Thị Bích Ngọc';
const PHONE = '0912345678';
const DIGITS = '5678';
const OA_KEY = 'oa-secret-key-redaction-01';
const START = new Date('2026-11-25T08:30:00+07:00').getTime();

let dir: string;
let telegram: FakeTelegram;
let zalo: FakeZalo;
let proxy: TcpProxy;
let server: Server;
let apiKey: string;
const lines: string[] = [];
const logText = () => lines.join('\n');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-redaction-'));
  telegram = await startFakeTelegram({ token: TOKEN, maxPollHoldMs: 200 });
  zalo = await startFakeZalo();
  // The Bot API is unreachable when the server starts: connections are refused.
  proxy = await startTcpProxy('127.0.0.1', Number(new URL(telegram.apiRoot).port));
  await proxy.cut();
  const logs = new PassThrough();
  logs.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const offset = START - Date.now();
  server = await serve(parseConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${path.join(dir, 'motcua.db')}`, LOG_LEVEL: 'trace', DISPATCH_INTERVAL_MS: '100',
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${proxy.port}`,
    ...zalo.env(OA_KEY),
  }), { logDestination: logs, clock: { now: () => new Date(Date.now() + offset) } });
  apiKey = (await createApiKey(server.context.stores.apiKeys, '000.00.20.H56', new Date(START))).key;
});

afterAll(async () => {
  await server?.close();
  await proxy?.close();
  await telegram?.close();
  await zalo?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a full scenario leaves no token, dossier code, digits, phone number or name in any log line', async () => {
  // 1. Telegram cannot connect; the server logs telegraf's error (which names the URL) and retries.
  await waitUntil(() => lines.some((l) => l.includes('Bot API unreachable')), 'the first connection failure to be logged', 10_000);
  await proxy.restore();
  await telegram.waitForCalls('getUpdates', 1, 20_000);

  // 2. A one-stop system sends the dossier, with the applicant's name and phone.
  const put = await fetch(`${server.url}/api/dossiers/${CODE}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ procedureCode: '1.001193', unit: 'UBND xã Hòa An', applicantName: NAME, applicantPhone: PHONE, channel: 'direct', receivedAt: '2026-11-24T10:00:00+07:00' }),
  });
  expect(put.status).toBeLessThan(300);
  expect((await fetch(`${server.url}/api/dossiers/${CODE}?phone=${DIGITS}`)).status).toBe(200);

  // 3. The citizen follows it on Telegram; the Bot API refuses the first answer (telegraf's error
  //    carries the answer, code included), then the next ones go through.
  telegram.failNext('sendMessage', { kind: 'status', status: 400, description: "Bad Request: can't parse entities" });
  telegram.pushUpdate(telegram.textUpdate(501, `/theodoi ${CODE} ${DIGITS}`));
  await waitUntil(() => lines.some((l) => l.includes('telegram: update failed')), 'the refused reply to be logged', 10_000);
  telegram.pushUpdate(telegram.textUpdate(501, `/theodoi ${CODE} ${DIGITS}`));
  await telegram.until(() => telegram.sentMessages(501).some((m) => m.text.includes('Đã theo dõi')), 'the subscription reply', 10_000);

  // 4. The web chat and Zalo get the same questions, with the phone number and the name typed in.
  const chat = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `tôi là ${NAME}, số ${PHONE}, hồ sơ ${CODE} ${DIGITS}` }) });
  expect(chat.status).toBe(200);
  zalo.expireAccessToken();
  const event = signedZaloEvent({ appId: zalo.appId, oaSecretKey: OA_KEY, userId: 'z777', text: `/hoso ${CODE} ${DIGITS}`, timestamp: String(server.context.clock.now().getTime()) });
  expect((await fetch(`${server.url}/webhooks/zalo`, { method: 'POST', headers: event.headers, body: event.body })).status).toBe(200);
  await zalo.waitForMessages(1, 10_000, 'z777');

  // 5. The status changes: the outbox tells the subscriber.
  const changed = await fetch(`${server.url}/api/dossiers/${CODE}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ type: 'status', at: '2026-11-25T08:00:00+07:00', status: 'ready' }),
  });
  expect(changed.status).toBeLessThan(300);
  await telegram.until(() => telegram.sentMessages(501).some((m) => m.text.includes('Đã có kết quả')), 'the status message', 15_000);

  await server.close();
  server = undefined as unknown as Server;

  // The scenario did produce library errors in the logs...
  const text = logText();
  expect(lines.length).toBeGreaterThan(5);
  expect(text).toContain('ECONNREFUSED');
  expect(text).toContain("can't parse entities");
  // ...and none of the secrets it used.
  const secrets = {
    token: TOKEN, tokenSecretPart: TOKEN.split(':')[1]!, code: CODE, codeSerial: `261124-0042`, name: NAME, nameEnd: 'Bích Ngọc', phone: PHONE, phoneSpaced: '0912 345 678',
    apiKey, zaloAppSecret: zalo.appSecret, oaKey: OA_KEY, zaloAccess: zalo.accessToken, zaloRefresh: zalo.refreshToken,
  };
  for (const [what, secret] of Object.entries(secrets)) expect(text.includes(secret), `${what} found in the logs`).toBe(false);
  expect(text).not.toMatch(new RegExp(`(?<!\\d)${DIGITS}(?!\\d)`));
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
}, 60_000);
