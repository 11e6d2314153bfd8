// A poller killed while it answers. Updates go through the inbox: while one chat's answer
// hangs, other chats are still answered; after the kill the next poller answers the update that
// was cut off (once the dead poller's claim on it runs out) and does not answer the others again.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTelegram } from '../../../src/channels/telegram';
import { silentLogger } from '../../../src/log';
import { openDatabase, type Db } from '../../../src/store/db';
import { createStores } from '../../../src/store/stores';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-bot-api';
import { waitUntil } from '../../helpers/wait';
import { recordingEngine } from '../engines';

let dir: string;
let fake: FakeTelegram;
let db: Db | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-tg-restart-'));
  fake = await startFakeTelegram({ maxPollHoldMs: 200 });
});

afterAll(async () => {
  await db?.close();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

it('kill -9 while a reply is being made: after the restart that message is answered, the ones already answered are not', { timeout: 30_000 }, async () => {
  const url = `sqlite:${path.join(dir, 'bot.db')}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'child-poller.ts')], {
    env: { ...process.env, DATABASE_URL: url, TG_ROOT: fake.apiRoot, TG_TOKEN: fake.token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  try {
    await fake.waitForCalls('getUpdates', 1, 20_000);
    // One batch: the first is answered, the second is in the middle of its answer at the kill.
    const [answeredId] = fake.pushUpdates(fake.textUpdate(7001, 'khai sinh'), fake.textUpdate(7002, 'kết hôn treo'));
    await fake.waitForMessages(1, 10_000, 7001);
    db = await openDatabase(url);
    const kysely = db.kysely;
    // The first update is recorded as handled once its answer went out.
    await waitUntil(async () => (await kysely.selectFrom('seen_events').select('event_id').where('event_id', '=', String(answeredId)).executeTakeFirst()) !== undefined, 'the answered update to be recorded', 10_000);
    await waitUntil(() => out.includes('handling kết hôn treo'), 'the child to start answering the second message', 10_000);
    // One chat's hanging answer does not hold up the next batch for another chat.
    fake.pushUpdate(fake.textUpdate(7003, 'đăng ký tạm trú'));
    await fake.waitForMessages(1, 10_000, 7003);
  } finally {
    child.kill('SIGKILL');
    await exited(child);
  }
  expect(fake.sentMessages(7002)).toHaveLength(0);

  const engine = recordingEngine();
  const channel = await startTelegram(
    { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: undefined, TELEGRAM_WEBHOOK_SECRET: undefined },
    engine,
    { logger: silentLogger(), stores: createStores(db!), inboxTiming: { sweepMs: 200 } },
  );
  try {
    const [reply] = await fake.waitForMessages(1, 10_000, 7002);
    expect(reply!.text).toContain('kết hôn treo');
    await fake.until(() => fake.heldPolls > 0, 'the restarted poller to wait for new updates');
    expect(engine.seen.map((i) => i.text)).toEqual(['kết hôn treo']);
    expect(fake.sentMessages(7001)).toHaveLength(1);
    expect(fake.sentMessages(7003)).toHaveLength(1);
  } finally {
    await channel.stop();
  }
});
