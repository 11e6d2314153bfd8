// The operator's CLI: every command and sub-command answers --help and -h with a usage line
// and an example (exit 0, nothing started); keys list/revoke and officials list in Vietnamese
// with Vietnam time, --json for scripts; db backup makes a checked online copy of SQLite and
// tells a PostgreSQL operator to use pg_dump (exit 1).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Officials } from '../../src/alerts/officials';
import { DbOfficialStore } from '../../src/store/officials';
import { openDatabase } from '../../src/store/db';
import { runMotcua } from '../helpers/cli';

let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-operator-'));
  env = { DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, LOG_LEVEL: 'silent', PROCEDURES_DIR: 'tests/fixtures/catalogue-good' };
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const COMMANDS: Record<string, string[]> = {
  serve: [], 'import-portal': [], validate: [], listing: [], ask: [], search: [], eval: [],
  alerts: ['run'], officials: ['add', 'link-code', 'list', 'unlink'], dossiers: ['import'],
  keys: ['create', 'list', 'revoke'], outbox: ['list', 'retry'], db: ['backup'], report: ['questions'],
};

describe('--help', () => {
  it('motcua --help lists every command with what it does', async () => {
    const { code, stdout } = await runMotcua(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Cách dùng \(usage\): motcua <lệnh>/);
    for (const name of Object.keys(COMMANDS)) expect(stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect((await runMotcua(['help', 'keys'])).stdout).toContain('motcua keys revoke <mã khoá>');
  });

  for (const [name, subs] of Object.entries(COMMANDS)) {
    for (const argv of [[name], ...subs.map((s) => [name, s])]) {
      for (const flag of ['--help', '-h']) {
        it(`motcua ${argv.join(' ')} ${flag}`, async () => {
          // An unreachable database proves nothing is opened or started for help.
          const { code, stdout, stderr } = await runMotcua([...argv, flag], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
          expect(stderr).toBe('');
          expect(code).toBe(0);
          expect(stdout).toMatch(new RegExp(`Cách dùng \\(usage\\):\\s+motcua ${argv.join(' ')}`));
          expect(stdout).toMatch(/Ví dụ:\s+\S/);
          // What a user sees never names internal issue numbers.
          expect(stdout).not.toMatch(/\bissue\b|#\d/i);
        });
      }
    }
  }

  it('keeps search and validate usage errors as they were (exit 2 on stderr)', async () => {
    expect((await runMotcua(['search', '--bogus'])).code).toBe(2);
    expect((await runMotcua(['keys'])).code).toBe(2);
    expect((await runMotcua(['keys', 'rotate'])).stderr).toContain('unknown subcommand "rotate"');
  });
});

it('names no internal issue numbers in the README, the operator guide or the CLI', () => {
  const files = ['README.md', ...fs.readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), 'src/cli.ts', ...fs.readdirSync('src/cli').map((f) => `src/cli/${f}`)];
  for (const file of files) expect(fs.readFileSync(file, 'utf8'), file).not.toMatch(/\bissues?\s*#?\d|#1\d?\b/i);
});

describe('keys', () => {
  it('lists active keys with agency and local creation time, revokes one, and lists it as revoked with --all', async () => {
    const created = await runMotcua(['keys', 'create', '--agency', '000.00.20.H56'], env);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    const id = /khoá mới (\S+) cho cơ quan 000\.00\.20\.H56/.exec(created.stderr)![1]!;
    await runMotcua(['keys', 'create', '--agency', '000.00.21.H56'], env);

    const list = await runMotcua(['keys', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('2 khoá API đang dùng:');
    expect(list.stdout).toMatch(new RegExp(`${id}  cơ quan 000\\.00\\.20\\.H56  tạo lúc \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}  đang dùng`));
    expect(list.stdout).not.toContain(key);

    const json = JSON.parse((await runMotcua(['keys', 'list', '--json'], env)).stdout) as Array<Record<string, unknown>>;
    expect(json).toHaveLength(2);
    expect(json.find((k) => k.id === id)).toMatchObject({ agency: '000.00.20.H56', revokedAt: null });
    expect(JSON.stringify(json)).not.toContain(key);

    const revoked = await runMotcua(['keys', 'revoke', id], env);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/^Đã thu hồi khoá \S+ lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    const again = await runMotcua(['keys', 'revoke', id], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('không có khoá đang dùng nào');

    expect((await runMotcua(['keys', 'list'], env)).stdout).toContain('1 khoá API đang dùng:');
    const all = await runMotcua(['keys', 'list', '--all'], env);
    expect(all.stdout).toMatch(new RegExp(`${id} .* đã thu hồi lúc \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}`));
  });
});

describe('officials list', () => {
  it('shows roles, links and link times in Vietnamese and Vietnam time, and JSON with ISO times', async () => {
    await runMotcua(['officials', 'add', '--id', 'CB7', '--name', 'Đỗ Minh An', '--unit', 'UBND xã Gia Viễn', '--role', 'head'], env);
    const db = await openDatabase(env.DATABASE_URL!);
    const store = new Officials(new DbOfficialStore(db.kysely));
    const { code } = await store.createLinkCode('CB7', new Date('2026-11-24T00:00:00Z'));
    // 01:30 UTC is 08:30 in Hà Nội.
    await store.redeem(code, 'zalo', '4455667788', new Date('2026-11-24T01:30:00Z'));
    await db.close();

    const list = await runMotcua(['officials', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('CB7\tlãnh đạo\tUBND xã Gia Viễn\tĐỗ Minh An\tZalo •••••••788 (từ 24/11/2026 08:30)');
    expect(list.stdout).not.toContain('4455667788');
    const [official] = JSON.parse((await runMotcua(['officials', 'list', '--json'], env)).stdout) as Array<Record<string, unknown>>;
    expect(official).toMatchObject({ id: 'CB7', role: 'head', active: true, links: [{ channel: 'zalo', chat: '•••••••788', linkedAt: '2026-11-24T01:30:00.000Z' }] });
  });
});

describe('db backup', () => {
  it('copies the SQLite database online into a checked file and refuses to overwrite one', async () => {
    await runMotcua(['keys', 'create', '--agency', '000.00.22.H56'], env);
    const target = path.join(dir, 'backup', 'motcua.db');
    const done = await runMotcua(['db', 'backup', target], env);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^Đã sao lưu .* sang .*motcua\.db lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(.* byte, kiểm tra toàn vẹn: tốt\)/);
    const copy = new SQLite(target, { readonly: true });
    const agencies = copy.prepare('select agency_code from api_keys').all() as Array<{ agency_code: string }>;
    copy.close();
    expect(agencies.map((a) => a.agency_code)).toContain('000.00.22.H56');

    const twice = await runMotcua(['db', 'backup', target], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('đã có; hãy chọn tên tệp mới');
    const json = JSON.parse((await runMotcua(['db', 'backup', path.join(dir, 'b2.db'), '--json'], env)).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ integrity: 'ok' });
  });

  it('on PostgreSQL, says how to use pg_dump and exits non-zero without touching the database', async () => {
    const pg = await runMotcua(['db', 'backup', '/var/backups/motcua.dump'], { DATABASE_URL: 'postgres://motcua:s3cret-pass@127.0.0.1:1/motcua' });
    expect(pg.code).toBe(1);
    expect(pg.stderr).toContain('pg_dump --format=custom --file=/var/backups/motcua.dump "$DATABASE_URL"');
    expect(pg.stderr).toContain('pg_restore');
    expect(pg.stderr).not.toContain('s3cret-pass');
    expect(fs.existsSync('/var/backups/motcua.dump')).toBe(false);
  });
});
