import { sql, type Kysely, type Migration } from 'kysely';

// The webhook inbox (src/store/webhook-inbox.ts): a Zalo or Telegram webhook event is a row
// before it is acknowledged, so an event cut off by a crash is handled after the restart.
// - pending rows (done_at NULL) are few: a partial index finds them, oldest first, per channel;
// - the daily housekeeping deletes rows by age (received_at).
// Idempotent (IF NOT EXISTS): renumbering it before a release is one line in index.ts, even on a
// database that already ran it under its old name.
export const m_webhook_inbox: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('webhook_inbox')
      .ifNotExists()
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      // The raw request body; emptied once the event is handled.
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      // A process's claim: another process replays the event only once this has passed.
      .addColumn('claimed_until', 'bigint', (c) => c.notNull())
      .addColumn('done_at', 'bigint')
      .addPrimaryKeyConstraint('webhook_inbox_pk', ['channel', 'event_id'])
      .execute();
    await db.schema
      .createIndex('webhook_inbox_pending')
      .ifNotExists()
      .on('webhook_inbox')
      .columns(['channel', 'received_at'])
      .where(sql.ref('done_at'), 'is', null)
      .execute();
    await db.schema.createIndex('webhook_inbox_received').ifNotExists().on('webhook_inbox').column('received_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('webhook_inbox').ifExists().execute();
  },
};
