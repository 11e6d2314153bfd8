import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMotcua } from '../helpers/cli';
import { agencyForKey } from '../../src/dossiers/keys';
import { dropSchema, openDatabase, type Db } from '../../src/store/db';
import { PROCEDURES, dossierHistory } from '../dossiers/factory';
import { POSTGRES_URL } from '../helpers/stores';
import { createStores } from '../../src/store/stores';

async function cli(argv: string[], env: Record<string, string>) {
  const { code, stdout: out, stderr: err } = await runMotcua(argv, env);
  return { code, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-dossiers-cli-'));
  const catalogue = path.join(dir, 'procedures');
  await fs.mkdir(catalogue);
  await fs.copyFile(path.resolve('procedures/calendar.yaml'), path.join(catalogue, 'calendar.yaml'));
  for (const p of PROCEDURES) await fs.writeFile(path.join(catalogue, `${p.code}.yaml`), yaml.dump(p));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const HEADER = 'code,procedure_code,unit,official_id,applicant_name,applicant_phone,channel,received_at,status';
const CSV = [
  HEADER,
  '000.00.20.H56-261120-0001,1.001193,xa-an-binh,cb-01,Nguyễn Văn An,0912345678,direct,2026-11-20T10:00:00+07:00,',
  '000.00.20.H56-261120-0002,1.001193,xa-an-binh,,"Lê Thị, Hoa",0912000111,online,20/11/2026 16:00,processing',
  '000.00.20.H56-2611200003,1.001193,xa-an-binh,,Phạm Văn C,0912000222,direct,2026-11-20T10:00:00+07:00,', // line 4: bad code
  '000.00.20.H56-261120-0004,9.999999,xa-an-binh,,Phạm Văn D,0912000333,direct,2026-11-20T10:00:00+07:00,', // 5: unknown procedure
  '000.00.20.H56-261120-0005,1.001193,xa-an-binh,,Phạm Văn E,0912000444,direct,2026-11-20 10:00', // 6: too few fields
  '000.00.20.H56-261120-0006,1.001193,xa-an-binh,,"Phạm Văn F,0912000555,direct,2026-11-20T10:00:00+07:00,', // 7: unclosed quote
  '000.00.20.H56-261120-0007,1.001193,xa-an-binh,,Phạm Văn G,0912000666,fax,2026-11-20T10:00:00+07:00,', // 8: bad channel
  '000.00.20.H56-261120-0008,1.001193,xa-an-binh,,Phạm Văn H,0912000777,direct,31/11/2026 10:00,', // 9: impossible date
  '000.00.20.H56-261120-0009,1.001193,xa-an-binh,,Phạm Văn I,0912000888,direct,2026-11-20T10:00:00+07:00,overdue', // 10: bad status
  '',
  '000.00.21.H56-261120-0001,1.004222,xa-binh-an,cb-02,Võ Thị K,0912000999,direct,2026-11-20T09:00:00+07:00,received',
].join('\n');

function targets(): Array<{ name: string; url: () => Promise<string>; cleanup: () => Promise<void> }> {
  const schema = `t_cli_${Math.random().toString(16).slice(2, 10)}`;
  return [
    { name: 'sqlite', url: async () => `sqlite:${path.join(dir, 'cli.db')}`, cleanup: async () => {} },
    {
      name: 'postgres',
      url: async () => {
        await (await openDatabase(POSTGRES_URL, { schema })).close();
        return `${POSTGRES_URL}?options=-c%20search_path%3D${schema}`;
      },
      cleanup: () => dropSchema(POSTGRES_URL, schema),
    },
  ];
}

for (const target of targets()) {
  describe(`motcua dossiers import / keys [${target.name}]`, () => {
    let env: Record<string, string>;
    let db: Db;
    beforeAll(async () => {
      env = { DATABASE_URL: await target.url(), PROCEDURES_DIR: path.join(dir, 'procedures'), LOG_LEVEL: 'silent' };
      db = await openDatabase(env.DATABASE_URL!);
    });
    afterAll(async () => {
      await db.close();
      await target.cleanup();
    });

    it('applies valid rows, reports each invalid row by line and reason, and prints a summary', async () => {
      const file = path.join(dir, `export-${target.name}.csv`);
      await fs.writeFile(file, `\uFEFF${CSV}\n`);
      const { code, out } = await cli(['dossiers', 'import', file], env);
      expect(code).toBe(1);
      expect(out).toContain(`${file}:4: code:`);
      expect(out).toContain(`${file}:5: procedure_code: unknown procedure 9.999999`);
      expect(out).toContain(`${file}:6: has 8 field(s), the header has 9`);
      expect(out).toContain(`${file}:7: unclosed quote`);
      expect(out).toContain(`${file}:8: channel:`);
      expect(out).toContain(`${file}:9: received_at:`);
      expect(out).toContain(`${file}:10: status:`);
      expect(out).toContain('10 dòng: 3 hồ sơ mới, 0 cập nhật, 0 không đổi, 7 dòng sai');
      const rows = await db.kysely.selectFrom('dossiers').select(['code', 'agency_code', 'status', 'applicant_name', 'due_at', 'official_id']).orderBy('code').execute();
      expect(rows.map((r) => r.code)).toEqual(['000.00.20.H56-261120-0001', '000.00.20.H56-261120-0002', '000.00.21.H56-261120-0001']);
      expect(rows[1]).toMatchObject({ status: 'processing', applicant_name: 'Lê Thị, Hoa', official_id: null });
      expect(rows[2]!.agency_code).toBe('000.00.21.H56');
      // 20/11 16:00 local is past the cutoff: counted from Mon 23/11, due Fri 27/11.
      expect(new Date(rows[1]!.due_at).toISOString()).toBe('2026-11-27T10:00:00.000Z');

      const again = await cli(['dossiers', 'import', file], env);
      expect(again.out).toContain('3 không đổi');
      expect(await dossierHistory(db.kysely, '000.00.20.H56-261120-0001')).toHaveLength(1);
    });

    it('warns, as file:line, about rows naming an official nobody registered, and still loads them', async () => {
      const added = await cli(['officials', 'add', '--id', 'cb-lan', '--name', 'Lê Thị Lan', '--unit', 'xa-an-binh', '--role', 'officer'], env);
      expect(added.code).toBe(0);
      const file = path.join(dir, `officials-${target.name}.csv`);
      await fs.writeFile(file, [
        HEADER,
        '000.00.22.H56-261120-0001,1.001193,xa-an-binh,cb-lan,Nguyễn Văn An,0912345678,direct,2026-11-20T10:00:00+07:00,',
        '000.00.22.H56-261120-0002,1.001193,xa-an-binh,cb-typo,Lê Văn B,0912000111,direct,2026-11-20T10:00:00+07:00,',
        '000.00.22.H56-261120-0003,1.001193,xa-an-binh,,Trần Văn C,0912000222,direct,2026-11-20T10:00:00+07:00,',
        '000.00.22.H56-261120-0004,1.001193,xa-an-binh,cb-typo,Phạm Văn D,0912000333,direct,2026-11-20T10:00:00+07:00,',
      ].join('\n'));
      const { code, out } = await cli(['dossiers', 'import', file], env);
      expect(code).toBe(0);
      const warnings = out.split('\n').filter((l) => l.startsWith(`${file}:`) && l.includes('official_id'));
      const warning = 'official_id: warning: no registered official "cb-typo"; the dossier is loaded, but its alerts reach no one until the official is registered (motcua officials add --id cb-typo …)';
      expect(warnings).toEqual([`${file}:3: ${warning}`, `${file}:5: ${warning}`]);
      expect(out).toContain('4 dòng: 4 hồ sơ mới, 0 cập nhật, 0 không đổi, 0 dòng sai, 2 cảnh báo');
      const rows = await db.kysely.selectFrom('dossiers').select(['code', 'official_id']).where('code', 'like', '000.00.22.H56-%').orderBy('code').execute();
      expect(rows.map((r) => r.official_id)).toEqual(['cb-lan', 'cb-typo', null, 'cb-typo']);
    });

    it('refuses a file without the required columns, and a missing file, with a usage error', async () => {
      const file = path.join(dir, `bad-header-${target.name}.csv`);
      await fs.writeFile(file, 'ma,thu_tuc\n1,2\n');
      const bad = await cli(['dossiers', 'import', file], env);
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/missing column\(s\) code, procedure_code/);
      expect((await cli(['dossiers', 'import', path.join(dir, 'nope.csv')], env)).code).toBe(2);
      expect((await cli(['dossiers'], env)).code).toBe(2);
    });

    it('prints a new API key once and stores only its hash', async () => {
      const { code, out, err } = await cli(['keys', 'create', '--agency', '000.00.20.H56'], env);
      expect(code).toBe(0);
      const key = out.trim();
      expect(key).toMatch(/^mck_/);
      expect(err).not.toContain(key);
      expect(await agencyForKey(createStores(db).apiKeys, key)).toBe('000.00.20.H56');
      const hashes = await db.kysely.selectFrom('api_keys').select('key_hash').execute();
      expect(hashes.some((h) => h.key_hash === key)).toBe(false);
      expect((await cli(['keys', 'create', '--agency', 'UBND'], env)).code).toBe(2);
      expect((await cli(['keys', 'create'], env)).code).toBe(2);
    });
  });
}
