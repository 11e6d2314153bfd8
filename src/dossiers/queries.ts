// Queries for the overdue scan (the alerts capability): open dossiers of one unit or one
// official due by a given instant, served by the (unit|official_id, completed_at, due_at) indexes.
import type { Kysely } from 'kysely';
import type { Database } from '../store/database';
import type { DossierRow } from './tables';

export interface DueQuery {
  unit?: string;
  officialId?: string;
  /** Open dossiers due at or before this instant: overdue ones and those near due. */
  dueBy: Date;
  limit?: number;
}

/**
 * Open dossiers (not ready, returned, rejected or withdrawn) due by `dueBy`, earliest first.
 * Dossiers whose clock is stopped (supplement requested, paused) are left out: they cannot be late.
 */
export async function findDueDossiers(db: Kysely<Database>, query: DueQuery): Promise<DossierRow[]> {
  let q = db.selectFrom('dossiers').selectAll().where('completed_at', 'is', null).where('due_at', '<=', query.dueBy.getTime());
  if (query.unit !== undefined) q = q.where('unit', '=', query.unit);
  if (query.officialId !== undefined) q = q.where('official_id', '=', query.officialId);
  q = q.where('status', 'not in', ['supplement_requested', 'paused']);
  return (await q.orderBy('due_at').limit(query.limit ?? 10_000).execute()) as DossierRow[];
}

/** Units that have open dossiers due by `dueBy`: where the scan should look. */
export async function unitsWithDueDossiers(db: Kysely<Database>, dueBy: Date): Promise<string[]> {
  const rows = await db.selectFrom('dossiers').select('unit').distinct().where('completed_at', 'is', null).where('due_at', '<=', dueBy.getTime()).execute();
  return rows.map((r) => r.unit).sort();
}

export async function dossierHistory(db: Kysely<Database>, code: string) {
  return db.selectFrom('dossier_events').select(['type', 'at', 'status', 'actor', 'note']).where('dossier_code', '=', code).orderBy('at').orderBy('created_at').execute();
}
