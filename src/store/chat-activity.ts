// When each chat last wrote to us (Zalo's free-reply window depends on it), in chat_activity.
import type { Kysely } from 'kysely';
import type { Database } from './database';
import type { ChatActivity } from '../conversation/engine';
import type { Incoming } from '../conversation/message';

export class StoreChatActivity implements ChatActivity {
  constructor(private readonly db: Kysely<Database>) {}

  async touch(channel: Incoming['channel'], chatId: string, at: Date): Promise<void> {
    await this.db
      .insertInto('chat_activity')
      .values({ channel, chat_id: chatId, last_inbound_at: at.getTime() })
      // A new message opens a new window: nothing sent in it yet.
      .onConflict((oc) => oc.columns(['channel', 'chat_id']).doUpdateSet({ last_inbound_at: at.getTime(), sent_since_inbound: 0 }))
      .execute();
  }

  async lastInboundAt(channel: Incoming['channel'], chatId: string): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('chat_activity')
      .select('last_inbound_at')
      .where('channel', '=', channel)
      .where('chat_id', '=', chatId)
      .executeTakeFirst();
    return row ? new Date(row.last_inbound_at) : undefined;
  }
}
