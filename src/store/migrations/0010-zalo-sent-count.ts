import type { Kysely, Migration } from 'kysely';

// Zalo's free-reply window allows 8 messages after the user's last message, whichever way they
// are sent: the webhook's replies count as much as the outbox's messages. Each chat's count of
// messages sent since it last wrote, reset when it writes again (src/store/zalo-window.ts).
export const m0010_zalo_sent_count: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('chat_activity')
      .addColumn('sent_since_inbound', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('chat_activity').dropColumn('sent_since_inbound').execute();
  },
};
