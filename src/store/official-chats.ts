// Where an official can be reached now: the chats linked when a message is sent (a digest queued
// before an unlink or a relink must follow the link), and their chats on other channels, for a
// message that cannot go where it was queued (Zalo's window closed, a channel not configured here).
import type { Kysely } from 'kysely';
import type { Database } from './database';

export interface OfficialChat {
  channel: string;
  chat_id: string;
}

export interface OfficialChats {
  /** The official's chats on channels other than `exceptChannel`, the most recently linked first. */
  otherChats(officialId: string, exceptChannel: string): Promise<OfficialChat[]>;
  /** Every chat linked to the official now, the most recently linked first. */
  chatsOf(officialId: string): Promise<OfficialChat[]>;
}

export class KyselyOfficialChats implements OfficialChats {
  constructor(private readonly db: Kysely<Database>) {}

  async otherChats(officialId: string, exceptChannel: string): Promise<OfficialChat[]> {
    return (await this.chatsOf(officialId)).filter((c) => c.channel !== exceptChannel);
  }

  chatsOf(officialId: string): Promise<OfficialChat[]> {
    return this.db.selectFrom('chat_links').select(['channel', 'chat_id']).where('official_id', '=', officialId).orderBy('linked_at', 'desc').execute();
  }
}
