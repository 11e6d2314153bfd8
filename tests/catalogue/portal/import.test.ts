// `motcua import-portal` end to end: records in, a catalogue that loads cleanly out, a report, and
// regeneration that removes only stale generated files.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMotcua, type CliRun } from '../../helpers/cli';
import { loadCatalogue } from '../../../src/catalogue/loader';
import { GENERATED_MARKER } from '../../../src/catalogue/portal/yaml-out';
import { loadPortalOnly } from '../../../src/catalogue/portal-only';

const FIXTURES = path.resolve(__dirname, '../../fixtures/portal');

const motcua = (argv: string[]): Promise<CliRun> => runMotcua(argv);

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = (await fs.readdir(dir, { recursive: true })).filter((f) => f.endsWith('.yaml')).sort();
  return new Map(await Promise.all(files.map(async (f) => [f, await fs.readFile(path.join(dir, f), 'utf8')] as [string, string])));
}

let work: string;
let input: string;
let popularity: string;

beforeEach(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-import-'));
  input = path.join(work, 'crawl.jsonl.gz');
  popularity = path.join(FIXTURES, 'popularity.jsonl');
  await fs.writeFile(input, gzipSync(await fs.readFile(path.join(FIXTURES, 'samples.jsonl'))));
});

afterEach(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

describe('motcua import-portal', () => {
  it('writes one file per procedure in a folder per field, which the catalogue loader accepts', async () => {
    const out = path.join(work, 'procedures');
    const { code, stdout } = await motcua(['import-portal', input, '--out', out, '--popularity', popularity]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/records read: +10/);
    expect(stdout).toMatch(/procedures written: +10/);
    const text = await fs.readFile(path.join(out, 'ho-tich', '1.001193.yaml'), 'utf8');
    expect(text.startsWith(`${GENERATED_MARKER}\ncode: '1.001193'\nname: Thủ tục đăng ký khai sinh\nfield: Hộ tịch\n`)).toBe(true);
    expect(text).not.toMatch(/&\w+|\*\w+\n/);
    const { catalogue, problems } = await loadCatalogue(out);
    expect(problems).toEqual([]);
    expect(catalogue.procedures).toHaveLength(10);
    expect(catalogue.byCode.get('1.001193')!.popularity).toBe(17610);
  });

  it('prints the parse-quality report with counts, percentages and incomplete records by reason', async () => {
    const { stdout } = await motcua(['import-portal', input, '--out', path.join(work, 'p'), '--popularity', popularity]);
    expect(stdout).toMatch(/channels: +10 \/ 10 \(100\.0%\)/);
    expect(stdout).toMatch(/at least one paper: +10 \/ 10 \(100\.0%\)/);
    expect(stdout).toMatch(/page chrome left: +0/);
    expect(stdout).toMatch(/met +at least one paper for >= 95% of records/);
    // 1.000178 publishes "Không có thông tin" in every fee cell.
    expect(stdout).toMatch(/every fee cell says "Không có thông tin" \(\d+\): .*1\.000178/);
  });

  it('gives byte-identical files on a second run and removes only stale generated files', async () => {
    const out = path.join(work, 'procedures');
    await motcua(['import-portal', input, '--out', out, '--popularity', popularity]);
    const first = await snapshot(out);
    const stale = path.join(out, 'ho-tich', '1.999999.yaml');
    const handWritten = path.join(out, 'ho-tich', '1.888888.yaml');
    await fs.writeFile(stale, `${GENERATED_MARKER}\ncode: '1.999999'\n`);
    await fs.writeFile(handWritten, "code: '1.888888'\n");
    await fs.mkdir(path.join(out, 'linh-vuc-cu'));
    await fs.writeFile(path.join(out, 'linh-vuc-cu', '1.777777.yaml'), `${GENERATED_MARKER}\n`);
    const { stdout } = await motcua(['import-portal', input, '--out', out, '--popularity', popularity]);
    expect(stdout).toMatch(/2 stale file\(s\) removed/);
    await expect(fs.access(stale)).rejects.toThrow();
    await expect(fs.access(path.join(out, 'linh-vuc-cu'))).rejects.toThrow();
    expect(await fs.readFile(handWritten, 'utf8')).toBe("code: '1.888888'\n");
    await fs.rm(handWritten);
    expect(await snapshot(out)).toEqual(first);
  });

  it('keeps the office a province wrote for a portal-only procedure when it imports again', async () => {
    const out = path.join(work, 'procedures');
    await motcua(['import-portal', input, '--out', out, '--popularity', popularity]);
    const file = path.join(out, 'portal-only.yaml');
    const written = await fs.readFile(file, 'utf8');
    const code = /code: '(\d\.\d{6})'/.exec(written)![1]!;
    // The operator adds who handles the first entry, under its `uses` line.
    const edited = written.replace(new RegExp(`(code: '${code.replace('.', '\\.')}'\n(?:    .*\n)*?    uses: \\d+\n)`), '$1    office: Trung tâm Dịch vụ việc làm tỉnh Ninh Bình\n');
    expect(edited).not.toBe(written);
    await fs.writeFile(file, edited);
    await motcua(['import-portal', input, '--out', out, '--popularity', popularity]);
    const { entries, problems } = await loadPortalOnly(out);
    expect(problems).toEqual([]);
    expect(entries.find((e) => e.code === code)?.office).toBe('Trung tâm Dịch vụ việc làm tỉnh Ninh Bình');
    expect(entries.filter((e) => e.office)).toHaveLength(1);
  });

  it('keeps one record of a duplicated code and reports it', async () => {
    const lines = (await fs.readFile(path.join(FIXTURES, 'samples.jsonl'), 'utf8')).trim().split('\n');
    const plain = path.join(work, 'dup.jsonl');
    await fs.writeFile(plain, [...lines, lines[0]].join('\n'));
    const { code, stdout } = await motcua(['import-portal', plain, '--out', path.join(work, 'd'), '--popularity', popularity]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/duplicate codes: +1 1\.001193 \(kept line 1, dropped 11\)/);
    expect(stdout).toMatch(/procedures written: +10/);
  });

  it('refuses a missing input and bad options with a usage error', async () => {
    expect((await motcua(['import-portal'])).code).toBe(2);
    expect((await motcua(['import-portal', input, '--bogus'])).code).toBe(2);
    const missing = await motcua(['import-portal', path.join(work, 'nope.jsonl'), '--out', path.join(work, 'x')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/import-portal: cannot read/);
  });
});
