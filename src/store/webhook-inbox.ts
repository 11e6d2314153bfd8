// The webhook inbox (webhook_inbox), per channel: a Zalo or Telegram webhook event is stored
// before its 200 and marked done once handled, so one cut off by a crash is handled after the
// restart. A pending row is claimed by the process handling it until `claimed_until`; another
// process takes it only once that has passed. Done rows keep the id (a platform retry is still
// recognised) but not the body; the daily housekeeping deletes rows by age.
// The WebhookInbox port and its Kysely implementation.
import type { Kysely } from 'kysely';
import type { Database } from './database';

export interface InboxEvent {
  eventId: string;
  /** The raw request body. */
  body: string;
  receivedAt: Date;
}

export interface WebhookInbox {
  /** Stores a new event claimed until `claimedUntil`; false when its id is there already (pending or done). */
  add(event: InboxEvent, claimedUntil: Date): Promise<boolean>;
  /** The event is handled: its body is dropped, its id kept until the housekeeping. */
  done(eventId: string, at: Date): Promise<void>;
  /** Extends this process's claim on events it is still handling. */
  extend(eventIds: readonly string[], until: Date): Promise<void>;
  /** Pending events nobody holds a claim on at `now`, oldest first. */
  due(now: Date, limit: number): Promise<InboxEvent[]>;
  /** Takes a due event until `until`; false when another process took it first. */
  claim(eventId: string, now: Date, until: Date): Promise<boolean>;
  /** Marks pending events received before `before` done without handling them; returns how many. */
  abandon(before: Date, at: Date): Promise<number>;
}

/** Event ids are cut to this length, as in seen_events. */
const MAX_ID = 200;

export class DbWebhookInbox implements WebhookInbox {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly channel: string,
  ) {}

  async add(event: InboxEvent, claimedUntil: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('webhook_inbox')
      .values({ channel: this.channel, event_id: event.eventId.slice(0, MAX_ID), body: event.body, received_at: event.receivedAt.getTime(), claimed_until: claimedUntil.getTime(), done_at: null })
      .onConflict((oc) => oc.columns(['channel', 'event_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async done(eventId: string, at: Date): Promise<void> {
    await this.db
      .updateTable('webhook_inbox')
      .set({ done_at: at.getTime(), body: '' })
      .where('channel', '=', this.channel)
      .where('event_id', '=', eventId.slice(0, MAX_ID))
      .where('done_at', 'is', null)
      .execute();
  }

  async extend(eventIds: readonly string[], until: Date): Promise<void> {
    if (eventIds.length === 0) return;
    await this.db
      .updateTable('webhook_inbox')
      .set({ claimed_until: until.getTime() })
      .where('channel', '=', this.channel)
      .where('event_id', 'in', eventIds.map((id) => id.slice(0, MAX_ID)))
      .where('done_at', 'is', null)
      .execute();
  }

  async due(now: Date, limit: number): Promise<InboxEvent[]> {
    const rows = await this.db
      .selectFrom('webhook_inbox')
      .select(['event_id', 'body', 'received_at'])
      .where('channel', '=', this.channel)
      .where('done_at', 'is', null)
      .where('claimed_until', '<=', now.getTime())
      .orderBy('received_at')
      .orderBy('event_id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ eventId: row.event_id, body: row.body, receivedAt: new Date(Number(row.received_at)) }));
  }

  async claim(eventId: string, now: Date, until: Date): Promise<boolean> {
    // Compare-and-set: of two processes replaying at once, one updates the row, the other none.
    const result = await this.db
      .updateTable('webhook_inbox')
      .set({ claimed_until: until.getTime() })
      .where('channel', '=', this.channel)
      .where('event_id', '=', eventId.slice(0, MAX_ID))
      .where('done_at', 'is', null)
      .where('claimed_until', '<=', now.getTime())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async abandon(before: Date, at: Date): Promise<number> {
    const result = await this.db
      .updateTable('webhook_inbox')
      .set({ done_at: at.getTime(), body: '' })
      .where('channel', '=', this.channel)
      .where('done_at', 'is', null)
      .where('received_at', '<', before.getTime())
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
