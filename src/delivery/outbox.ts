// Putting a message in the outbox. Delivery is the dispatcher's job.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ChannelName, Reply } from '../assistant/reply';
import type { Database } from '../store/database';

export interface OutgoingMessage {
  channel: Exclude<ChannelName, 'cli' | 'web'>;
  chatId: string;
  kind: string;
  reply: Reply;
  /** Same key, same message: a second enqueue is ignored. */
  dedupeKey?: string;
  officialId?: string;
}

/** Returns true when a new row was written, false when the dedupe key already existed. */
export async function enqueue(db: Kysely<Database>, message: OutgoingMessage, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('outbox')
    .values({
      id: crypto.randomUUID(),
      channel: message.channel,
      chat_id: message.chatId,
      kind: message.kind,
      body: JSON.stringify(message.reply),
      dedupe_key: message.dedupeKey ?? null,
      state: 'pending',
      attempts: 0,
      next_attempt_at: now.getTime(),
      claimed_until: null,
      claimed_by: null,
      last_error: null,
      official_id: message.officialId ?? null,
      created_at: now.getTime(),
      sent_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
