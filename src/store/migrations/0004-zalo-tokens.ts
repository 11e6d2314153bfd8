import type { Kysely, Migration } from 'kysely';

// One row per Official Account: the access token and the single-use refresh token live in
// the same row, so a refresh is persisted by one atomic upsert.
export const m0004_zalo_tokens: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('zalo_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('access_token', 'text', (c) => c.notNull())
      .addColumn('refresh_token', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
