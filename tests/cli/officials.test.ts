import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMotcua } from '../helpers/cli';
import { openDatabase } from '../../src/store/db';

let dir: string;
let env: Record<string, string>;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout: out, stderr: err } = await runMotcua(argv, env);
  return { code, out, err };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-officials-'));
  env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, LOG_LEVEL: 'silent' };
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('motcua officials', () => {
  it('adds an official and prints the new id', async () => {
    const added = await cli('officials', 'add', '--name', 'Lê Thị Lan', '--unit', 'Phường Hạc Thành', '--role', 'officer');
    expect(added.code).toBe(0);
    expect(added.out.trim()).toMatch(/^cb-[0-9a-f]{10}$/);
  });

  it('keeps the one-stop system’s id when given, and refuses a duplicate', async () => {
    expect((await cli('officials', 'add', '--id', 'CB042', '--name', 'Trần Hà', '--unit', 'Phường Hạc Thành', '--role', 'head')).out).toBe('CB042\n');
    const dup = await cli('officials', 'add', '--id', 'CB042', '--name', 'X', '--unit', 'Y', '--role', 'head');
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('officials: an official with id CB042 already exists');
  });

  it('rejects a bad role with a usage error', async () => {
    const bad = await cli('officials', 'add', '--name', 'A', '--unit', 'B', '--role', 'boss');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--role must be officer or head');
  });

  it('prints a one-time code, lists the link with the chat id masked, and unlinks', async () => {
    const code = await cli('officials', 'link-code', 'CB042');
    expect(code.code).toBe(0);
    expect(code.out.trim()).toMatch(/^[A-Z2-9]{8}$/);
    const db = await openDatabase(env.DATABASE_URL!);
    const { Officials } = await import('../../src/alerts/officials');
    const { DbOfficialStore } = await import('../../src/store/officials');
    const linked = await new Officials(new DbOfficialStore(db.kysely)).redeem(code.out.trim(), 'telegram', '123456789', new Date());
    await db.close();
    expect(linked.ok).toBe(true);

    const list = await cli('officials', 'list');
    const line = list.out.split('\n').find((l) => l.startsWith('CB042'))!;
    expect(line).toContain('lãnh đạo\tPhường Hạc Thành\tTrần Hà');
    expect(line).toMatch(/Telegram ••••••789 \(từ \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\)/);
    expect(list.out).not.toContain('123456789');
    expect(list.out).toMatch(/cb-[0-9a-f]{10}\tcán bộ.*chưa liên kết chat/);

    expect((await cli('officials', 'unlink', 'CB042', '--channel', 'zalo')).out).toBe('CB042: đã gỡ 0 liên kết chat\n');
    expect((await cli('officials', 'unlink', 'CB042')).out).toBe('CB042: đã gỡ 1 liên kết chat\n');
    expect((await cli('officials', 'list')).out).toMatch(/CB042.*chưa liên kết chat/);
  });

  it('refuses a link code for an unknown official', async () => {
    const missing = await cli('officials', 'link-code', 'nobody');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('officials: no official with id nobody');
  });
});
