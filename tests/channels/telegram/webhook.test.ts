// telegraf in webhook mode: the fake Bot API posts updates to our real HTTP server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegram, TELEGRAM_WEBHOOK_PATH, type TelegramChannel } from '../../../src/channels/telegram';
import { silentLogger } from '../../../src/log';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-bot-api';
import { recordingEngine, type RecordingEngine } from '../engines';
import { serveMounts, type TestServer } from '../http';
import { Router } from 'express';

describe('Telegram in webhook mode', () => {
  let fake: FakeTelegram;
  let engine: RecordingEngine;
  let channel: TelegramChannel;
  let server: TestServer;
  const secret = 'webhook-secret-0123456789';

  beforeAll(async () => {
    fake = await startFakeTelegram();
    engine = recordingEngine();
    // As in serve: the channel is built first, its router mounted, then started once the server listens.
    const slot = Router();
    server = await serveMounts([{ path: TELEGRAM_WEBHOOK_PATH, router: slot }]);
    channel = createTelegram(
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: `${server.url}${TELEGRAM_WEBHOOK_PATH}`, TELEGRAM_WEBHOOK_SECRET: secret },
      engine,
      { logger: silentLogger() },
    );
    slot.use(channel.router!);
    await channel.start();
  });
  afterAll(async () => {
    await channel.stop();
    await server.close();
    await fake.close();
  });

  it('registers the webhook with its secret and does not poll', () => {
    expect(fake.webhook).toEqual({ url: `${server.url}/webhooks/telegram`, secretToken: secret });
    expect(fake.callsTo('getUpdates')).toHaveLength(0);
  });

  it('answers an update posted with the right secret', async () => {
    expect(await fake.deliverToWebhook(fake.textUpdate(2001, 'dang ky ket hon'))).toBe(200);
    await fake.waitForCalls('sendMessage', 1);
    expect(fake.sentMessages(2001)[0]!.text).toContain('dang ky ket hon');
  });

  it('routes button presses and answers their callback query', async () => {
    expect(await fake.deliverToWebhook(fake.callbackUpdate(2002, 'p:1.001193:papers'))).toBe(200);
    await fake.waitForCalls('answerCallbackQuery', 1);
    await fake.waitForMessages(1, 5000, 2002);
    expect(engine.seen.at(-1)).toMatchObject({ chatId: '2002', payload: 'p:1.001193:papers' });
  });

  it('refuses a wrong or missing secret with 401 and handles nothing', async () => {
    const before = engine.seen.length;
    expect(await fake.deliverToWebhook(fake.textUpdate(2003, 'x'), 'wrong-secret')).toBe(401);
    expect(await fake.deliverToWebhook(fake.textUpdate(2003, 'x'), null)).toBe(401);
    expect(engine.seen.length).toBe(before);
  });

  it('answers broken JSON with 400 JSON, and a body that is not an update with 200 (Telegram would resend it for hours)', async () => {
    const post = (body: string) => fetch(`${server.url}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body });
    const before = engine.seen.length;
    const broken = await post('{"update_id": 1,');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: 'bad_request' });
    const notUpdate = await post('{"hello": "world"}');
    expect(notUpdate.status).toBe(200);
    expect(engine.seen.length).toBe(before);
  });
});

