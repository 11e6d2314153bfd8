// Putting a message in the outbox. Delivery is the dispatcher's job.
import crypto from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { ChannelName, Reply } from '../conversation/message';
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

function toRow(message: OutgoingMessage, now: Date, createdAt: number): Insertable<DeliveryTables['outbox']> {
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
    created_at: createdAt,
    sent_at: null,
    failed_at: null,
    retried_at: null,
  };
}

/** The last created_at given to each chat by this process (bounded; the least recent chats go first). */
const lastCreated = new LRUCache<string, number>({ max: 10_000 });

function nextCreatedAt(chat: string, now: number): number {
  const last = lastCreated.get(chat);
  // A clock set back (tests, an NTP step) by more than a minute starts afresh.
  const at = last !== undefined && last >= now && last - now < 60_000 ? last + 1 : now;
  lastCreated.set(chat, at);
  return at;
}

/** Returns true when a new row was written, false when the dedupe key already existed. */
export async function enqueue(db: Kysely<Database>, message: OutgoingMessage, now: Date): Promise<boolean> {
  return (await enqueueMany(db, [message], now)) > 0;
}

// 17 columns × 400 rows stays under SQLite's and PostgreSQL's bound-parameter limits.
const BATCH_ROWS = 400;

/** Enqueues in batched inserts; returns how many rows were new (dedupe keys already present are skipped). */
export async function enqueueMany(db: Kysely<Database>, messages: readonly OutgoingMessage[], now: Date): Promise<number> {
  let inserted = 0;
  // Messages to one chat go out in the order they were queued (a digest before its Mẫu 04
  // drafts; two status changes of one dossier in the same millisecond): the dispatcher orders
  // a chat by created_at, so each message gets a later millisecond than the chat's last one.
  const all = messages.map((m) => toRow(m, now, nextCreatedAt(`${m.channel}:${m.chatId}`, now.getTime())));
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

/**
 * When the outbox's next pending message can be claimed (its next attempt, or the end of
 * another process's claim on it), in epoch ms; undefined when nothing is pending.
 */
export async function nextPendingAt(db: Kysely<Database>): Promise<number | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) =>
      eb.fn
        .min(eb.case().when(eb.and([eb('claimed_until', 'is not', null), eb('claimed_until', '>', eb.ref('next_attempt_at'))])).then(eb.ref('claimed_until')).else(eb.ref('next_attempt_at')).end())
        .as('at'),
    )
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
}
