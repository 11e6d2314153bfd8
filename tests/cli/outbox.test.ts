// `motcua outbox list --failed` and `motcua outbox retry`: what an operator sees of dead letters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { textReply } from '../../src/conversation/message';
import { enqueue } from '../../src/delivery/outbox';
import { openDatabase, type Db } from '../../src/store/db';
import { runMotcua } from '../helpers/cli';
import { createStores } from '../../src/store/stores';

let dir: string;
let env: Record<string, string>;
let db: Db;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-outbox-'));
  env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, LOG_LEVEL: 'silent' };
  db = await openDatabase(env.DATABASE_URL!);
  const at = new Date('2026-11-24T01:00:00Z'); // 08:00 in Hà Nội
  await enqueue(createStores(db).outbox, { channel: 'telegram', chatId: '987654321', kind: 'digest', reply: textReply('bản tin') }, at);
  await enqueue(createStores(db).outbox, { channel: 'zalo', chatId: '55501234', kind: 'dossier_update', reply: textReply('cập nhật') }, at);
  await enqueue(createStores(db).outbox, { channel: 'telegram', chatId: '111', kind: 'digest', reply: textReply('đã gửi') }, at);
  await db.kysely.updateTable('outbox').set({ state: 'failed', attempts: 12, failed_at: Date.parse('2026-11-26T01:05:00Z'), last_error: 'delivery: Telegram 502: Bad Gateway (still failing at its age limit)' }).where('chat_id', '=', '987654321').execute();
  await db.kysely.updateTable('outbox').set({ state: 'undeliverable', failed_at: Date.parse('2026-11-24T01:00:30Z'), last_error: 'zalo: the user never wrote to the OA' }).where('chat_id', '=', '55501234').execute();
  await db.kysely.updateTable('outbox').set({ state: 'sent', sent_at: Date.parse('2026-11-24T01:00:01Z') }).where('chat_id', '=', '111').execute();
});

afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('lists dead letters in Vietnamese with local times and masked chats', async () => {
  const { code, stdout } = await runMotcua(['outbox', 'list', '--failed'], env);
  expect(code).toBe(0);
  expect(stdout).toContain('Hộp thư đi: 0 đang chờ gửi, 1 đã gửi, 1 gửi thất bại, 1 không có kênh nhận.');
  expect(stdout).toContain('Tin nhắn không gửi được (2), mới nhất trước:');
  expect(stdout).toContain('bản tin hồ sơ đến hạn, quá hạn  telegram ••••••321  gửi thất bại');
  expect(stdout).toContain('tạo lúc 24/11/2026 08:00, dừng lúc 26/11/2026 08:05, 12 lần thử; lỗi cuối: delivery: Telegram 502');
  expect(stdout).toContain('cập nhật hồ sơ cho người dân  zalo ');
  expect(stdout).toContain('không có kênh nhận');
  expect(stdout).not.toContain('987654321');
  // Newest dead letter first.
  expect(stdout.indexOf('telegram')).toBeLessThan(stdout.indexOf('zalo'));
});

it('lists as JSON for scripts', async () => {
  const { code, stdout } = await runMotcua(['outbox', 'list', '--failed', '--json'], env);
  expect(code).toBe(0);
  const parsed = JSON.parse(stdout) as { counts: Record<string, number>; failed: Array<Record<string, unknown>> };
  expect(parsed.counts).toEqual({ failed: 1, undeliverable: 1, sent: 1 });
  expect(parsed.failed[0]).toMatchObject({ state: 'failed', kind: 'digest', channel: 'telegram', chat: '••••••321', attempts: 12, createdAt: '2026-11-24T01:00:00.000Z', failedAt: '2026-11-26T01:05:00.000Z' });
});

it('retries one dead letter by the short id shown, then all; an unknown id is an error', async () => {
  const rows = await db.kysely.selectFrom('outbox').select(['id', 'chat_id']).execute();
  const failedId = rows.find((r) => r.chat_id === '987654321')!.id;
  const missing = await runMotcua(['outbox', 'retry', 'ffffffff'], env);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('no failed message with id ffffffff');

  const one = await runMotcua(['outbox', 'retry', failedId.slice(0, 8)], env);
  expect(one.code).toBe(0);
  expect(one.stdout).toMatch(/^Đã đưa 1 tin nhắn trở lại hàng đợi lúc \d\d\/\d\d\/\d{4} \d\d:\d\d;/);
  const row = await db.kysely.selectFrom('outbox').selectAll().where('id', '=', failedId).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ state: 'pending', attempts: 0, failed_at: null });
  expect(row.retried_at).toBeGreaterThan(Date.parse('2026-11-27T00:00:00Z'));

  const all = await runMotcua(['outbox', 'retry', '--all', '--json'], env);
  expect(all.code).toBe(0);
  expect(JSON.parse(all.stdout).requeued).toHaveLength(1);
  const after = await runMotcua(['outbox', 'list', '--failed'], env);
  expect(after.stdout).toContain('Không có tin nhắn nào bị bỏ dở.');
  expect((await runMotcua(['outbox', 'retry'], env)).code).toBe(2);
});
