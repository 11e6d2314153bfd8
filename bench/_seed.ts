// Seeds the overdue-scan data set (shared by bench/alerts.ts-like scenarios): officials, one
// linked chat each, and dossiers of which 20% are open, due from 30 days ago to 30 days ahead;
// and runs a bench on a throwaway PostgreSQL schema.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { dropSchema, openDatabase, type Db } from '../src/store/db';

const DAY_MS = 86_400_000;

// Officials: per unit one head and nine officers. Dossiers: 80% completed; open ones due from
// 30 days ago to 30 days ahead, so about half of the open ones are overdue or near due.
export async function seedScanData(db: Db, DOSSIERS: number, OFFICIALS: number, AT: Date): Promise<void> {
  const UNIT_COUNT = Math.max(1, Math.floor(OFFICIALS / 10));
  const OFFICIAL_COUNT = OFFICIALS;
  const k = db.kysely;
  // Literals, not parameters: PostgreSQL cannot type `$1 - $2`, and SQLite would bind REALs.
  const at = sql.lit(AT.getTime());
  const DAY = sql.lit(DAY_MS);
  const received = sql.lit(AT.getTime() - 40 * DAY_MS);
  const completed = sql.lit(AT.getTime() - DAY_MS);
  const UNITS = sql.lit(UNIT_COUNT);
  const OFFICIALS_LIT = sql.lit(OFFICIAL_COUNT);
  const OFFICERS = sql.lit(OFFICIAL_COUNT - UNIT_COUNT);
  const LAST_OFFICIAL = sql.lit(OFFICIAL_COUNT - 1);
  const DOSSIER_COUNT = sql.lit(DOSSIERS);
  const LAST_DOSSIER = sql.lit(DOSSIERS - 1);
  if (db.dialect === 'postgres') {
    await sql`INSERT INTO officials (id, name, unit, role, created_at, active)
      SELECT 'cb-' || i, 'Cán bộ ' || i, 'unit-' || (i % ${UNITS}), CASE WHEN i < ${UNITS} THEN 'head' ELSE 'officer' END, 0, 1
      FROM generate_series(0::bigint, ${LAST_OFFICIAL}) AS i`.execute(k);
    await sql`INSERT INTO chat_links (official_id, channel, chat_id, linked_at) SELECT 'cb-' || i, 'telegram', (100000000 + i)::text, 0 FROM generate_series(0::bigint, ${LAST_OFFICIAL}) AS i`.execute(k);
    await sql`INSERT INTO dossiers (code, agency_code, procedure_code, unit, official_id, applicant_name, applicant_phone, channel, status, received_at, clock_started_at, due_at, original_due_at, extended, paused_at, completed_at, updated_at)
      SELECT 'D-' || i, 'A', '1.001193', 'unit-' || ((${UNITS} + ((i / 5) % ${OFFICERS})) % ${UNITS}), 'cb-' || (${UNITS} + ((i / 5) % ${OFFICERS})), 'x', 'x', 'direct',
        CASE WHEN i % 5 = 0 THEN 'processing' ELSE 'returned' END, ${received}, ${received},
        ${at} + ((i * 7919) % 61 - 30) * ${DAY} + 9 * 3600000, NULL, 0, NULL,
        CASE WHEN i % 5 = 0 THEN NULL ELSE ${completed} END, 0
      FROM generate_series(0::bigint, ${LAST_DOSSIER}) AS i`.execute(k);
    await sql`ANALYZE`.execute(k);
    return;
  }
  await sql`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${OFFICIALS_LIT})
    INSERT INTO officials (id, name, unit, role, created_at, active)
    SELECT 'cb-' || i, 'Cán bộ ' || i, 'unit-' || (i % ${UNITS}), CASE WHEN i < ${UNITS} THEN 'head' ELSE 'officer' END, 0, 1 FROM n`.execute(k);
  await sql`INSERT INTO chat_links (official_id, channel, chat_id, linked_at) SELECT id, 'telegram', CAST(100000000 + CAST(substr(id, 4) AS INTEGER) AS TEXT), 0 FROM officials`.execute(k);
  await sql`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${DOSSIER_COUNT})
    INSERT INTO dossiers (code, agency_code, procedure_code, unit, official_id, applicant_name, applicant_phone, channel, status, received_at, clock_started_at, due_at, original_due_at, extended, paused_at, completed_at, updated_at)
    SELECT 'D-' || i, 'A', '1.001193', 'unit-' || ((${UNITS} + ((i / 5) % ${OFFICERS})) % ${UNITS}), 'cb-' || (${UNITS} + ((i / 5) % ${OFFICERS})), 'x', 'x', 'direct',
      CASE WHEN i % 5 = 0 THEN 'processing' ELSE 'returned' END, ${received}, ${received},
      ${at} + ((i * 7919) % 61 - 30) * ${DAY} + 9 * 3600000, NULL, 0, NULL,
      CASE WHEN i % 5 = 0 THEN NULL ELSE ${completed} END, 0
    FROM n`.execute(k);
  await sql`ANALYZE`.execute(k);
}


/**
 * Runs a bench on a fresh schema of the PostgreSQL server (TEST_POSTGRES_URL or the local one),
 * then drops it; an unreachable server is reported and fails the run, never hides as a pass.
 */
export async function onPostgres(url: string, bench: (db: Db) => Promise<void>): Promise<void> {
  const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
  try {
    const db = await openDatabase(url, { schema });
    try {
      await bench(db);
    } finally {
      await db.close();
    }
  } catch (error) {
    console.log(`postgres: skipped (${error instanceof Error ? error.message : String(error)})`);
    process.exitCode = 1;
  } finally {
    await dropSchema(url, schema).catch(() => undefined);
  }
}
