// A server process for the two-process lookup test: the dossier API over DATABASE_URL (a
// shared SQLite file, or a PostgreSQL schema chosen through the URL's options), with the
// failed-lookup limit LOOKUP_LIMIT per 15 minutes. Prints {"url": …} once it listens.
import { systemClock } from '../../src/clock';
import { openDatabase } from '../../src/store/db';
import { realCalendar } from '../dossiers/factory';
import { startDossierServer } from './dossier-server';

const db = await openDatabase(process.env.DATABASE_URL!, { migrate: false });
const server = await startDossierServer(db, await realCalendar(), systemClock, { limit: Number(process.env.LOOKUP_LIMIT), windowMs: 15 * 60_000 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => db.close()).then(() => process.exit(0));
});
