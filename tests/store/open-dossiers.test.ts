// The OpenDossierPages contract on both databases: open dossiers due before the horizon, oldest
// due first, in keyset pages that split a shared due time by code and skip nothing.
import { beforeAll, expect, it } from 'vitest';
import { DbOpenDossierPages, type DueCursor, type OpenDossierRow } from '../../src/store/open-dossiers';
import { describeStores } from '../helpers/stores';
import { localFive, makeDossier } from '../alerts/factories';

describeStores('open dossier pages', (db) => {
  beforeAll(async () => {
    await db().kysely.deleteFrom('dossiers').execute();
    await db().kysely.insertInto('dossiers').values([
      makeDossier({ code: 'D-3', due_at: localFive('2026-11-20') }),
      makeDossier({ code: 'D-1', due_at: localFive('2026-11-20') }),
      makeDossier({ code: 'D-2', due_at: localFive('2026-11-20') }),
      makeDossier({ code: 'D-0', due_at: localFive('2026-11-16'), extended: 1 }),
      makeDossier({ code: 'D-closed', due_at: localFive('2026-11-16'), status: 'returned', completed_at: localFive('2026-11-10') }),
      makeDossier({ code: 'D-later', due_at: localFive('2026-12-20') }),
    ]).execute();
  });

  it('reads every open dossier due before the horizon once, oldest due first, ties by code', async () => {
    const pages = new DbOpenDossierPages(db().kysely);
    const horizon = localFive('2026-11-30');
    const seen: OpenDossierRow[][] = [];
    let after: DueCursor | undefined;
    for (;;) {
      const rows = await pages.page(horizon, after, 2);
      if (rows.length) seen.push(rows);
      if (rows.length < 2) break;
      const last = rows[rows.length - 1]!;
      after = { due: last.due_at, code: last.code };
    }
    expect(seen.map((rows) => rows.map((r) => r.code))).toEqual([['D-0', 'D-1'], ['D-2', 'D-3']]);
    expect(seen[0]![0]).toEqual({ code: 'D-0', procedure_code: '1.001193', unit: 'Phường Hạc Thành', official_id: 'cb-lan', due_at: localFive('2026-11-16'), received_at: Date.parse('2026-11-02T09:00:00+07:00'), extended: 1, status: 'processing' });
  });
});
