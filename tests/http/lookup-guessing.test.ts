// Guessing a dossier's four phone digits: two server processes on one database, hit at once
// by 1,000 wrong lookups from one client, must check no more than the limit between them.
// The limit is one atomic statement in the store; a check-then-record lets hundreds through.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock';
import { DossierService } from '../../src/dossiers/service';
import { dropSchema, openDatabase, type Db } from '../../src/store/db';
import { findProcedure, makeDossier, nextCode, realCalendar } from '../dossiers/factory';
import { POSTGRES_URL } from '../helpers/stores';
import { createStores } from '../../src/store/stores';

const LIMIT = 10;
const GUESSES = 1000;

interface Child {
  process: ChildProcess;
  url: Promise<string>;
}

function startServer(databaseUrl: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'child-lookup-server.ts')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOOKUP_LIMIT: String(LIMIT) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const line = buffer.split('\n').find((l) => l.includes('"url"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`lookup server exited with ${code}`)));
  });
  return { process: child, url };
}

async function stop(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const done = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.kill('SIGTERM');
  await done;
}

const targets = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-guess-'));
  const schema = `t_guess_${crypto.randomBytes(4).toString('hex')}`;
  return [
    { name: 'sqlite', url: `sqlite:${path.join(dir, 'motcua.db')}`, open: () => openDatabase(`sqlite:${path.join(dir, 'motcua.db')}`), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) },
    {
      name: 'postgres',
      url: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      open: () => openDatabase(POSTGRES_URL, { schema }),
      cleanup: () => dropSchema(POSTGRES_URL, schema),
    },
  ];
})();

for (const target of targets) {
  describe(`guessing a dossier's digits [${target.name}]`, () => {
    let db: Db | undefined;
    const children: Child[] = [];
    afterAll(async () => {
      await Promise.all(children.map(stop));
      await db?.close();
      await target.cleanup();
    });

    it(`two processes hit by ${GUESSES} concurrent wrong lookups check at most ${LIMIT}`, async () => {
      db = await target.open();
      const calendar = await realCalendar();
      const service = new DossierService({ stores: createStores(db), procedure: findProcedure, calendar: () => calendar, clock: systemClock });
      const code = nextCode();
      await service.upsert('test', code, makeDossier({ applicantPhone: '0912345678' }));
      children.push(startServer(target.url), startServer(target.url));
      const urls = await Promise.all(children.map((c) => c.url));

      // Every guess from one client (the proxy in front says so), spread over both processes.
      const answers = await Promise.all(
        Array.from({ length: GUESSES }, (_, i) =>
          fetch(`${urls[i % 2]}/api/dossiers/${code}?phone=${i === 5678 ? '0000' : String(i).padStart(4, '0')}`, { headers: { 'x-forwarded-for': '198.51.100.7' } })
            .then(async (res) => {
              await res.arrayBuffer();
              return res.status;
            }),
        ),
      );
      const checked = answers.filter((s) => s === 404).length;
      expect(answers.filter((s) => s !== 404 && s !== 429)).toEqual([]);
      expect(checked).toBeGreaterThan(0);
      expect(checked).toBeLessThanOrEqual(LIMIT);
      // The right digits are refused too, until the window ends.
      const right = await fetch(`${urls[0]}/api/dossiers/${code}?phone=5678`, { headers: { 'x-forwarded-for': '198.51.100.7' } });
      expect(right.status).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another client is not affected.
      expect((await fetch(`${urls[1]}/api/dossiers/${code}?phone=5678`, { headers: { 'x-forwarded-for': '198.51.100.8' } })).status).toBe(200);
    }, 120_000);
  });
}
