import type { Kysely, Migration } from 'kysely';

// What the assistant remembers of each conversation (the procedure last answered, the ones a
// question back offered), shared by every process on the database, so a follow-up that reaches
// another process is understood (src/store/conversation-state.ts). The daily housekeeping
// deletes rows by age (updated_at).
export const m0011_conversation_state: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('conversation_state')
      .addColumn('chat_key', 'text', (c) => c.primaryKey())
      .addColumn('procedure_code', 'text')
      .addColumn('choices', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('conversation_state_updated').on('conversation_state').column('updated_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('conversation_state').execute();
  },
};
