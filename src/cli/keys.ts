// `motcua keys create --agency <code>`: prints a new API key for one agency's one-stop system,
// once; only its sha256 hash is stored. `motcua keys revoke <id>` retires one.
import { parseArgs } from 'node:util';
import { UsageError, type CommandIo } from '../cli';
import { parseConfig } from '../config';
import { createApiKey, revokeApiKey } from '../dossiers/keys';
import { DossierInputError } from '../dossiers/errors';
import { openDatabase } from '../store/db';

const USAGE = 'usage: motcua keys create --agency <agency code, e.g. 000.00.20.H56> | motcua keys revoke <key id>';

export async function run(io: CommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: io.argv, options: { agency: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}; ${USAGE}`);
  }
  const [action, id] = parsed.positionals;
  if (action === 'create' ? !parsed.values.agency : action !== 'revoke' || !id) throw new UsageError(USAGE);
  const config = parseConfig(io.env);
  const db = await openDatabase(config.DATABASE_URL);
  try {
    if (action === 'revoke') {
      const done = await revokeApiKey(db.kysely, id!, new Date());
      io.stderr.write(done ? `motcua keys: revoked ${id}\n` : `motcua keys: no active key ${id}\n`);
      return done ? 0 : 1;
    }
    try {
      const created = await createApiKey(db.kysely, parsed.values.agency!, new Date());
      io.stderr.write(`motcua keys: new key ${created.id} for agency ${created.agencyCode}; it is shown once, store it now\n`);
      io.stdout.write(`${created.key}\n`);
      return 0;
    } catch (error) {
      if (error instanceof DossierInputError) throw new UsageError(error.message);
      throw error;
    }
  } finally {
    await db.close();
  }
}
