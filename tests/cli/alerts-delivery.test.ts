// `motcua alerts run` delivers every message it queues, also a chat's second and third (an
// officer with dossiers due on the next working day gets the digest and a Mẫu 04 draft for
// each): they wait out the chat's gap instead of being left for a running server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli';
import { openDatabase, type Db } from '../../src/store/db';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api';
import { addOfficial, link, localFive, makeDossier } from '../alerts/factories';

const CHAT = '700900900';
let dir: string;
let db: Db;
let telegram: FakeTelegram;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-alerts-delivery-'));
  fs.mkdirSync(path.join(dir, 'procedures'));
  fs.copyFileSync('procedures/calendar.yaml', path.join(dir, 'procedures', 'calendar.yaml'));
  db = await openDatabase(`sqlite:${path.join(dir, 'db.sqlite')}`);
  await addOfficial(db.kysely, 'cb-lan', 'officer');
  await link(db.kysely, 'cb-lan', 'telegram', CHAT);
  // Monday 23/11; 24/11 is a day off, so both are due on the next working day (25/11).
  await db.kysely.insertInto('dossiers').values([
    makeDossier({ code: 'H-0001', due_at: localFive('2026-11-25') }),
    makeDossier({ code: 'H-0002', due_at: localFive('2026-11-25') }),
    makeDossier({ code: 'H-0003', due_at: localFive('2026-11-19') }),
  ]).execute();
  telegram = await startFakeTelegram();
});

afterAll(async () => {
  await db.close();
  await telegram.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('sends every message queued for one chat, in order, not only the first', async () => {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c) => (out += c));
  const env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, PROCEDURES_DIR: path.join(dir, 'procedures'), LOG_LEVEL: 'silent', TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot };
  const code = await runCli({ argv: ['alerts', 'run', '--at', '2026-11-23T08:00:00+07:00'], env, stdout, stderr: new PassThrough(), stdin: new PassThrough() });
  expect(code).toBe(0);

  const queued = await db.kysely.selectFrom('outbox').select(['state', 'kind']).where('chat_id', '=', CHAT).orderBy('created_at').execute();
  expect(queued.map((r) => r.kind)).toEqual(['digest', 'apology', 'apology']);
  expect(queued.map((r) => r.state)).toEqual(queued.map(() => 'sent'));
  expect(telegram.sentMessages(CHAT)).toHaveLength(3);
  expect(out).toContain(`Đã gửi ${queued.length} tin nhắn.`);
});
