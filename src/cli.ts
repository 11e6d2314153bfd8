// `motcua <command>`: each command lives in src/cli/<command>.ts and is a thin call into services.
import { parseConfig } from './config';

export interface CommandIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** A command returns its exit code. */
export type Command = (io: CommandIo) => Promise<number>;

const commands: Record<string, () => Promise<{ run: Command }>> = {
  serve: () => import('./cli/serve'),
  'import-portal': () => import('./cli/import-portal'),
  validate: () => import('./cli/validate'),
  listing: () => import('./cli/listing'),
  ask: () => import('./cli/ask'),
  search: () => import('./cli/search'),
  eval: () => import('./cli/eval'),
  alerts: () => import('./cli/alerts'),
  officials: () => import('./cli/officials'),
  dossiers: () => import('./cli/dossiers'),
  keys: () => import('./cli/keys'),
  outbox: () => import('./cli/outbox'),
};

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export { parseConfig };

export async function runCli(io: CommandIo): Promise<number> {
  const [name, ...rest] = io.argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(`usage: motcua <command> [options]\ncommands: ${Object.keys(commands).sort().join(', ')}\n`);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.stderr.write(`motcua: unknown command "${name}"; try: ${Object.keys(commands).sort().join(', ')}\n`);
    return 2;
  }
  try {
    const { run } = await load();
    return await run({ ...io, argv: rest });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`motcua ${name}: ${message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

export async function main(argv: string[]): Promise<void> {
  const code = await runCli({ argv, env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
  // `serve` keeps running until a signal; every other command ends here, once its output
  // has been flushed (a bare process.exit cuts piped output short).
  if (argv[0] === 'serve' && code === 0) return;
  await flush(process.stdout);
  await flush(process.stderr);
  process.exit(code);
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.write('', () => resolve())) stream.once('drain', () => resolve());
  });
}
