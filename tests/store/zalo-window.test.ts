// The ZaloWindowStore contract on SQLite and PostgreSQL: a Zalo user's last inbound time, and
// the messages sent to them since.
import { beforeEach, expect, it } from 'vitest';
import { StoreChatActivity } from '../../src/store/chat-activity';
import { KyselyOutboxStore } from '../../src/store/outbox';
import { KyselyZaloWindowStore } from '../../src/store/zalo-window';
import { describeStores } from '../helpers/stores';
import { outboxRow } from './outbox-rows';

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

  it('counts the messages sent to a Zalo user at or after a time', async () => {
    await new KyselyOutboxStore(db().kysely).insert([
      outboxRow({ channel: 'zalo', chat_id: 'z1', state: 'sent', sent_at: 999 }),
      outboxRow({ channel: 'zalo', chat_id: 'z1', state: 'sent', sent_at: 1_000 }),
      outboxRow({ channel: 'zalo', chat_id: 'z1', state: 'sent', sent_at: 2_000 }),
      outboxRow({ channel: 'zalo', chat_id: 'z1', state: 'pending' }),
      outboxRow({ channel: 'zalo', chat_id: 'z9', state: 'sent', sent_at: 2_000 }),
      outboxRow({ channel: 'telegram', chat_id: 'z1', state: 'sent', sent_at: 2_000 }),
    ]);
    expect(await store().sentSince('z1', 1_000)).toBe(2);
    expect(await store().sentSince('z2', 0)).toBe(0);
  });
});
