import { expect, it } from 'vitest';
import { StoreChatActivity } from '../../src/store/chat-activity';
import { describeStores } from '../helpers/stores';

describeStores('chat activity', (db) => {
  it('keeps the latest inbound time per chat, with ids as strings', async () => {
    const activity = new StoreChatActivity(db().kysely);
    const zaloId = '5812345678901234567';
    await activity.touch('zalo', zaloId, new Date('2026-11-23T01:00:00Z'));
    await activity.touch('zalo', zaloId, new Date('2026-11-23T02:00:00Z'));
    expect(await activity.lastInboundAt('zalo', zaloId)).toEqual(new Date('2026-11-23T02:00:00Z'));
    expect(await activity.lastInboundAt('telegram', zaloId)).toBeUndefined();
  });
});
