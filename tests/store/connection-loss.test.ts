// A PostgreSQL restart or pg_terminate_backend drops the pool's idle connections: the server
// must not die of it, and the next query must work on a fresh connection.
import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { dropSchema, openDatabase, type Db } from '../../src/store/db';
import { POSTGRES_URL } from '../helpers/stores';
import { waitUntil } from '../helpers/wait';

const schema = `t_lost_${crypto.randomBytes(4).toString('hex')}`;
let db: Db | undefined;

afterAll(async () => {
  await db?.close();
  await dropSchema(POSTGRES_URL, schema);
});

it('survives its connections being terminated and answers the next query', async () => {
  // One error per lost connection (the pool and the client report the same one).
  const lost = new Set<Error>();
  db = await openDatabase(POSTGRES_URL, { schema, poolSize: 3, onConnectionError: (e) => lost.add(e) });
  // Three idle connections in the pool.
  await Promise.all([1, 2, 3].map(() => sql`SELECT pg_sleep(0.05)`.execute(db!.kysely)));
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  let terminated: number;
  try {
    const { rows } = await admin.query(
      'SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() AND query LIKE $1',
      ['%pg_sleep(0.05)%'],
    );
    expect(rows.length).toBeGreaterThan(0);
    terminated = rows.filter((r: { done: boolean }) => r.done).length;
  } finally {
    await admin.end();
  }
  // Each terminated idle connection is reported, and dropped from the pool, before the next query.
  await waitUntil(() => lost.size >= terminated, `${terminated} lost connection(s) to be reported`);
  const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(db.kysely);
  expect(rows[0]!.one).toBe(1);
});
