// Runs a motcua command in-process through the real command table, capturing its output.
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMotcua(argv: string[], env: Record<string, string | undefined> = {}, stdin: string | string[] = []): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(Buffer.from(b)));
  stderr.on('data', (b: Buffer) => err.push(Buffer.from(b)));
  const code = await runCli({ argv, env, stdout, stderr, stdin: Readable.from(typeof stdin === 'string' ? [stdin] : stdin) });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
