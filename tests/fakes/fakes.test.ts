// The fakes themselves behave like the services they stand in for, so tests built on them mean something.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Telegraf } from 'telegraf';
import { checkTelegramHtml, startFakeTelegram, type FakeTelegram } from './telegram-bot-api';
import { startFakeZalo, type FakeZalo } from './zalo-api';

describe('fake Telegram Bot API', () => {
  let fake: FakeTelegram;
  beforeAll(async () => {
    fake = await startFakeTelegram();
  });
  afterAll(() => fake.close());

  it('answers telegraf calls and records them', async () => {
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
    const me = await bot.telegram.getMe();
    expect(me.username).toBe(fake.botUsername);
    await bot.telegram.sendMessage(42, 'Xin <b>chào</b>', { parse_mode: 'HTML' });
    expect(fake.sentMessages(42).map((m) => m.text)).toEqual(['Xin <b>chào</b>']);
  });

  it('fails on schedule with 429 and retry_after, then recovers', async () => {
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
    fake.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 3 });
    await expect(bot.telegram.sendMessage(1, 'a')).rejects.toMatchObject({ code: 429, parameters: { retry_after: 3 } });
    await expect(bot.telegram.sendMessage(1, 'a')).resolves.toMatchObject({ text: 'a' });
  });

  it('rejects what Telegram rejects: bad HTML, long text, fat callback_data, blocked chats', async () => {
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
    expect(checkTelegramHtml('a < b')).toBeDefined();
    expect(checkTelegramHtml('a &lt; b &amp; <a href="https://x.vn">x</a>')).toBeUndefined();
    await expect(bot.telegram.sendMessage(1, 'x'.repeat(4097))).rejects.toMatchObject({ code: 400 });
    await expect(bot.telegram.sendMessage(1, 'x', { reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'đ'.repeat(33) }]] } })).rejects.toMatchObject({ code: 400 });
    fake.blockedChats.add('7');
    await expect(bot.telegram.sendMessage(7, 'x')).rejects.toMatchObject({ code: 403 });
  });

  it('hands queued updates to a long poll', async () => {
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
    const pending = bot.telegram.callApi('getUpdates', { offset: 0, timeout: 5 });
    // The update comes while the poll is held, not before it arrived.
    await fake.until(() => fake.heldPolls === 1, 'the long poll to be held');
    fake.pushUpdate(fake.textUpdate(5, 'hello'));
    const updates = (await pending) as Array<{ message?: { text?: string } }>;
    expect(updates[0]?.message?.text).toBe('hello');
  });
});

describe('fake Zalo API', () => {
  let fake: FakeZalo;
  beforeAll(async () => {
    fake = await startFakeZalo();
  });
  afterAll(() => fake.close());

  const send = (token: string, text: string) =>
    fetch(`${fake.url}/v3.0/oa/message/cs`, { method: 'POST', headers: { access_token: token, 'content-type': 'application/json' }, body: JSON.stringify({ recipient: { user_id: 'u1' }, message: { text } }) }).then((r) => r.json() as Promise<{ error: number }>);

  it('accepts the current token and answers -216 once it has expired, until a refresh', async () => {
    expect((await send('access-1', 'chào')).error).toBe(0);
    fake.expireAccessToken();
    expect((await send('access-1', 'chào')).error).toBe(-216);
    const form = new URLSearchParams({ refresh_token: 'refresh-1', app_id: fake.appId, grant_type: 'refresh_token' });
    const refreshed = (await fetch(`${fake.url}/v4/oa/access_token`, { method: 'POST', headers: { secret_key: fake.appSecret, 'content-type': 'application/x-www-form-urlencoded' }, body: form }).then((r) => r.json())) as { access_token: string; refresh_token: string };
    expect(refreshed).toMatchObject({ access_token: 'access-2', refresh_token: 'refresh-2' });
    expect((await send('access-2', 'chào')).error).toBe(0);
    // A refresh token is single-use.
    const again = (await fetch(`${fake.url}/v4/oa/access_token`, { method: 'POST', headers: { secret_key: fake.appSecret, 'content-type': 'application/x-www-form-urlencoded' }, body: form }).then((r) => r.json())) as { error: number };
    expect(again.error).toBeLessThan(0);
  });

  it('fails on schedule', async () => {
    fake.failNext('message', { kind: 'error', code: -213 });
    expect((await send(fake.accessToken, 'x')).error).toBe(-213);
    expect((await send(fake.accessToken, 'x'.repeat(2001))).error).toBe(-201);
  });
});
