// Putting a message in the outbox. Delivery is the dispatcher's job.
import crypto from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { ChannelName, Reply } from '../assistant/reply';
import type { Database } from '../store/database';
import type { DeliveryTables } from './tables';

export interface OutgoingMessage {
  channel: Exclude<ChannelName, 'cli' | 'web'>;
  chatId: string;
  kind: string;
  reply: Reply;
  /** Same key, same message: a second enqueue is ignored. */
  dedupeKey?: string;
  officialId?: string;
}

function toRow(message: OutgoingMessage, now: Date): Insertable<DeliveryTables['outbox']> {
  return {
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
    failed_at: null,
    retried_at: null,
  };
}

/** Returns true when a new row was written, false when the dedupe key already existed. */
export async function enqueue(db: Kysely<Database>, message: OutgoingMessage, now: Date): Promise<boolean> {
  return (await enqueueMany(db, [message], now)) > 0;
}

// 17 columns × 500 rows stays under SQLite's and PostgreSQL's bound-parameter limits.
const BATCH_ROWS = 400;

/** Enqueues in batched inserts; returns how many rows were new (dedupe keys already present are skipped). */
export async function enqueueMany(db: Kysely<Database>, messages: readonly OutgoingMessage[], now: Date): Promise<number> {
  let inserted = 0;
  // Messages to one chat queued together go out in the order given (a digest before its
  // Mẫu 04 drafts): each gets the next millisecond, since the dispatcher orders by created_at.
  const perChat = new Map<string, number>();
  const all = messages.map((m) => {
    const key = `${m.channel}:${m.chatId}`;
    const k = perChat.get(key) ?? 0;
    perChat.set(key, k + 1);
    return toRow(m, new Date(now.getTime() + k));
  });
  for (let i = 0; i < all.length; i += BATCH_ROWS) {
    const rows = all.slice(i, i + BATCH_ROWS);
    const result = await db
      .insertInto('outbox')
      .values(rows)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return inserted;
}
