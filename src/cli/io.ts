// What every `motcua` command is given and may throw; src/cli.ts runs them. Kept apart from
// src/cli.ts so the commands do not import the file that imports them.

export interface CommandIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** A command returns its exit code. */
export type Command = (io: CommandIo) => Promise<number>;

/** A mistake in the command line: the command exits 2 and prints the message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
