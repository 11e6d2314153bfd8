import type { Kysely, Migration } from 'kysely';

// The daily housekeeping (src/store/housekeeping.ts) deletes rate-limit windows and chat
// activity by age: indexes on those times keep the delete from reading the whole table.
export const m0005_housekeeping: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_start').execute();
    await db.schema.createIndex('chat_activity_inbound').on('chat_activity').column('last_inbound_at').execute();
  },
};
