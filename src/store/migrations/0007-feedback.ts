import crypto from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

// The feedback loop: questions the assistant could not answer (it found nothing, or asked
// which of several procedures) and answers citizens marked 👍/👎. No personal data: the
// question is stored with digits and names scrubbed, the chat only as a salted hash whose
// salt (feedback_salt, one row made here) never leaves the database. Rows older than
// FEEDBACK_RETENTION_DAYS are deleted by the daily housekeeping.
export const m0007_feedback: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // 'not-found' | 'choose' | 'up' | 'down'
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('question', 'text')
      .addColumn('code', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('session', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('feedback_at').on('feedback').column('created_at').execute();
    await db.schema.createTable('feedback_salt').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('salt', 'text', (c) => c.notNull()).execute();
    await sql`insert into feedback_salt (id, salt) values (1, ${crypto.randomBytes(32).toString('hex')})`.execute(db);
  },
};
