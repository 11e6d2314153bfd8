import type { Kysely, Migration } from 'kysely';

export const m0002_dossiers: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('agencies')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema
      .createTable('dossiers')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('agency_code', 'text', (c) => c.notNull())
      .addColumn('procedure_code', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('official_id', 'text')
      .addColumn('applicant_name', 'text', (c) => c.notNull())
      .addColumn('applicant_phone', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('clock_started_at', 'bigint', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('original_due_at', 'bigint')
      .addColumn('extended', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('paused_at', 'bigint')
      .addColumn('completed_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    // The scan reads open dossiers by unit or official, ordered by due date.
    await db.schema.createIndex('dossiers_unit_due').on('dossiers').columns(['unit', 'completed_at', 'due_at']).execute();
    await db.schema.createIndex('dossiers_official_due').on('dossiers').columns(['official_id', 'completed_at', 'due_at']).execute();
    await db.schema.createIndex('dossiers_open_due').on('dossiers').columns(['completed_at', 'due_at']).execute();
    await db.schema
      .createTable('dossier_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dossier_code', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('request_hash', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dossier_events_dossier').on('dossier_events').columns(['dossier_code', 'at']).execute();
    await db.schema.createIndex('dossier_events_request').on('dossier_events').columns(['dossier_code', 'request_hash']).unique().execute();
    await db.schema
      .createTable('subscriptions')
      .addColumn('dossier_code', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('chat_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('subscriptions_pk', ['dossier_code', 'channel', 'chat_id'])
      .execute();
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('window_start', 'bigint', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('rate_limits_pk', ['key', 'window_start'])
      .execute();
  },
};
