// Migrations on PostgreSQL while other processes create and drop schemas (parallel test
// suites, benches, other tenants): Kysely lists every schema's tables to find its own, and a
// schema dropped mid-listing must not fail a start.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { dropSchema, openDatabase } from '../../src/store/db';
import { POSTGRES_URL } from '../helpers/stores';

const opened: string[] = [];
afterAll(async () => {
  for (const schema of opened) await dropSchema(POSTGRES_URL, schema);
});

it('migrates a new schema while other schemas come and go', async () => {
  const churn = new pg.Client({ connectionString: POSTGRES_URL });
  await churn.connect();
  let stop = false;
  const churning = (async () => {
    while (!stop) {
      const name = `t_churn_${crypto.randomBytes(4).toString('hex')}`;
      await churn.query(`CREATE SCHEMA ${name}`);
      await churn.query(`CREATE TABLE ${name}.filler (id int)`);
      await churn.query(`DROP SCHEMA ${name} CASCADE`);
    }
  })();
  try {
    for (let i = 0; i < 15; i += 1) {
      const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
      opened.push(schema);
      const db = await openDatabase(POSTGRES_URL, { schema });
      const tables = await db.kysely.selectFrom('dossiers').select('code').limit(1).execute();
      expect(tables).toEqual([]);
      await db.close();
    }
  } finally {
    stop = true;
    await churning;
    await churn.end();
  }
}, 120_000);
