// Zalo lets an OA write to a user for 48 hours after the user's last message of any kind: a
// sticker or a photo counts as much as a typed question. An official who answers the morning
// digest with a sticker must still get tomorrow's.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createZaloChannel, ZALO_WEBHOOK_PATH, type ZaloChannel } from '../../../src/channels/zalo';
import { NON_TEXT } from '../../../src/channels/wording';
import { systemClock } from '../../../src/clock';
import { replyToPlainText, textReply } from '../../../src/conversation/message';
import { createDispatcher } from '../../../src/delivery/dispatcher';
import { enqueue } from '../../../src/delivery/outbox';
import { silentLogger } from '../../../src/log';
import { createStores } from '../../../src/store/stores';
import { describeStores } from '../../helpers/stores';
import { signedZaloEvent, startFakeZalo, type FakeZalo } from '../../fakes/zalo-api';
import { recordingEngine } from '../engines';
import { serveMounts, type TestServer } from '../http';

const oaSecretKey = 'oa-secret-key';
const DAY = 24 * 60 * 60 * 1000;

describeStores('Zalo free-reply window', (db) => {
  let fake: FakeZalo;
  let channel: ZaloChannel;
  let server: TestServer;

  beforeAll(async () => {
    fake = await startFakeZalo();
    channel = createZaloChannel(fake.env(oaSecretKey), recordingEngine(), { stores: createStores(db()), logger: silentLogger() });
    server = await serveMounts([{ path: ZALO_WEBHOOK_PATH, router: channel.router }]);
  });
  afterAll(async () => {
    await channel.stop();
    await server.close();
    await fake.close();
  });

  it('a sticker keeps the window open: the next outbox message to that user is delivered', async () => {
    const stores = createStores(db());
    // The official linked this chat by a typed message three days ago...
    await stores.chatActivity.touch('zalo', 'official-z', new Date(Date.now() - 3 * DAY));
    // ...and has answered each digest since with a sticker.
    const sticker = signedZaloEvent({ appId: fake.appId, oaSecretKey, userId: 'official-z', eventName: 'user_send_sticker', extra: { message: { msg_id: 'st-1', attachments: [{ type: 'sticker' }] } } });
    expect((await fetch(`${server.url}${ZALO_WEBHOOK_PATH}`, { method: 'POST', headers: sticker.headers, body: sticker.body })).status).toBe(200);
    await fake.waitForMessages(1, 5000, 'official-z');
    await channel.idle();
    expect(fake.sentMessages('official-z')[0]!.message.text).toBe(replyToPlainText(NON_TEXT));

    await enqueue(stores.outbox, { channel: 'zalo', chatId: 'official-z', kind: 'digest', reply: textReply('Hồ sơ quá hạn hôm nay: 2.') }, new Date());
    const dispatcher = createDispatcher({ stores, senders: [channel.sender], clock: systemClock, logger: silentLogger(), options: { ratePerSecond: { zalo: 5 } } });
    const pass = await dispatcher.runOnce();
    expect(pass).toMatchObject({ sent: 1, undeliverable: 0 });
    expect(fake.sentMessages('official-z').map((m) => m.message.text)).toContain('Hồ sơ quá hạn hôm nay: 2.');
  });
});
