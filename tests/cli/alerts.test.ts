import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CommandIo } from '../../src/cli';
import { openDatabase, type Db } from '../../src/store/db';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-bot-api';
import { addOfficial, link, localFive, makeDossier } from '../alerts/factories';

const AT = '2026-11-23T08:00:00+07:00';
let dir: string;
let env: Record<string, string>;
let db: Db;
let telegram: FakeTelegram;

function io(argv: string[]): { io: CommandIo; result: () => { out: string; err: string } } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { io: { argv, env, stdout, stderr, stdin: new PassThrough() }, result: () => ({ out, err }) };
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const call = io(argv);
  const code = await runCli(call.io);
  return { code, ...call.result() };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-alerts-'));
  fs.mkdirSync(path.join(dir, 'procedures'));
  fs.copyFileSync('procedures/calendar.yaml', path.join(dir, 'procedures', 'calendar.yaml'));
  env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, PROCEDURES_DIR: path.join(dir, 'procedures'), LOG_LEVEL: 'silent' };
  db = await openDatabase(env.DATABASE_URL!);
  await addOfficial(db.kysely, 'cb-lan', 'officer');
  await addOfficial(db.kysely, 'cb-minh', 'officer');
  await link(db.kysely, 'cb-lan', 'telegram', '700100200');
  await db.kysely.insertInto('dossiers').values([
    makeDossier({ code: 'Z-0001', due_at: localFive('2026-11-20') }),
    makeDossier({ code: 'Z-0002', official_id: 'cb-minh', due_at: localFive('2026-11-19') }),
  ]).execute();
  telegram = await startFakeTelegram();
});

afterAll(async () => {
  await db.close();
  await telegram.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('motcua alerts run', () => {
  it('--dry-run prints the plan, who is not linked, and queues nothing', async () => {
    const dry = await cli('alerts', 'run', '--at', AT, '--dry-run', '--show');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Cảnh báo ngày 23/11/2026 (chạy thử: không xếp hàng tin nào): 2 hồ sơ quá hạn, 0 sắp đến hạn; 1 tin dự kiến');
    expect(dry.out).toContain('bản tin hồ sơ đến hạn, quá hạn\tcb-lan\ttelegram ••••••200');
    expect(dry.out).toContain('Z-0001: trễ 1 ngày làm việc');
    expect(dry.out).toContain('chưa liên kết chat: cb-minh (cán bộ, Phường Hạc Thành) có 1 hồ sơ cần xem; cấp mã liên kết: motcua officials link-code cb-minh');
    expect(dry.out).toContain('chưa đăng ký lãnh đạo cho "Phường Hạc Thành"');
    expect(await db.kysely.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });

  it('queues the digests, and a second run the same day queues nothing new', async () => {
    const first = await cli('alerts', 'run', '--at', AT);
    expect(first.out).toContain('1 tin dự kiến, 1 tin mới xếp hàng, 0 tin đã xếp hàng trước đó trong ngày');
    expect(first.out).toContain('tin nhắn nằm trong hàng đợi để `motcua serve` gửi');
    const second = await cli('alerts', 'run', '--at', '2026-11-23T10:00:00+07:00');
    expect(second.out).toContain('1 tin dự kiến, 0 tin mới xếp hàng, 1 tin đã xếp hàng trước đó trong ngày');
    expect(await db.kysely.selectFrom('outbox').selectAll().execute()).toHaveLength(1);
    expect((await db.kysely.selectFrom('alert_runs').select('day').execute()).map((r) => r.day)).toEqual(['2026-11-23']);
  });

  it('delivers through the configured senders and lists undeliverable messages', async () => {
    // A Zalo-only official while only Telegram is configured: undeliverable, and shown.
    await addOfficial(db.kysely, 'cb-zalo', 'officer');
    await link(db.kysely, 'cb-zalo', 'zalo', 'z-998877');
    await db.kysely.insertInto('dossiers').values(makeDossier({ code: 'Z-0003', official_id: 'cb-zalo', due_at: localFive('2026-11-19') })).execute();
    // The real Telegram sender, configured as `serve` would be, pointed at the fake.
    const saved = env;
    env = { ...env, TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot };
    const { code, out } = await cli('alerts', 'run', '--at', AT).finally(() => (env = saved));
    expect(code).toBe(0);
    expect(out).toContain('1 tin mới xếp hàng, 1 tin đã xếp hàng trước đó trong ngày');
    expect(out).toContain('Đã gửi 1 tin nhắn.');
    expect(telegram.sentMessages('700100200')).toHaveLength(1);
    expect(out).toContain('Không gửi được hôm nay: 1 tin');
    expect(out).toMatch(/bản tin hồ sơ đến hạn, quá hạn\tcb-zalo\tzalo •+877\tzalo: channel not configured/);
  });

  it('--json gives scripts the plan and the outcome, with masked chats', async () => {
    const { code, out } = await cli('alerts', 'run', '--at', '2026-11-23T11:00:00+07:00', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as Record<string, unknown>;
    expect(report).toMatchObject({ day: '2026-11-23', dryRun: false, overdue: 3, queued: 0, alreadyQueued: 2, delivered: null });
    expect(report.messages).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'digest', officialId: 'cb-lan', channel: 'telegram', chat: '••••••200' })]));
    expect(out).not.toContain('700100200');
  });

  it('a run for a day that has not come leaves that day to the cron: a dry run previews it, a real run is refused naming --at', async () => {
    // Ten days from now, in Vietnam time, at the cron's hour.
    const future = new Date(Date.now() + 10 * 86_400_000);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(future);
    const at = `${day}T08:00:00+07:00`;
    const shown = `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    const before = await db.kysely.selectFrom('outbox').select('id').execute();

    const dry = await cli('alerts', 'run', '--at', at, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`Cảnh báo ngày ${shown} (chạy thử`);

    const real = await cli('alerts', 'run', '--at', at);
    expect(real.code).toBe(2);
    expect(real.err).toContain(`ngày ${shown} chưa đến`);
    expect(real.err).toContain('--at');
    expect(real.err).toContain('--dry-run');

    // The day's scan is still to do, and nothing was queued early for it.
    expect(await db.kysely.selectFrom('alert_runs').select('day').where('day', '=', day).execute()).toEqual([]);
    expect(await db.kysely.selectFrom('outbox').select('id').execute()).toEqual(before);
  });

  it('rejects a bad --at with a usage error', async () => {
    const bad = await cli('alerts', 'run', '--at', 'hôm qua');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--at needs a time');
  });
});
