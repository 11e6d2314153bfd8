// `motcua report questions` reads the same rows on SQLite and PostgreSQL: each database gets
// the same feedback, and the command's JSON is the same on both.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedbackRecorder } from '../../src/feedback/recorder';
import { DbFeedbackStore } from '../../src/store/feedback';
import { dropSchema, openDatabase } from '../../src/store/db';
import { runMotcua } from '../helpers/cli';
import { POSTGRES_URL } from '../helpers/stores';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-report-'));
const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await dropSchema(POSTGRES_URL, schema);
});

const targets = [
  { name: 'sqlite', url: `sqlite:${path.join(dir, 'db.sqlite')}`, open: () => openDatabase(`sqlite:${path.join(dir, 'db.sqlite')}`) },
  // The CLI opens DATABASE_URL as an operator would; the schema travels as a connection option.
  { name: 'postgres', url: `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`, open: () => openDatabase(POSTGRES_URL, { schema }) },
];

describe.each(targets)('motcua report questions [$name]', (target) => {
  it('counts questions, people, choices and votes, and leaves out what is older than --since', async () => {
    const db = await target.open();
    const store = new FeedbackRecorder(new DbFeedbackStore(db.kysely));
    const now = Date.now();
    const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000);
    await store.record({ kind: 'choose', question: 'mất sổ đỏ thì làm sao', channel: 'telegram', chatId: '1' }, at(1));
    await store.record({ kind: 'not-found', question: 'mất sổ đỏ thì làm sao', channel: 'zalo', chatId: '2' }, at(2));
    await store.record({ kind: 'not-found', question: 'mất sổ đỏ thì làm sao', channel: 'zalo', chatId: '2' }, at(3));
    await store.record({ kind: 'not-found', question: 'đăng ký nuôi mèo', channel: 'web', chatId: '3' }, at(30));
    await store.record({ kind: 'down', question: 'làm giấy khai sinh cần gì', code: '1.001193', channel: 'web', chatId: '4' }, at(1));
    await store.record({ kind: 'up', code: '1.001193', channel: 'web', chatId: '5' }, at(1));
    await db.close();

    const day = await runMotcua(['report', 'questions', '--since', '24h', '--json'], { DATABASE_URL: target.url });
    expect(day.stderr).toBe('');
    const report = JSON.parse(day.stdout) as { unanswered: Array<Record<string, unknown>>; disliked: Array<Record<string, unknown>>; votes: Array<Record<string, unknown>> };
    expect(report.unanswered).toEqual([expect.objectContaining({ question: 'mất sổ đỏ thì làm sao', count: 3, people: 2, choose: 1 })]);
    expect(report.disliked).toEqual([expect.objectContaining({ question: 'làm giấy khai sinh cần gì', count: 1, people: 1, codes: ['1.001193'] })]);
    expect(report.votes).toEqual([expect.objectContaining({ code: '1.001193', up: 1, down: 1 })]);

    const week = await runMotcua(['report', 'questions', '--since', '7d'], { DATABASE_URL: target.url });
    expect(week.stdout).toMatch(/ {2}3 lần, 2 người {2}"mất sổ đỏ thì làm sao" {2}\[1 lần bot hỏi lại thủ tục nào\]/);
    expect(week.stdout).toMatch(/ {2}1 lần, 1 người {2}"đăng ký nuôi mèo"\n {6}mục lexicon bắt được: none/);
    expect((await runMotcua(['report', 'questions', '--since', 'tuần trước'], { DATABASE_URL: target.url })).code).toBe(2);
  });
});
