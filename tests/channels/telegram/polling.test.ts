// telegraf against the fake Bot API in long-polling mode, end to end.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTelegram, type TelegramChannel } from '../../../src/channels/telegram';
import { escapeHtml } from '../../../src/channels/telegram/render';
import { NON_TEXT, TOO_LONG } from '../../../src/channels/wording';
import { replyToPlainText } from '../../../src/conversation/message';
import { silentLogger } from '../../../src/log';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-bot-api';
import { recordingEngine, type RecordingEngine } from '../engines';

/**
 * A slow Bot API answer to the first press is the behaviour under test: without the per-chat
 * queue the second press, answered at once, would overtake it. Nothing signals "the second
 * press is waiting its turn", so this one wait stays.
 */
const SLOW_FIRST_SEND_MS = 200;

describe('Telegram in polling mode', () => {
  let fake: FakeTelegram;
  let engine: RecordingEngine;
  let channel: TelegramChannel;
  const waits: number[] = [];

  beforeAll(async () => {
    fake = await startFakeTelegram({ maxPollHoldMs: 200 });
    engine = recordingEngine();
    channel = await startTelegram(
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: undefined, TELEGRAM_WEBHOOK_SECRET: undefined },
      engine,
      {
        logger: silentLogger(),
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    );
    await fake.waitForCalls('getUpdates', 1);
  });
  afterAll(async () => {
    await channel.stop();
    await fake.close();
  });
  afterEach(() => {
    engine.seen.length = 0;
  });

  it('deletes any webhook before polling, as Telegram requires', () => {
    expect(fake.callsTo('deleteWebhook')).toHaveLength(1);
  });

  it('answers free text with the engine reply in HTML with an inline keyboard', async () => {
    fake.pushUpdate(fake.textUpdate(1001, 'lam giay khai sinh can gi'));
    const [call] = await fake.waitForMessages(1, 5000, 1001);
    expect(engine.seen[0]).toMatchObject({ channel: 'telegram', chatId: '1001', text: 'lam giay khai sinh can gi' });
    expect(call!.parse_mode).toBe('HTML');
    expect(call!.text).toContain('<b>Đăng ký khai sinh</b>');
    expect(call!.text).toContain('&lt;b&gt; &amp; &quot;x&quot;');
    expect((call!.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data)).toEqual(['p:1.001193:fee', 'p:1.001193:papers']);
  });

  it('opens a procedure from a /start deep link', async () => {
    fake.pushUpdate(fake.textUpdate(1002, '/start p1_001193'));
    await fake.waitForMessages(1, 5000, 1002);
    expect(engine.seen[0]).toMatchObject({ payload: 'p:1.001193', text: '' });
  });

  it('answers the callback query and routes the button payload', async () => {
    fake.pushUpdate(fake.callbackUpdate(1003, 'p:1.001193:fee'));
    await fake.waitForMessages(1, 5000, 1003);
    expect(engine.seen[0]).toMatchObject({ chatId: '1003', payload: 'p:1.001193:fee' });
    expect(fake.callsTo('answerCallbackQuery').length).toBeGreaterThanOrEqual(1);
  });

  it('sends the reply to a button press while the Bot API has not yet answered the press acknowledgement', async () => {
    fake.failNext('answerCallbackQuery', { kind: 'hold' });
    fake.pushUpdate(fake.callbackUpdate(1009, 'p:1.001193:fee'));
    const [sent] = await fake.waitForMessages(1, 5000, 1009);
    expect(sent!.text).toContain('p:1.001193:fee');
    // The acknowledgement was asked for, and is still unanswered now that the reply has arrived.
    const held = fake.heldCalls.filter((c) => c.method === 'answerCallbackQuery');
    expect(held).toHaveLength(1);
    expect(held[0]!.status).toBe(0);
  });

  it('sends the reply to a button press when the acknowledgement fails with a 500', async () => {
    fake.failNext('answerCallbackQuery', { kind: 'status', status: 500 });
    fake.pushUpdate(fake.callbackUpdate(1010, 'p:1.001193:papers'));
    const [sent] = await fake.waitForMessages(1, 5000, 1010);
    expect(sent!.text).toContain('p:1.001193:papers');
    expect(fake.callsTo('answerCallbackQuery').map((c) => c.status)).toContain(500);
  });

  it('asks for text after a sticker, a photo or a location, and refuses a 10,000-character message', async () => {
    fake.pushUpdate(fake.messageUpdate(1004, { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } }));
    fake.pushUpdate(fake.messageUpdate(1004, { photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] }));
    fake.pushUpdate(fake.messageUpdate(1004, { location: { latitude: 21.02, longitude: 105.84 } }));
    fake.pushUpdate(fake.textUpdate(1004, 'x'.repeat(10_000)));
    const sent = await fake.waitForMessages(4, 5000, 1004);
    expect(sent.filter((m) => m.text === escapeHtml(replyToPlainText(NON_TEXT)))).toHaveLength(3);
    expect(sent.filter((m) => m.text === escapeHtml(replyToPlainText(TOO_LONG)))).toHaveLength(1);
    expect(engine.seen).toHaveLength(0);
  });

  it('waits exactly retry_after seconds after a 429 and then delivers the reply', async () => {
    fake.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 7 });
    waits.length = 0;
    fake.pushUpdate(fake.textUpdate(1005, 'phi bao nhieu'));
    await fake.waitForMessages(1, 5000, 1005);
    expect(waits).toEqual([7000]);
  });

  it('delivers the reply when the Bot API answers 5xx to the first sends, backing off between tries', async () => {
    fake.failNext('sendMessage', { kind: 'status', status: 502, description: 'Bad Gateway' }, { kind: 'status', status: 500, description: 'Internal Server Error' });
    waits.length = 0;
    fake.pushUpdate(fake.textUpdate(1008, 'le phi khai sinh'));
    const [sent] = await fake.waitForMessages(1, 5000, 1008);
    expect(sent!.text).toContain('le phi khai sinh');
    expect(fake.callsTo('sendMessage').filter((c) => String(c.body.chat_id) === '1008').map((c) => c.status)).toEqual([502, 500, 200]);
    expect(waits).toEqual([1000, 2000]);
  });

  it('answers two quick button presses from one chat in the order they were made', async () => {
    fake.failNext('sendMessage', { kind: 'delay', ms: SLOW_FIRST_SEND_MS });
    // One batch: telegraf handles a batch's updates concurrently.
    fake.pushUpdates(fake.callbackUpdate(1007, 'p:1.001193:fee'), fake.callbackUpdate(1007, 'p:1.001193:time'));
    const sent = await fake.waitForMessages(2, 5000, 1007);
    expect(sent.map((m) => /p:1\.001193:(\w+)/.exec(m.text)?.[1])).toEqual(['fee', 'time']);
  });

  it('keeps polling after the engine reply fails to send (bot.catch)', async () => {
    fake.failNext('sendMessage', { kind: 'status', status: 400, description: 'Bad Request: something odd' });
    fake.pushUpdate(fake.textUpdate(1006, 'mot'));
    fake.pushUpdate(fake.textUpdate(1006, 'hai'));
    await fake.waitForMessages(1, 5000, 1006);
    expect(engine.seen.map((i) => i.text)).toEqual(['mot', 'hai']);
  });
});

