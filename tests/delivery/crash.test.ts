import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { textReply } from '../../src/conversation/message';
import { enqueueMany } from '../../src/delivery/outbox';
import crypto from 'node:crypto';
import { dropSchema, openDatabase, type Db } from '../../src/store/db';
import { POSTGRES_URL } from '../helpers/stores';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api';
import { createStores } from '../../src/store/stores';

const MESSAGES = 60;
let dir: string;
let db: Db;
let telegram: FakeTelegram;

function startChild(url: string, concurrency = 1, schema?: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'child-dispatcher.ts')], {
    env: { ...process.env, DATABASE_URL: url, TG_ROOT: telegram.apiRoot, TG_TOKEN: telegram.token, RATE: '20', CONCURRENCY: String(concurrency), CLAIM_MS: '1500', ...(schema ? { PG_SCHEMA: schema } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-crash-'));
  telegram = await startFakeTelegram();
});

afterAll(async () => {
  await db?.close();
  await telegram.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('kill -9 in the middle of delivery, restart: every message arrives, at most the one in flight twice', async () => {
  const url = `sqlite:${path.join(dir, 'outbox.db')}`;
  db = await openDatabase(url);
  await enqueueMany(createStores(db).outbox, Array.from({ length: MESSAGES }, (_, i) => ({ channel: 'telegram' as const, chatId: `c${i}`, kind: 'update', reply: textReply(`tin ${i}`) })), new Date());

  const first = startChild(url);
  let killed = false;
  telegram.onCall = (call) => {
    // Kill as the 15th answer leaves the fake: that message is in flight, not yet marked sent.
    if (call.method === 'sendMessage' && telegram.callsTo('sendMessage').length === 15 && !killed) {
      killed = true;
      first.kill('SIGKILL');
    }
  };
  await exited(first);
  expect(first.signalCode).toBe('SIGKILL');
  const beforeRestart = telegram.sentMessages().length;
  expect(beforeRestart).toBeGreaterThanOrEqual(15);
  expect(beforeRestart).toBeLessThan(MESSAGES);

  const second = startChild(url);
  try {
    await telegram.until(() => new Set(telegram.sentMessages().map((m) => m.chat_id)).size >= MESSAGES, `${MESSAGES} chats answered`, 30_000);
  } finally {
    // A graceful stop: the pass in flight records its outcomes before the process exits.
    second.kill('SIGTERM');
    await exited(second);
  }
  const perChat = new Map<string, number>();
  for (const m of telegram.sentMessages()) perChat.set(String(m.chat_id), (perChat.get(String(m.chat_id)) ?? 0) + 1);
  expect(perChat.size).toBe(MESSAGES);
  const duplicates = [...perChat.values()].reduce((sum, n) => sum + n - 1, 0);
  expect(duplicates).toBeLessThanOrEqual(1);
  const states = await db.kysely.selectFrom('outbox').select('state').execute();
  expect(states.every((s) => s.state === 'sent')).toBe(true);
}, 60_000);

for (const dialect of ['sqlite', 'postgres'] as const) it(`kill -9 with several chats in flight: each chat gets every message in order, at most one of them twice [${dialect}]`, async () => {
  const schema = dialect === 'postgres' ? `t_${crypto.randomBytes(6).toString('hex')}` : undefined;
  const url = dialect === 'postgres' ? POSTGRES_URL : `sqlite:${path.join(dir, 'outbox-chats.db')}`;
  const chats = Array.from({ length: 6 }, (_, c) => `chat${c}`);
  const perChat = 5;
  const local = await openDatabase(url, schema ? { schema } : {});
  try {
    telegram.calls.length = 0;
    telegram.onCall = undefined;
    await enqueueMany(createStores(local).outbox, chats.flatMap((chat) => Array.from({ length: perChat }, (_, i) => ({ channel: 'telegram' as const, chatId: chat, kind: 'update', reply: textReply(`${chat} tin ${i}`) }))), new Date());
    const first = startChild(url, 6, schema);
    let killed = false;
    telegram.onCall = (call) => {
      // Kill while the 9th send is answered: several chats have a message in flight.
      if (call.method === 'sendMessage' && telegram.callsTo('sendMessage').length >= 9 && !killed) {
        killed = true;
        first.kill('SIGKILL');
      }
    };
    await exited(first);
    expect(first.signalCode).toBe('SIGKILL');
    const second = startChild(url, 6, schema);
    try {
      await telegram.until(() => chats.every((chat) => new Set(telegram.sentMessages(chat).map((m) => m.text)).size === perChat), `${perChat} distinct messages in every chat`, 40_000);
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }
    for (const chat of chats) {
      const texts = telegram.sentMessages(chat).map((m) => m.text);
      const unique = texts.filter((t, i) => texts[i - 1] !== t);
      // In order; a repeat can only be the message in flight, sent again right after itself.
      expect(unique).toEqual(Array.from({ length: perChat }, (_, i) => `${chat} tin ${i}`));
      expect(texts.length - perChat).toBeLessThanOrEqual(1);
    }
  } finally {
    await local.close();
    if (schema) await dropSchema(url, schema);
  }
}, 60_000);

it('two dispatcher processes on one PostgreSQL outbox: every message once, each chat in order', async () => {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const chats = Array.from({ length: 8 }, (_, c) => `pair${c}`);
  const perChat = 4;
  const local = await openDatabase(POSTGRES_URL, { schema });
  try {
    telegram.calls.length = 0;
    telegram.onCall = undefined;
    await enqueueMany(createStores(local).outbox, chats.flatMap((chat) => Array.from({ length: perChat }, (_, i) => ({ channel: 'telegram' as const, chatId: chat, kind: 'update', reply: textReply(`${chat} tin ${i}`) }))), new Date());
    const a = startChild(POSTGRES_URL, 4, schema);
    const b = startChild(POSTGRES_URL, 4, schema);
    try {
      await telegram.until(() => telegram.sentMessages().filter((m) => String(m.chat_id).startsWith('pair')).length >= chats.length * perChat, 'every pair message sent', 40_000);
    } finally {
      a.kill('SIGTERM');
      b.kill('SIGTERM');
      await Promise.all([exited(a), exited(b)]);
    }
    for (const chat of chats) expect(telegram.sentMessages(chat).map((m) => m.text)).toEqual(Array.from({ length: perChat }, (_, i) => `${chat} tin ${i}`));
  } finally {
    await local.close();
    await dropSchema(POSTGRES_URL, schema);
  }
}, 60_000);
