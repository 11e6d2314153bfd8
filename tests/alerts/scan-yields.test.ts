// The overdue scan and the listing render never hold the event loop for their whole run: a
// timer set when they start fires before they finish (webhooks are answered meanwhile), and the
// paged scan plans exactly what one big read would.
import { beforeAll, describe, expect, it } from 'vitest';
import { planScan, runScan, type ScanDeps } from '../../src/alerts/scan';
import { WorkingCalendar } from '../../src/dossiers/working-days';
import { renderListingAsync, renderListingAs } from '../../src/listings/render';
import { buildListing } from '../../src/listings/listing';
import { describeStores } from '../helpers/stores';
import { generatedProcedures, makeCatalogue } from '../listings/fixture';
import { addOfficial, calendar2026, clearAll, link, localFive, makeDossier, scanPortsOn } from './factories';

const MONDAY = new Date('2026-11-23T08:00:00+07:00');
const DUE_DAYS = ['2026-11-10', '2026-11-16', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-25'];

describeStores('overdue scan in pages', (db) => {
  let deps: ScanDeps;

  beforeAll(async () => {
    const k = db().kysely;
    await clearAll(k);
    deps = { ...scanPortsOn(db()), calendar: new WorkingCalendar(calendar2026).toLenient(), nearDueDays: 1, escalateDays: 3 };
    await addOfficial(k, 'cb-head', 'head');
    await link(k, 'cb-head', 'zalo', '2000');
    for (let o = 0; o < 6; o++) {
      await addOfficial(k, `cb-${o}`, 'officer');
      if (o !== 5) await link(k, `cb-${o}`, 'telegram', String(1000 + o));
    }
    // 120 open dossiers on six due days (many share a due instant, so pages split ties by code),
    // some closed, some paused.
    const rows = Array.from({ length: 150 }, (_, i) =>
      makeDossier({
        official_id: `cb-${i % 6}`,
        due_at: localFive(DUE_DAYS[i % DUE_DAYS.length]!),
        ...(i % 5 === 4 ? { status: 'returned', completed_at: localFive('2026-11-09') } : {}),
        ...(i % 11 === 3 ? { status: 'paused', paused_at: localFive('2026-11-05') } : {}),
      }),
    );
    await k.insertInto('dossiers').values(rows).execute();
  });

  it('reads in pages and lets a timer set at its start fire while pages are still to come', async () => {
    const pages: number[] = [];
    let pagesWhenTimerFired: number | undefined;
    let startFired = false;
    const onPage = (rows: number) => {
      pages.push(rows);
      // A timer set once the first dossier page is in: it must fire between pages, not after the last.
      if (pages.length === 1) setTimeout(() => { pagesWhenTimerFired = pages.length; }, 0);
    };
    const scan = planScan({ ...deps, pageRows: 7, onPage }, MONDAY);
    setTimeout(() => { startFired = true; }, 0);
    const plan = await scan;
    expect(startFired).toBe(true);
    expect(pages.length).toBeGreaterThan(10);
    expect(pagesWhenTimerFired).toBeDefined();
    expect(pagesWhenTimerFired!).toBeLessThan(pages.length / 2);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(plan.dossiersInScope);
  });

  it('plans the same messages with pages of 7 rows as with one page of them all', async () => {
    const small = await planScan({ ...deps, pageRows: 7 }, MONDAY);
    const whole = await planScan({ ...deps, pageRows: 100_000 }, MONDAY);
    expect(small.dossiersInScope).toBe(120);
    expect(small).toEqual(whole);
    expect(small.overdue).toBeGreaterThan(0);
    expect(small.nearDue).toBeGreaterThan(0);
  });

  it('queues every planned message, once, when run', async () => {
    const result = await runScan({ ...deps, pageRows: 7 }, MONDAY);
    expect(result.queued).toBe(result.messages.length);
    expect((await runScan({ ...deps, pageRows: 7 }, MONDAY)).queued).toBe(0);
  });
});

describe('listing render', () => {
  it('lets a timer set at its start fire before a 300-procedure HTML listing is done, and renders the same page', async () => {
    const catalogue = makeCatalogue(generatedProcedures(300));
    const links = { webBaseUrl: 'https://yields.example.vn' };
    const now = new Date('2026-11-23T08:00:00+07:00');
    let fired = false;
    let firedBeforeDone: boolean | undefined;
    const render = renderListingAsync(catalogue, 'xa-thu-nghiem', 'html', { links, now, all: true }).then((r) => { firedBeforeDone = fired; return r; });
    setTimeout(() => { fired = true; }, 0);
    const { body } = await render;
    expect(firedBeforeDone).toBe(true);
    expect(body).toBe(renderListingAs(buildListing(catalogue, 'xa-thu-nghiem', { links, now, all: true }), 'html'));
  });
});
