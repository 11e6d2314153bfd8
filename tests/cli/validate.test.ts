import { execFile } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli';

const root = path.join(import.meta.dirname, '../..');
const good = 'tests/fixtures/catalogue-good';
const bad = 'tests/fixtures/catalogue-bad';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli({ argv, env, stdout, stderr, stdin: new PassThrough() });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('motcua validate', () => {
  it('passes a clean catalogue with exit 0 and a summary', async () => {
    const { code, stdout, stderr } = await cli(['validate', '--at', '2026-11-23', good]);
    expect({ code, stdout, stderr }).toEqual({
      code: 0,
      stdout: 'tests/fixtures/catalogue-good: 2 procedures, 1 office, 0 errors, 0 warnings\n',
      stderr: '',
    });
  });

  it('prints warnings but still exits 0 when, from October on, next year has no notice recorded', async () => {
    const { code, stdout } = await cli(['validate', '--at', '2027-10-02', good]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      "tests/fixtures/catalogue-good/calendar.yaml:4: warning: years.2028: the government's notice for 2028 is not recorded: deadlines in 2028 count the statutory holidays but no swapped days off or make-up Saturdays\n" +
        'tests/fixtures/catalogue-good: 2 procedures, 1 office, 0 errors, 1 warning\n',
    );
  });

  it('prints every problem as file:line: field: message and exits 1', async () => {
    const { code, stdout } = await cli(['validate', '--at', '2026-11-23', bad]);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(26);
    expect(lines[0]).toBe(`${bad}/broken/1.000001.yaml:5: invalid YAML: missed comma between flow collection entries`);
    expect(lines).toContain(`${bad}/dup-b/1.000005.yaml:3: code: duplicate procedure code 1.000005: also in dup-a/1.000005.yaml:1`);
    expect(lines).toContain(`${bad}/offices.yaml:9: offices[0].procedures[1]: no procedure 9.999999 in the catalogue`);
    expect(lines).toContain(`${bad}/typed/1.000002.yaml:22: fee: unknown field`);
    expect(lines).toContain(`${bad}/lexicon.yaml:5: synonyms[0].codes[1]: no procedure 9.999998 in the catalogue or in portal-only.yaml`);
    expect(lines).toContain(`${bad}/lexicon.yaml:7: synonyms[1].mean: unknown field (did you mean means?)`);
    expect(lines.filter((l) => l.startsWith(`${bad}/lexicon.yaml:11: intents[0].facet:`))).toHaveLength(1);
    expect(lines).toContain(`${bad}/lexicon.yaml:8: synonyms[2].say[0]: "giay khai sinh" is already said in synonyms[0] (line 2); a phrase can mean one thing only`);
    expect(lines).toContain(`${bad}/lexicon.yaml:14: outside[0].reply: required field is missing`);
    expect(lines).toContain(`${bad}/lexicon.yaml:15: outside[0].codes[0]: no procedure 9.999997 in the catalogue or in portal-only.yaml`);
    expect(lines.at(-1)).toBe(`${bad}: 2 procedures, 2 offices, 25 errors, 0 warnings`);
  });

  it('uses PROCEDURES_DIR when no directory is given', async () => {
    const { code, stdout } = await cli(['validate', '--at', '2026-11-23'], { PROCEDURES_DIR: good });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^tests\/fixtures\/catalogue-good: 2 procedures/);
  });

  it('says clearly that a directory does not exist, with exit 1 and no stack trace', async () => {
    const { code, stdout, stderr } = await cli(['validate', 'tests/fixtures/no-such-dir']);
    expect({ code, stdout, stderr }).toEqual({ code: 1, stdout: '', stderr: 'motcua validate: catalogue: no such directory: tests/fixtures/no-such-dir\n' });
  });

  it('rejects an unknown option with the usage and exit 2', async () => {
    const { code, stderr } = await cli(['validate', '--strict', good]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^motcua validate: unknown option --strict; usage: motcua validate/);
  });

  it('runs as a real process: node bin/motcua.mjs validate <dir>', async () => {
    const run = promisify(execFile);
    const failed = await run(process.execPath, ['bin/motcua.mjs', 'validate', '--at', '2026-11-23', bad], { cwd: root }).catch((e: unknown) => e);
    const { code, stdout } = failed as { code: number; stdout: string };
    expect(code).toBe(1);
    expect(stdout).toContain(`${bad}/typed/1.000003.yaml:2: name: required field is missing\n`);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`${bad}: 2 procedures, 2 offices, 25 errors, 0 warnings`);
    const passed = await run(process.execPath, ['bin/motcua.mjs', 'validate', '--at', '2026-11-23', good], { cwd: root });
    expect(passed.stdout).toBe(`${good}: 2 procedures, 1 office, 0 errors, 0 warnings\n`);
  });
});
