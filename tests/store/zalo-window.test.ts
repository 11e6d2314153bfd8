// The ZaloWindowStore contract on SQLite and PostgreSQL: a Zalo user's last inbound time, and
// the messages sent to them since (replies and outbox messages, counted as they are sent).
import { beforeEach, expect, it } from 'vitest';
import { StoreChatActivity } from '../../src/store/chat-activity';
import { KyselyZaloWindowStore } from '../../src/store/zalo-window';
import { describeStores } from '../helpers/stores';

describeStores('zalo window store', (db) => {
  const store = () => new KyselyZaloWindowStore(db().kysely);
  beforeEach(async () => {
    await db().kysely.deleteFrom('outbox').execute();
    await db().kysely.deleteFrom('chat_activity').execute();
  });

  it('reads when a Zalo user last wrote, and nothing for a Telegram chat of the same id', async () => {
    const activity = new StoreChatActivity(db().kysely);
    await activity.touch('zalo', 'z1', new Date(7_000));
    await activity.touch('telegram', 'z2', new Date(7_000));
    expect(await store().lastInboundAt('z1')).toBe(7_000);
    expect(await store().lastInboundAt('z2')).toBeUndefined();
  });

  it('counts the messages sent to a Zalo user since they last wrote, from zero again when they write', async () => {
    const activity = new StoreChatActivity(db().kysely);
    await activity.touch('zalo', 'z1', new Date(1_000));
    await activity.touch('telegram', 'z1', new Date(1_000));
    await store().recordSent('z1');
    await store().recordSent('z1');
    // A user who never wrote has no window: nothing to count in.
    await store().recordSent('z2');
    expect(await store().sentSinceInbound('z1')).toBe(2);
    expect(await store().sentSinceInbound('z2')).toBe(0);
    expect((await db().kysely.selectFrom('chat_activity').select('sent_since_inbound').where('channel', '=', 'telegram').executeTakeFirstOrThrow()).sent_since_inbound).toBe(0);
    await activity.touch('zalo', 'z1', new Date(2_000));
    expect(await store().sentSinceInbound('z1')).toBe(0);
    await store().recordSent('z1');
    expect(await store().sentSinceInbound('z1')).toBe(1);
  });
});
