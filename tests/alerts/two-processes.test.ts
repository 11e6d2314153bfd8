import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { textReply } from '../../src/conversation/message';
import { enqueueMany } from '../../src/delivery/outbox';
import { dropSchema, openDatabase, type Db } from '../../src/store/db';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api';
import { POSTGRES_URL } from '../helpers/stores';
import { waitUntil } from '../helpers/wait';
import { addOfficial, link, makeDossier } from './factories';
import { createStores } from '../../src/store/stores';

const OFFICIALS = 30;
const UPDATES = 200;
const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
let db: Db;
let telegram: FakeTelegram;

interface Child {
  process: ChildProcess;
  lines: Array<Record<string, unknown>>;
}

function startChild(): Child {
  const url = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'child-worker.ts')], {
    env: { ...process.env, DATABASE_URL: url, TG_ROOT: telegram.apiRoot, TG_TOKEN: telegram.token, ALERT_CRON: '* * * * * *' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Child['lines'] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return { process: child, lines };
}

/** Cron ticks the process has logged: its scan, or finding today's scan taken. */
function ticks(child: Child): number {
  return child.lines.filter((l) => l.msg === 'alerts: scan done' || l.msg === 'alerts: scan already taken for today').length;
}

async function stop(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const done = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  child.process.kill('SIGTERM');
  await done;
}

beforeAll(async () => {
  telegram = await startFakeTelegram();
  db = await openDatabase(POSTGRES_URL, { schema });
  const now = Date.now();
  for (let i = 0; i < OFFICIALS; i++) {
    await addOfficial(db.kysely, `cb-${i}`, 'officer');
    await link(db.kysely, `cb-${i}`, 'telegram', `official-${i}`);
    await db.kysely.insertInto('dossiers').values(makeDossier({ code: `Y-${i}`, official_id: `cb-${i}`, due_at: now - 6 * 86_400_000 })).execute();
  }
  await enqueueMany(createStores(db).outbox, Array.from({ length: UPDATES }, (_, i) => ({ channel: 'telegram' as const, chatId: `citizen-${i}`, kind: 'dossier_update', reply: textReply(`cập nhật ${i}`) })), new Date());
});

afterAll(async () => {
  await db?.close();
  await telegram.close();
  await dropSchema(POSTGRES_URL, schema);
});

it('two processes on one PostgreSQL: one scan per tick, and no message sent by both', async () => {
  const children = [startChild(), startChild()];
  try {
    await telegram.waitForMessages(OFFICIALS + UPDATES, 40_000);
    // Two more cron ticks in each process once everything is sent: neither may scan again today.
    const before = children.map(ticks);
    await waitUntil(() => children.every((c, i) => ticks(c) >= before[i]! + 2), 'two more cron ticks in each process', 10_000);
  } finally {
    await Promise.all(children.map(stop));
  }
  const perChat = new Map<string, number>();
  for (const m of telegram.sentMessages()) perChat.set(String(m.chat_id), (perChat.get(String(m.chat_id)) ?? 0) + 1);
  expect(perChat.size).toBe(OFFICIALS + UPDATES);
  expect([...perChat.values()].every((n) => n === 1)).toBe(true);

  const scans = children.flatMap((c) => c.lines.filter((l) => l.msg === 'alerts: scan done'));
  expect(scans).toHaveLength(1);
  expect(scans[0]).toMatchObject({ queued: OFFICIALS });
  const skipped = children.flatMap((c) => c.lines.filter((l) => l.msg === 'alerts: scan already taken for today'));
  expect(skipped.length).toBeGreaterThan(0);
  expect(await db.kysely.selectFrom('alert_runs').select('day').execute()).toHaveLength(1);

  const sentBy = children.map((c) => Number(c.lines.find((l) => 'sentByMe' in l)?.sentByMe ?? -1));
  expect(sentBy[0]! + sentBy[1]!).toBe(OFFICIALS + UPDATES);
  expect(Math.min(...sentBy)).toBeGreaterThan(0);
}, 90_000);
