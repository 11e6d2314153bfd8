// The daily overdue scan over 1,000,000 dossiers and 10,000 officials, on SQLite and on the
// local PostgreSQL: target ≤ 5 s for one scan (query, grouping, digests, outbox inserts).
// `node --import tsx bench/alerts.ts [--quick] [dossiers] [officials]`; TEST_POSTGRES_URL overrides the server.
// --quick (the CI smoke): 20,000 dossiers and 1,000 officials, on SQLite only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScan } from '../src/alerts/scan';
import { scanPorts } from '../src/alerts/service';
import { WorkingCalendar } from '../src/dossiers/working-days';
import { loadCatalogue } from '../src/catalogue/loader';
import { openDatabase, type Db } from '../src/store/db';
import { createStores } from '../src/store/stores';
import { quick, result } from './_results';
import { onPostgres, seedScanData } from './_seed';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const DOSSIERS = Number(positional[0] ?? (quick ? 20_000 : 1_000_000));
const OFFICIALS = Number(positional[1] ?? (quick ? 1_000 : 10_000));
const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AT = new Date('2026-11-23T08:00:00+07:00');

// Scans run at 08:00 on 23/11/2026; a kept database starts from an empty outbox and no runs.


async function bench(name: string, db: Db): Promise<void> {
  let t = performance.now();
  // BENCH_SQLITE_FILE keeps a seeded SQLite file between runs (seeding takes ~30 s).
  const seeded = await db.kysely.selectFrom('officials').select('id').limit(1).execute();
  if (seeded.length === 0) {
    await seedScanData(db, DOSSIERS, OFFICIALS, AT);
    console.log(`${name}: seeded ${DOSSIERS.toLocaleString('en')} dossiers, ${OFFICIALS.toLocaleString('en')} officials in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } else {
    await db.kysely.deleteFrom('outbox').execute();
    console.log(`${name}: reusing the seeded database`);
  }
  const { catalogue } = await loadCatalogue('procedures');
  const stores = createStores(db);
  const deps = { ...scanPorts(stores, stores.dossiers), calendar: new WorkingCalendar(catalogue.calendar).toLenient(), nearDueDays: 1, escalateDays: 3 };
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

if (only !== 'sqlite') await onPostgres(POSTGRES_URL, (pg) => bench('postgres', pg));
