// What Zalo's free-reply window is judged on, as stored: when a Zalo user last wrote to the OA
// (chat_activity) and how many messages the outbox sent them since.
import type { Kysely } from 'kysely';
import type { Database } from './database';

export interface ZaloWindowStore {
  /** When the user last wrote to the OA, in epoch ms; undefined if never (or pruned). */
  lastInboundAt(chatId: string): Promise<number | undefined>;
  /** Messages sent to the user at or after `since` (epoch ms). */
  sentSince(chatId: string, since: number): Promise<number>;
}

export class KyselyZaloWindowStore implements ZaloWindowStore {
  constructor(private readonly db: Kysely<Database>) {}

  async lastInboundAt(chatId: string): Promise<number | undefined> {
    const activity = await this.db
      .selectFrom('chat_activity')
      .select('last_inbound_at')
      .where('channel', '=', 'zalo')
      .where('chat_id', '=', chatId)
      .executeTakeFirst();
    return activity?.last_inbound_at;
  }

  async sentSince(chatId: string, since: number): Promise<number> {
    const sent = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel', '=', 'zalo')
      .where('chat_id', '=', chatId)
      .where('state', '=', 'sent')
      .where('sent_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(sent.n);
  }
}
