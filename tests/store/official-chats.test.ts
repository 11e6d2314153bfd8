// The OfficialChats contract on SQLite and PostgreSQL: an official's chats (all, or on other
// channels), the most recently linked first.
import { expect, it } from 'vitest';
import { KyselyOfficialChats } from '../../src/store/official-chats';
import { describeStores } from '../helpers/stores';

describeStores('official chats', (db) => {
  it('lists an official’s chats on the other channels, newest link first', async () => {
    await db().kysely.insertInto('chat_links').values([
      { official_id: 'cb-1', channel: 'zalo', chat_id: 'z1', linked_at: 1 },
      { official_id: 'cb-1', channel: 'telegram', chat_id: 't-old', linked_at: 2 },
      { official_id: 'cb-1', channel: 'web', chat_id: 'w1', linked_at: 3 },
      { official_id: 'cb-2', channel: 'telegram', chat_id: 't2', linked_at: 4 },
    ]).execute();
    const chats = new KyselyOfficialChats(db().kysely);
    expect(await chats.otherChats('cb-1', 'zalo')).toEqual([{ channel: 'web', chat_id: 'w1' }, { channel: 'telegram', chat_id: 't-old' }]);
    expect(await chats.otherChats('cb-3', 'zalo')).toEqual([]);
    // Where a message queued for the official may go now.
    expect(await chats.chatsOf('cb-1')).toEqual([{ channel: 'web', chat_id: 'w1' }, { channel: 'telegram', chat_id: 't-old' }, { channel: 'zalo', chat_id: 'z1' }]);
    expect(await chats.chatsOf('cb-3')).toEqual([]);
  });
});
