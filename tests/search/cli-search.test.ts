import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli';
import { run } from '../../src/cli/search';

function io(argv: string[], input: string | string[] = ''): CommandIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  return {
    argv,
    env: { PROCEDURES_DIR: 'procedures' },
    stdout,
    stderr,
    stdin: Readable.from(Array.isArray(input) ? input : [input]),
    out: () => out,
    err: () => err,
  };
}

describe('motcua search', () => {
  it('--explain shows the lexicon lines a question used and where each result matched', async () => {
    const cli = io(['--explain', '--limit', '2', 'lam cccd can giay to gi']);
    expect(await run(cli)).toBe(0);
    const out = cli.out();
    expect(out).toMatch(/^topic: /);
    expect(out).toContain('asks about: papers');
    // Each entry names the line an operator would open to change it.
    expect(out).toMatch(/procedures\/lexicon\.yaml:\d+ {2}synonyms: "lam cccd" → /);
    expect(out).toMatch(/procedures\/lexicon\.yaml:\d+ {2}intents: "can giay to gi" → facet papers/);
    expect(out).toMatch(/^1\. \d\.\d{6} {2}.*căn cước/m);
    expect(out).toMatch(/^ {3}matched in .*name: /m);
    expect(out).toMatch(/^ {3}text match [\d.]+ · usage ×[\d.]+/m);
  });

  it('--explain --json gives the analysis and each result\'s factors to a script', async () => {
    const cli = io(['--explain', '--json', '--limit', '1', 'đăng ký tạm trú ở phường']);
    expect(await run(cli)).toBe(0);
    const body = JSON.parse(cli.out()) as { analysis: { levels: string[]; used: { section: string }[] }; results: { code: string; explain: { factors: { level: number } } }[] };
    expect(body.analysis.levels).toEqual(['commune']);
    expect(body.analysis.used.map((u) => u.section)).toContain('levels');
    expect(body.results[0]!.code).toBe('1.004194');
    expect(body.results[0]!.explain.factors.level).toBeGreaterThan(1);
  });

  it('reads one query a line from stdin and prints one JSON line each, in order', async () => {
    const huge = 'đăng ký khai sinh '.repeat(20_000);
    const cli = io(['--limit', '3'], ['lam giay khai sinh\n', '\n', '   \n', `${huge}\n`, 'dang ky tam tru\r\n', 'hộ chiếu']);
    expect(await run(cli)).toBe(0);
    const lines = cli.out().trimEnd().split('\n').map((l) => JSON.parse(l) as { query: string; results: Array<{ code: string; name: string; score: number }> });
    expect(lines).toHaveLength(6);
    expect(lines[0]!.query).toBe('lam giay khai sinh');
    expect(lines[0]!.results[0]!.code).toBe('1.001193');
    expect(Object.keys(lines[0]!.results[0]!).sort()).toEqual(['code', 'name', 'score']);
    expect(lines[1]!.results).toEqual([]);
    expect(lines[2]!.results).toEqual([]);
    expect(lines[3]!.results.length).toBeLessThanOrEqual(3);
    expect(lines[4]!.query).toBe('dang ky tam tru');
    expect(lines[4]!.results[0]!.code).toBe('1.004194');
    expect(lines[5]!.results[0]!.code).toBe('1.001456');
  });

  it('prints one JSON line for a query given as an argument', async () => {
    const cli = io(['--json', 'đăng ký kết hôn']);
    expect(await run(cli)).toBe(0);
    const body = JSON.parse(cli.out()) as { results: Array<{ code: string }> };
    expect(body.results[0]!.code).toBe('1.000894');
  });

  it('rejects a bad --limit', async () => {
    await expect(run(io(['--limit', '0', 'x']))).rejects.toThrow(/limit/);
  });

  it('handles empty stdin', async () => {
    const cli = io([], []);
    expect(await run(cli)).toBe(0);
    expect(cli.out()).toBe('');
  });
});
