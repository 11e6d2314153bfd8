import type { Kysely, Migration } from 'kysely';

// Delivery that never gives up silently, and channels that survive restarts:
// - outbox: when a message became a dead letter, and when an operator retried it (its age
//   counts again from then); an index to find the oldest pending message of each chat, which
//   alone may be sent, so a chat's messages leave in order across retries and restarts.
// - seen_events: Telegram update_ids and Zalo event ids already handled (replays are dropped).
// - zalo_buttons: which payload a button label shown to a Zalo user stands for.
export const m0006_reliable_delivery: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('outbox').addColumn('failed_at', 'bigint').execute();
    await db.schema.alterTable('outbox').addColumn('retried_at', 'bigint').execute();
    await db.schema.createIndex('outbox_chat_queue').on('outbox').columns(['channel', 'chat_id', 'state', 'created_at']).execute();
    await db.schema
      .createTable('seen_events')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('seen_events_pk', ['channel', 'event_id'])
      .execute();
    await db.schema.createIndex('seen_events_at').on('seen_events').column('seen_at').execute();
    await db.schema
      .createTable('zalo_buttons')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('label_key', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('shown_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('zalo_buttons_pk', ['user_id', 'label_key'])
      .execute();
    await db.schema.createIndex('zalo_buttons_at').on('zalo_buttons').columns(['user_id', 'shown_at']).execute();
  },
};
