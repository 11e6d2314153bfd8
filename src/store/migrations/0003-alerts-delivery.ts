import type { Kysely, Migration } from 'kysely';

export const m0003_alerts_delivery: Migration = {
  async up(db: Kysely<unknown>) {
    // The daily scan reads every open dossier due before a horizon; with every column it needs
    // in the index, that is one index range scan and no table lookups (1,000,000 dossiers).
    await db.schema
      .createIndex('dossiers_alert_scan')
      .on('dossiers')
      .columns(['completed_at', 'due_at', 'official_id', 'unit', 'status', 'extended', 'received_at', 'procedure_code', 'code'])
      .execute();
    await db.schema
      .createTable('officials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('officials_unit').on('officials').columns(['unit', 'role']).execute();
    await db.schema
      .createTable('link_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('official_id', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema
      .createTable('chat_links')
      .addColumn('official_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('chat_id', 'text', (c) => c.notNull())
      .addColumn('linked_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('chat_links_pk', ['channel', 'chat_id'])
      .execute();
    await db.schema.createIndex('chat_links_official').on('chat_links').column('official_id').execute();
    await db.schema
      .createTable('alert_runs')
      .addColumn('day', 'text', (c) => c.primaryKey())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .addColumn('owner', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('chat_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.unique())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('claimed_until', 'bigint')
      .addColumn('claimed_by', 'text')
      .addColumn('last_error', 'text')
      .addColumn('official_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'next_attempt_at']).execute();
    // Zalo's window counts what was sent to a chat since the user last wrote.
    await db.schema.createIndex('outbox_chat_sent').on('outbox').columns(['channel', 'chat_id', 'sent_at']).execute();
  },
};
