// The daily scan's read of the dossiers: open ones falling due before a time, a keyset page at
// a time. A narrow read port (OpenDossierPages) and its Kysely implementation.
import type { Kysely } from 'kysely';
import type { Database } from './database';

/** What the scan reads of an open dossier. */
export type OpenDossierRow = Pick<Database['dossiers'], 'code' | 'procedure_code' | 'unit' | 'official_id' | 'due_at' | 'received_at' | 'extended' | 'status'>;

/** Where a page ended: pages are ordered by due time, then code. */
export interface DueCursor {
  due: number;
  code: string;
}

export interface OpenDossierPages {
  /** Up to `limit` open dossiers due before `horizon` (ms), after `after`, oldest due first. */
  page(horizon: number, after: DueCursor | undefined, limit: number): Promise<OpenDossierRow[]>;
}

export class DbOpenDossierPages implements OpenDossierPages {
  constructor(private readonly db: Kysely<Database>) {}

  async page(horizon: number, after: DueCursor | undefined, limit: number): Promise<OpenDossierRow[]> {
    let query = this.db
      .selectFrom('dossiers')
      .select(['code', 'procedure_code', 'unit', 'official_id', 'due_at', 'received_at', 'extended', 'status'])
      .where('completed_at', 'is', null)
      .where('due_at', '<', horizon);
    if (after) {
      const { due, code } = after;
      // A row value: one index range on (due_at, code) for both databases (migration 0008).
      query = query.where((eb) => eb(eb.refTuple('due_at', 'code'), '>', eb.tuple(due, code)));
    }
    return query.orderBy('due_at').orderBy('code').limit(limit).execute();
  }
}
