// What Zalo's free-reply window is judged on, as stored in chat_activity: when a Zalo user last
// wrote to the OA, and how many messages the OA sent them since (the webhook's replies and the
// outbox's messages alike, one per message Zalo takes, as Zalo counts them).
import type { Kysely } from 'kysely';
import type { Database } from './database';

/** Counts each message sent to a Zalo user into their current window. */
export interface ZaloSentCounter {
  recordSent(chatId: string): Promise<void>;
}

export interface ZaloWindowStore extends ZaloSentCounter {
  /** When the user last wrote to the OA, in epoch ms; undefined if never (or pruned). */
  lastInboundAt(chatId: string): Promise<number | undefined>;
  /** Messages sent to the user since they last wrote. */
  sentSinceInbound(chatId: string): Promise<number>;
}

export class KyselyZaloWindowStore implements ZaloWindowStore {
  constructor(private readonly db: Kysely<Database>) {}

  async lastInboundAt(chatId: string): Promise<number | undefined> {
    return (await this.activity(chatId))?.last_inbound_at;
  }

  async sentSinceInbound(chatId: string): Promise<number> {
    return Number((await this.activity(chatId))?.sent_since_inbound ?? 0);
  }

  /** The user's chat_activity row, if they ever wrote (and it was not pruned). */
  private activity(chatId: string) {
    return this.db
      .selectFrom('chat_activity')
      .select(['last_inbound_at', 'sent_since_inbound'])
      .where('channel', '=', 'zalo')
      .where('chat_id', '=', chatId)
      .executeTakeFirst();
  }

  /** One atomic increment; a user who never wrote has no window to count in. */
  async recordSent(chatId: string): Promise<void> {
    await this.db
      .updateTable('chat_activity')
      .set((eb) => ({ sent_since_inbound: eb('sent_since_inbound', '+', 1) }))
      .where('channel', '=', 'zalo')
      .where('chat_id', '=', chatId)
      .execute();
  }
}
