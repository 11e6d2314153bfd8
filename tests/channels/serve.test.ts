// `motcua serve` end to end: the real assistant answers on the web chat, on Telegram (polling,
// against the fake Bot API) and on Zalo (signed webhook, against the fake Zalo API).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { serve, type Server } from '../../src/main';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { signedZaloEvent, startFakeZalo, type FakeZalo } from '../fakes/zalo-api';

describe('serve with every channel', () => {
  let server: Server;
  let telegram: FakeTelegram;
  let zalo: FakeZalo;

  beforeAll(async () => {
    telegram = await startFakeTelegram({ maxPollHoldMs: 200 });
    zalo = await startFakeZalo();
    server = await serve(
      parseConfig({
        PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'sqlite::memory:', METRICS_TOKEN: 'metrics-test-token',
        ...telegram.env(),
        ...zalo.env('oa-key'),
      }),
      { logger: silentLogger() },
    );
  });
  afterAll(async () => {
    await server?.close();
    await telegram?.close();
    await zalo?.close();
  });

  it('answers on the web chat', async () => {
    const response = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'lam giay khai sinh can gi' }) });
    const body = (await response.json()) as { reply: { blocks: Array<{ text?: string }>; buttons: Array<{ payload: string }> } };
    expect(body.reply.blocks[0]!.text).toContain('1.001193');
    expect(body.reply.buttons.map((b) => b.payload)).toContain('p:1.001193:fee');
  });

  it('answers on Telegram, a deep link opening the procedure', async () => {
    telegram.pushUpdate(telegram.textUpdate(77, '/start p1_001193'));
    await telegram.waitForCalls('sendMessage', 1, 10_000);
    const [message] = telegram.sentMessages(77);
    expect(message!.text).toContain('1.001193');
    expect(message!.reply_markup?.inline_keyboard?.flat().some((b) => b.callback_data === 'p:1.001193:fee')).toBe(true);
  });

  it('counts messages and reply times per channel in /metrics', async () => {
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer metrics-test-token' } })).text();
    expect(metrics).toMatch(/motcua_messages_in_total\{channel="web"\} [1-9]/);
    expect(metrics).toMatch(/motcua_reply_seconds_count\{channel="telegram"\} [1-9]/);
  });

  it('answers on Zalo', async () => {
    const event = signedZaloEvent({ appId: zalo.appId, oaSecretKey: 'oa-key', userId: 'z77', text: 'le phi dang ky khai sinh' });
    const response = await fetch(`${server.url}/webhooks/zalo`, { method: 'POST', headers: event.headers, body: event.body });
    expect(response.status).toBe(200);
    const [message] = await zalo.waitForMessages(1, 10_000, 'z77');
    expect(message!.message.text).toMatch(/Miễn phí|đồng/);
  });
});
