// The operator guide's PostgreSQL backup and restore (docs/van-hanh.md, section 6), as written:
// pg_dump --format=custom of the whole database while the server runs, then pg_restore --clean
// --if-exists --no-owner with the server stopped. Needs pg_dump and pg_restore on PATH of a
// major version at least the server's (skipped otherwise, saying why).
import { execFile, execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { serve, type Server } from '../../src/main';
import { runMotcua } from '../helpers/cli';
import { POSTGRES_URL } from '../helpers/stores';
import { dossierBody } from '../http/dossier-server';

const run = promisify(execFile);

function toolMajor(tool: string): number | undefined {
  try {
    return Number(/(\d+)\.\d+/.exec(execFileSync(tool, ['--version'], { encoding: 'utf8' }))?.[1]);
  } catch {
    return undefined;
  }
}

const dumpMajor = toolMajor('pg_dump');
const restoreMajor = toolMajor('pg_restore');
const database = `motcua_restore_${crypto.randomBytes(4).toString('hex')}`;
const url = new URL(POSTGRES_URL);
url.pathname = `/${database}`;
const databaseUrl = url.toString();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pgdump-'));
let serverMajor = 0;
let server: Server | undefined;

async function admin<T>(body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  serverMajor = Math.floor(Number((await admin((c) => c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v"))).rows[0]!.v) / 10000);
});

afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
});

it('restores a PostgreSQL database from the documented pg_dump', async ({ skip }) => {
  if (!dumpMajor || !restoreMajor) skip('pg_dump/pg_restore are not installed');
  if (dumpMajor! < serverMajor || restoreMajor! < serverMajor) skip(`pg_dump ${dumpMajor} is older than the server (${serverMajor})`);
  const guide = fs.readFileSync('docs/van-hanh.md', 'utf8');
  expect(guide).toContain('pg_dump --format=custom --file=');
  expect(guide).toContain('pg_restore --clean --if-exists --no-owner --dbname=');

  await admin((c) => c.query(`CREATE DATABASE ${database}`));
  const env = { DATABASE_URL: databaseUrl, PROCEDURES_DIR: 'tests/fixtures/catalogue-good' };
  const key = (await runMotcua(['keys', 'create', '--agency', '000.00.20.H56'], env)).stdout.trim();
  const start = () => serve(parseConfig({ PORT: '0', HOST: '127.0.0.1', ...env }), { logger: silentLogger() });
  server = await start();
  const put = (code: string) =>
    fetch(`${server!.url}/api/dossiers/${code}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(dossierBody()) });
  const lookup = (code: string) => fetch(`${server!.url}/api/dossiers/${code}?phone=4321`);
  const kept = '000.00.20.H56-261120-0101';
  const later = '000.00.20.H56-261120-0102';
  expect((await put(kept)).status).toBe(201);

  const dump = path.join(dir, 'motcua-2026-11-28.dump');
  await run('pg_dump', ['--format=custom', `--file=${dump}`, databaseUrl]);
  expect((await put(later)).status).toBe(201);

  await server.close();
  server = undefined;
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${databaseUrl}`, dump]);
  server = await start();
  expect((await lookup(kept)).status).toBe(200);
  expect((await lookup(later)).status).toBe(404);
});
