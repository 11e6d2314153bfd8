// The outbox sender: one attempt per call, each Telegram failure mapped for the dispatcher.
import { Telegraf } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textReply } from '../../../src/conversation/message';
import { TelegramSender } from '../../../src/channels/telegram/sender';
import { DeliveryError } from '../../../src/delivery/ports';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-bot-api';

/** The sender's timeout per call; the fake answering later than this is the timeout under test. */
const TIMEOUT_MS = 1000;

describe('Telegram outbox sender', () => {
  let fake: FakeTelegram;
  let sender: TelegramSender;

  beforeAll(async () => {
    fake = await startFakeTelegram();
    sender = new TelegramSender(new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } }).telegram, TIMEOUT_MS);
  });
  afterAll(() => fake.close());

  const failure = (promise: Promise<void>) => promise.then(() => undefined, (error: unknown) => error as DeliveryError);

  it('delivers a reply', async () => {
    await sender.send('3001', textReply('Hồ sơ của bạn đã có kết quả.'));
    expect(fake.sentMessages(3001).map((m) => m.text)).toEqual(['Hồ sơ của bạn đã có kết quả.']);
  });

  it('maps 429 to rate_limited with retry_after in ms, after exactly one attempt', async () => {
    fake.failNext('sendMessage', { kind: 'rate_limit', retryAfter: 12 });
    const before = fake.callsTo('sendMessage').length;
    const error = await failure(sender.send('3002', textReply('x')));
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ failure: 'rate_limited', retryAfterMs: 12_000 });
    expect(fake.callsTo('sendMessage').length - before).toBe(1);
  });

  it('maps 5xx and timeouts to transient', async () => {
    fake.failNext('sendMessage', { kind: 'status', status: 502 });
    expect(await failure(sender.send('3003', textReply('x')))).toMatchObject({ failure: 'transient' });
    fake.failNext('sendMessage', { kind: 'delay', ms: TIMEOUT_MS * 2.5 });
    expect(await failure(sender.send('3003', textReply('x')))).toMatchObject({ failure: 'transient' });
  });

  it('maps a blocked bot and a missing chat to permanent', async () => {
    fake.blockedChats.add('3004');
    fake.missingChats.add('3005');
    expect(await failure(sender.send('3004', textReply('x')))).toMatchObject({ failure: 'permanent' });
    expect(await failure(sender.send('3005', textReply('x')))).toMatchObject({ failure: 'permanent' });
  });

  it('maps an unreachable Bot API to transient', async () => {
    const down = new TelegramSender(new Telegraf(fake.token, { telegram: { apiRoot: 'http://127.0.0.1:1' } }).telegram, 300);
    expect(await failure(down.send('3006', textReply('x')))).toMatchObject({ failure: 'transient' });
  });
});
