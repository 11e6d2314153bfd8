import type { Kysely, Migration } from 'kysely';

export const m0001_chat_activity: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('chat_activity')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('chat_id', 'text', (c) => c.notNull())
      .addColumn('last_inbound_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('chat_activity_pk', ['channel', 'chat_id'])
      .execute();
  },
};
