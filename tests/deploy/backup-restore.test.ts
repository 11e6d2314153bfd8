// The operator guide's SQLite backup and restore (docs/van-hanh.md, section 6), done as written:
// a running server takes a dossier, deploy/sqlite-backup.mjs copies the database while the
// server keeps writing, the server stops, the copy replaces the database (WAL files removed),
// and the restarted server answers for the backed-up dossier and not for the later one.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { serve, type Server } from '../../src/main';
import { runMotcua } from '../helpers/cli';
import { dossierBody } from '../http/dossier-server';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-backup-'));
const dbFile = path.join(dir, 'motcua.db');
// A small catalogue (with 1.001193 and a 2026 calendar) keeps the two starts quick.
const env = { DATABASE_URL: `sqlite:${dbFile}`, PROCEDURES_DIR: 'tests/fixtures/catalogue-good' };
let server: Server | undefined;

afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<Server> {
  return serve(parseConfig({ PORT: '0', HOST: '127.0.0.1', ...env }), { logger: silentLogger() });
}

it('restores a running server\'s SQLite database from the documented online backup', async () => {
  const guide = fs.readFileSync('docs/van-hanh.md', 'utf8');
  // The guide's commands are the ones this test runs.
  expect(guide).toContain('node deploy/sqlite-backup.mjs /var/lib/motcua/motcua.db /var/lib/motcua/backup/motcua-$(date +%F).db');
  expect(guide).toContain('sudo rm -f /var/lib/motcua/motcua.db-wal /var/lib/motcua/motcua.db-shm\nsudo cp /var/lib/motcua/backup/motcua-2026-11-28.db /var/lib/motcua/motcua.db');

  const key = (await runMotcua(['keys', 'create', '--agency', '000.00.20.H56'], env)).stdout.trim();
  expect(key).toMatch(/^mck_/);
  server = await start();
  const put = (code: string) =>
    fetch(`${server!.url}/api/dossiers/${code}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(dossierBody()) });
  const lookup = (code: string) => fetch(`${server!.url}/api/dossiers/${code}?phone=4321`);
  const kept = '000.00.20.H56-261120-0001';
  const later = '000.00.20.H56-261120-0002';
  expect((await put(kept)).status).toBe(201);

  // Online: the server keeps taking writes while the copy is made.
  const backup = path.join(dir, 'backup', 'motcua-2026-11-28.db');
  const writing = put('000.00.20.H56-261120-0003');
  const { stdout } = await run(process.execPath, ['deploy/sqlite-backup.mjs', dbFile, backup]);
  expect(stdout).toContain('integrity ok');
  expect((await writing).status).toBe(201);
  expect((await put(later)).status).toBe(201);
  expect((await lookup(later)).status).toBe(200);

  // A second run never overwrites a backup.
  await expect(run(process.execPath, ['deploy/sqlite-backup.mjs', dbFile, backup])).rejects.toMatchObject({ code: 1 });

  // Restore: stop, remove the WAL files, copy the backup in place, start.
  await server.close();
  server = undefined;
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${dbFile}${suffix}`, { force: true });
  fs.copyFileSync(backup, dbFile);
  server = await start();
  const restored = await lookup(kept);
  expect(restored.status).toBe(200);
  expect(JSON.stringify(await restored.json())).toContain(kept);
  expect((await lookup(later)).status).toBe(404);
});
