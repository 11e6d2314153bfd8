// The Zalo outbox sender: each Zalo failure mapped for the dispatcher.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textReply } from '../../../src/conversation/message';
import { ZaloClient } from '../../../src/channels/zalo/client';
import { ZaloSender } from '../../../src/channels/zalo/sender';
import type { ZaloTokens, ZaloTokenStore } from '../../../src/store/zalo-tokens';
import type { DeliveryError } from '../../../src/delivery/ports';
import { startFakeZalo, type FakeZalo } from '../../fakes/zalo-api';

class MemoryTokens implements ZaloTokenStore {
  saved: ZaloTokens | undefined;
  async load() {
    return this.saved;
  }
  async save(tokens: ZaloTokens) {
    this.saved = tokens;
  }
}

/** The client's timeout per call; the fake answering later than this is the timeout under test. */
const TIMEOUT_MS = 1000;

describe('Zalo outbox sender', () => {
  let fake: FakeZalo;
  let sender: ZaloSender;
  const tokens = new MemoryTokens();

  beforeAll(async () => {
    fake = await startFakeZalo();
    const client = new ZaloClient({ apiRoot: fake.url, oauthRoot: fake.url, appId: fake.appId, appSecret: fake.appSecret, initialTokens: { accessToken: 'access-1', refreshToken: 'refresh-1' }, store: tokens, timeoutMs: TIMEOUT_MS });
    sender = new ZaloSender(client);
  });
  afterAll(() => fake.close());

  const failure = (promise: Promise<void>) => promise.then(() => undefined, (error: unknown) => error as DeliveryError);

  it('delivers, refreshing an expired token once on the way', async () => {
    fake.expireAccessToken();
    await sender.send('z1', textReply('Hồ sơ của bạn đã có kết quả.'));
    expect(fake.sentMessages('z1').map((m) => m.message.text)).toEqual(['Hồ sơ của bạn đã có kết quả.']);
    expect(tokens.saved).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2' });
  });

  it('shares one refresh between concurrent sends (a refresh token works once)', async () => {
    fake.expireAccessToken();
    await Promise.all(['z2', 'z3', 'z4'].map((user) => sender.send(user, textReply('x'))));
    expect(fake.refreshCount).toBe(2);
    expect(fake.sentMessages().length).toBeGreaterThanOrEqual(4);
  });

  it('maps -213 and -230 to outside_window', async () => {
    fake.failNext('message', { kind: 'error', code: -213, message: 'User has not followed OA' }, { kind: 'error', code: -230, message: 'User has not interacted with the OA in the past 7 days' });
    expect(await failure(sender.send('z5', textReply('x')))).toMatchObject({ failure: 'outside_window' });
    expect(await failure(sender.send('z5', textReply('x')))).toMatchObject({ failure: 'outside_window' });
  });

  it('maps 5xx and timeouts to transient, invalid requests to permanent', async () => {
    fake.failNext('message', { kind: 'status', status: 503 });
    expect(await failure(sender.send('z6', textReply('x')))).toMatchObject({ failure: 'transient' });
    fake.failNext('message', { kind: 'delay', ms: TIMEOUT_MS * 2.5 });
    expect(await failure(sender.send('z6', textReply('x')))).toMatchObject({ failure: 'transient' });
    fake.failNext('message', { kind: 'error', code: -201, message: 'Parameters are invalid' });
    expect(await failure(sender.send('z6', textReply('x')))).toMatchObject({ failure: 'permanent' });
  });

  it('keeps messages waiting (transient) when the refresh itself is refused', async () => {
    fake.expireAccessToken();
    fake.failNext('oauth', { kind: 'error', code: -14014, message: 'Invalid refresh token' });
    expect(await failure(sender.send('z7', textReply('x')))).toMatchObject({ failure: 'transient' });
  });
});
