// Putting a message in the outbox. Delivery is the dispatcher's job.
import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ChannelName, Reply } from '../conversation/message';
import type { NewOutboxRow, OutboxStore } from '../store/outbox';

export interface OutgoingMessage {
  channel: Exclude<ChannelName, 'cli' | 'web'>;
  chatId: string;
  kind: string;
  reply: Reply;
  /** Same key, same message: a second enqueue is ignored. */
  dedupeKey?: string;
  officialId?: string;
}

function toRow(message: OutgoingMessage, now: Date, createdAt: number): NewOutboxRow {
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
export async function enqueue(outbox: OutboxStore, message: OutgoingMessage, now: Date): Promise<boolean> {
  return (await enqueueMany(outbox, [message], now)) > 0;
}

/**
 * Enqueues in batched inserts; returns how many rows were new (dedupe keys already present are
 * skipped). Given a transaction's outbox, the messages commit or roll back with its change.
 */
export async function enqueueMany(outbox: OutboxStore, messages: readonly OutgoingMessage[], now: Date): Promise<number> {
  // Messages to one chat go out in the order they were queued (a digest before its Mẫu 04
  // drafts; two status changes of one dossier in the same millisecond): the dispatcher orders
  // a chat by created_at, so each message gets a later millisecond than the chat's last one.
  const rows = messages.map((m) => toRow(m, now, nextCreatedAt(`${m.channel}:${m.chatId}`, now.getTime())));
  return outbox.insert(rows);
}
