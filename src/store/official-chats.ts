// Where else an official can be reached: their chats linked on other channels, for a message
// that cannot go where it was queued (Zalo's window closed, a channel not configured here).
import type { Kysely } from 'kysely';
import type { Database } from './database';

export interface OfficialChat {
  channel: string;
  chat_id: string;
}

export interface OfficialChats {
  /** The official's chats on channels other than `exceptChannel`, the most recently linked first. */
  otherChats(officialId: string, exceptChannel: string): Promise<OfficialChat[]>;
}

export class KyselyOfficialChats implements OfficialChats {
  constructor(private readonly db: Kysely<Database>) {}

  otherChats(officialId: string, exceptChannel: string): Promise<OfficialChat[]> {
    return this.db
      .selectFrom('chat_links')
      .select(['channel', 'chat_id'])
      .where('official_id', '=', officialId)
      .where('channel', '!=', exceptChannel)
      .orderBy('linked_at', 'desc')
      .execute();
  }
}
