// `motcua serve` (what `npm start` runs): serves until SIGINT or SIGTERM.
import type { CommandIo } from '../cli';
import { parseConfig } from '../config';
import { serve } from '../main';

export async function run(io: CommandIo): Promise<number> {
  const server = await serve(parseConfig(io.env));
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
