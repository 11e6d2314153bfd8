// The daily overdue scan over 1,000,000 dossiers and 10,000 officials, on SQLite and on the
// local PostgreSQL: target ≤ 5 s for one scan (query, grouping, digests, outbox inserts).
// `node --import tsx bench/alerts.ts [--quick] [dossiers] [officials]`; TEST_POSTGRES_URL overrides the server.
// --quick (the CI smoke): 20,000 dossiers and 1,000 officials, on SQLite only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { runScan } from '../src/alerts/scan';
import { WorkingCalendar } from '../src/dossiers/working-days';
import { loadCatalogue } from '../src/catalogue/loader';
import { dropSchema, openDatabase, type Db } from '../src/store/db';
import { quick, result } from './_results';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const DOSSIERS = Number(positional[0] ?? (quick ? 20_000 : 1_000_000));
const OFFICIALS = Number(positional[1] ?? (quick ? 1_000 : 10_000));
const UNIT_COUNT = Math.max(1, Math.floor(OFFICIALS / 10));
const OFFICIAL_COUNT = OFFICIALS;
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AT = new Date('2026-11-23T08:00:00+07:00');
const DAY_MS = 86_400_000;

// Officials: per unit one head and nine officers. Dossiers: 80% completed; open ones due from
// 30 days ago to 30 days ahead, so about half of the open ones are overdue or near due.
async function seed(db: Db): Promise<void> {
  const k = db.kysely;
  // Literals, not parameters: PostgreSQL cannot type `$1 - $2`, and SQLite would bind REALs.
  const at = sql.lit(AT.getTime());
  const DAY = sql.lit(DAY_MS);
  const received = sql.lit(AT.getTime() - 40 * DAY_MS);
  const completed = sql.lit(AT.getTime() - DAY_MS);
  const UNITS = sql.lit(UNIT_COUNT);
  const OFFICIALS = sql.lit(OFFICIAL_COUNT);
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
  await sql`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${OFFICIALS})
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

// Scans run at 08:00 on 23/11/2026; a kept database starts from an empty outbox and no runs.


async function bench(name: string, db: Db): Promise<void> {
  let t = performance.now();
  // BENCH_SQLITE_FILE keeps a seeded SQLite file between runs (seeding takes ~30 s).
  const seeded = await db.kysely.selectFrom('officials').select('id').limit(1).execute();
  if (seeded.length === 0) {
    await seed(db);
    console.log(`${name}: seeded ${DOSSIERS.toLocaleString('en')} dossiers, ${OFFICIALS.toLocaleString('en')} officials in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } else {
    await db.kysely.deleteFrom('outbox').execute();
    console.log(`${name}: reusing the seeded database`);
  }
  const { catalogue } = await loadCatalogue('procedures');
  const deps = { db: db.kysely, calendar: new WorkingCalendar(catalogue.calendar).toLenient(), nearDueDays: 1, escalateDays: 3 };
  t = performance.now();
  const first = await runScan(deps, AT);
  const firstMs = performance.now() - t;
  t = performance.now();
  const second = await runScan(deps, new Date(AT.getTime() + 3600_000));
  const secondMs = performance.now() - t;
  console.log(`${name}: scan ${(firstMs / 1000).toFixed(2)} s (target ≤ 5 s): ${first.dossiersInScope.toLocaleString('en')} dossiers in scope, ${first.overdue.toLocaleString('en')} overdue, ${first.nearDue.toLocaleString('en')} near due, ${first.queued.toLocaleString('en')} messages queued`);
  console.log(`${name}: same-day rerun ${(secondMs / 1000).toFixed(2)} s, ${second.queued} queued`);
  await db.kysely.deleteFrom('outbox').execute();
  t = performance.now();
  const warm = await runScan(deps, AT);
  const warmMs = performance.now() - t;
  console.log(`${name}: warm scan on an emptied outbox ${(warmMs / 1000).toFixed(2)} s, ${warm.queued.toLocaleString('en')} queued`);
  result(`alerts.scan_${name}_ms`, firstMs, 'ms');
  if (firstMs > 5000) process.exitCode = 1;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-alerts-'));
const only = process.env.BENCH_ONLY ?? (quick ? 'sqlite' : undefined);
if (only !== 'postgres') try {
  const sqlite = await openDatabase(`sqlite:${process.env.BENCH_SQLITE_FILE ?? path.join(dir, 'bench.db')}`);
  try {
    await bench('sqlite', sqlite);
  } finally {
    await sqlite.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
if (only !== 'sqlite') try {
  const pg = await openDatabase(POSTGRES_URL, { schema });
  try {
    await bench('postgres', pg);
  } finally {
    await pg.close();
  }
} catch (error) {
  console.log(`postgres: skipped (${error instanceof Error ? error.message : String(error)})`);
  process.exitCode = 1;
} finally {
  await dropSchema(POSTGRES_URL, schema).catch(() => undefined);
}
