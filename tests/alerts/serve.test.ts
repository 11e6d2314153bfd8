// `motcua serve` with the alerts wired in: an official links a Telegram chat with a code, and
// the next scan's digest reaches that chat through the running dispatcher.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Officials } from '../../src/alerts/officials';
import { DbOfficialStore } from '../../src/store/officials';
import { runCli } from '../../src/cli';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { serve, type Server } from '../../src/main';
import { openDatabase, type Db } from '../../src/store/db';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { localFive, makeDossier } from './factories';

let dir: string;
let env: Record<string, string>;
let db: Db;
let telegram: FakeTelegram;
let server: Server;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-alerts-serve-'));
  fs.mkdirSync(path.join(dir, 'procedures'));
  fs.copyFileSync('procedures/calendar.yaml', path.join(dir, 'procedures', 'calendar.yaml'));
  telegram = await startFakeTelegram({ maxPollHoldMs: 200 });
  env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, PROCEDURES_DIR: path.join(dir, 'procedures'), LOG_LEVEL: 'silent' };
  db = await openDatabase(env.DATABASE_URL!);
  server = await serve(parseConfig({ ...env, PORT: '0', HOST: '127.0.0.1', TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, DISPATCH_INTERVAL_MS: '100' }), { logger: silentLogger() });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
  await telegram?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('links a chat with /lienket, then delivers the morning digest there', async () => {
  const store = new Officials(new DbOfficialStore(db.kysely));
  const official = await store.add({ id: 'CB7', name: 'Lê Thị Lan', unit: 'Phường Hạc Thành', role: 'officer' }, new Date());
  const { code } = await store.createLinkCode(official.id, new Date());
  telegram.pushUpdate(telegram.textUpdate(4242, `/lienket ${code}`));
  await telegram.waitForCalls('sendMessage', 1, 10_000);
  expect(telegram.sentMessages(4242)[0]!.text).toContain('Đã liên kết');

  await db.kysely.insertInto('dossiers').values(makeDossier({ code: 'S-0001', official_id: 'CB7', due_at: localFive('2026-11-19') })).execute();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c) => (out += c));
  // Queue only (no bot token here); the running server's dispatcher delivers.
  expect(await runCli({ argv: ['alerts', 'run', '--at', '2026-11-23T08:00:00+07:00'], env, stdout, stderr: new PassThrough(), stdin: new PassThrough() })).toBe(0);
  expect(out).toContain('1 tin mới xếp hàng');
  // /healthz shows the latest scan alert_runs records (this run, unless the server's own catch-up scanned a later day).
  const last = await db.kysely.selectFrom('alert_runs').select(['day', 'finished_at']).where('finished_at', 'is not', null).orderBy('day', 'desc').executeTakeFirstOrThrow();
  expect(await db.kysely.selectFrom('alert_runs').select('day').where('day', '=', '2026-11-23').where('finished_at', 'is not', null).executeTakeFirst()).toEqual({ day: '2026-11-23' });
  const health = await (await fetch(`${server.url}/healthz`)).json();
  expect(health).toMatchObject({ status: 'ok', alerts: { lastScanDay: last.day, lastScanAt: new Date(Number(last.finished_at)).toISOString(), failedAttempts: 0 } });
  await telegram.waitForCalls('sendMessage', 2, 10_000);
  const digest = telegram.sentMessages(4242)[1]!.text;
  expect(digest).toContain('S-0001');
  expect(digest).toContain('trễ 2 ngày làm việc');
}, 30_000);
