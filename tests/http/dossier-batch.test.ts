// PUT /api/dossiers: a one-stop system's batch of upserts, each item answered as the single
// PUT would answer it, on SQLite and on PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CalendarData } from '../../src/catalogue/schema';
import { fixedClock } from '../../src/clock';
import { createApiKey } from '../../src/dossiers/keys';
import { AGENCY, OTHER_AGENCY, nextCode, realCalendar, dossierHistory } from '../dossiers/factory';
import { describeStores } from '../helpers/stores';
import { dossierBody, startDossierServer, type DossierServer } from './dossier-server';
import { createStores } from '../../src/store/stores';

let calendar: CalendarData;
beforeAll(async () => {
  calendar = await realCalendar();
});


interface ItemResult {
  code: string | null;
  status: number;
  body: Record<string, unknown>;
}

describeStores('dossier batch intake', (db) => {
  const clock = fixedClock('2026-11-20T10:30:00+07:00');
  let server: DossierServer;
  let key: string;
  let otherKey: string;
  beforeAll(async () => {
    server = await startDossierServer(db(), calendar, clock);
    key = (await createApiKey(createStores(db()).apiKeys, AGENCY, clock.now())).key;
    otherKey = (await createApiKey(createStores(db()).apiKeys, OTHER_AGENCY, clock.now())).key;
  });
  afterAll(async () => {
    await server.close();
  });

  const request = (path: string, payload: unknown, auth: string | null = key) =>
    fetch(`${server.url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) }, body: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const putBatch = (payload: unknown, auth: string | null = key) => request('/api/dossiers', payload, auth);
  const put = (code: string, payload: unknown, auth: string | null = key) => request(`/api/dossiers/${code}`, payload, auth);
  const results = async (res: Response): Promise<ItemResult[]> => {
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: ItemResult[] }).results;
  };
  const stored = (code: string) => db().kysely.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();

  it('answers each item of a mixed batch as the single PUT would, in item order, and applies every valid one', async () => {
    const updated = nextCode();
    const same = nextCode();
    const foreign = nextCode(OTHER_AGENCY);
    expect((await put(updated, dossierBody())).status).toBe(201);
    expect((await put(same, dossierBody())).status).toBe(201);
    expect((await put(foreign, dossierBody({ unit: 'xa-khac' }), otherKey)).status).toBe(201);
    const created = nextCode();
    const unknownProcedure = nextCode();
    const invalid = nextCode();
    const afterFailures = nextCode();
    const batch = {
      dossiers: [
        { code: created, ...dossierBody({ status: 'processing' }) },
        { code: updated, ...dossierBody({ unit: 'xa-tan-phong' }) },
        { code: same, ...dossierBody() },
        { code: '000.00.20.H56-2611200001', ...dossierBody() },
        { code: unknownProcedure, ...dossierBody({ procedureCode: '9.999999' }) },
        { code: foreign, ...dossierBody({ unit: 'hijack' }) },
        { code: invalid, ...dossierBody({ channel: 'fax' }) },
        dossierBody(),
        'not a dossier',
        { code: afterFailures, ...dossierBody({ receivedAt: '2026-11-20T08:30:00Z' }) },
      ],
    };

    const answered = await results(await putBatch(batch));
    expect(answered.map((r) => [r.code, r.status])).toEqual([
      [created, 201], [updated, 200], [same, 200], ['000.00.20.H56-2611200001', 400], [unknownProcedure, 400],
      [foreign, 403], [invalid, 400], [null, 400], [null, 400], [afterFailures, 201],
    ]);
    // The same bodies the single PUT answers.
    expect(answered[0]!.body).toEqual({ code: created, outcome: 'created', status: 'processing', dueAt: '2026-11-26T10:00:00.000Z' });
    expect(answered[1]!.body).toMatchObject({ code: updated, outcome: 'updated', status: 'received' });
    expect(answered[2]!.body).toMatchObject({ code: same, outcome: 'unchanged' });
    expect(answered[3]!.body).toMatchObject({ error: 'bad_request', field: 'code' });
    expect(answered[4]!.body).toMatchObject({ error: 'bad_request', field: 'procedureCode' });
    expect(answered[5]!.body).toMatchObject({ error: 'forbidden' });
    expect(answered[6]!.body).toMatchObject({ error: 'bad_request', field: 'channel' });
    expect(answered[7]!.body).toMatchObject({ error: 'bad_request', field: 'code' });
    expect(answered[8]!.body).toMatchObject({ error: 'bad_request', field: 'code' });
    // 15:30 in Hà Nội, past the cutoff: counted from Mon 23/11.
    expect(answered[9]!.body).toEqual({ code: afterFailures, outcome: 'created', status: 'received', dueAt: '2026-11-27T10:00:00.000Z' });

    expect(await stored(created)).toMatchObject({ status: 'processing', unit: 'xa-an-binh', applicant_phone: '0987 654 321', agency_code: AGENCY });
    expect(await stored(afterFailures)).toMatchObject({ status: 'received' });
    expect((await stored(updated))?.unit).toBe('xa-tan-phong');
    expect((await dossierHistory(db().kysely, updated)).map((e) => e.type)).toEqual(['received', 'updated']);
    expect(await dossierHistory(db().kysely, same)).toHaveLength(1);
    expect((await stored(foreign))?.unit).toBe('xa-khac');
    expect(await dossierHistory(db().kysely, foreign)).toHaveLength(1);
    expect(await stored(unknownProcedure)).toBeUndefined();
    expect(await stored(invalid)).toBeUndefined();

    // The same batch again changes nothing: what was applied answers "unchanged", the rest fails alike.
    const again = await results(await putBatch(batch));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200, 400, 400, 403, 400, 400, 400, 200]);
    expect(again.filter((r) => r.status === 200).map((r) => r.body.outcome)).toEqual(Array(4).fill('unchanged'));
    for (const code of [created, updated, same, foreign, afterFailures]) {
      expect(await dossierHistory(db().kysely, code), code).toHaveLength(code === updated ? 2 : 1);
    }
    expect((await stored(updated))?.unit).toBe('xa-tan-phong');
  });

  it('applies items repeating a code in item order: the last one wins', async () => {
    const code = nextCode();
    const answered = await results(await putBatch({ dossiers: [{ code, ...dossierBody({ unit: 'first' }) }, { code, ...dossierBody({ unit: 'second' }) }, { code, ...dossierBody({ unit: 'third', status: 'processing' }) }] }));
    expect(answered.map((r) => [r.status, r.body.outcome])).toEqual([[201, 'created'], [200, 'updated'], [200, 'updated']]);
    expect(await stored(code)).toMatchObject({ unit: 'third', status: 'processing' });
    expect((await dossierHistory(db().kysely, code)).map((e) => e.type)).toEqual(['received', 'updated', 'status']);
  });

  it('answers 401 as the single PUT does, without a key or with a wrong one, and stores nothing', async () => {
    const code = nextCode();
    for (const auth of [null, 'mck_not-a-real-key']) {
      const res = await putBatch({ dossiers: [{ code, ...dossierBody() }] }, auth);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await res.json()).error).toBe('unauthorized');
    }
    expect(await stored(code)).toBeUndefined();
  });

  it('answers 400 JSON for a malformed envelope and applies none of its items', async () => {
    const code = nextCode();
    const item = { code, ...dossierBody() };
    const cases: Array<[unknown, string]> = [
      [[item], 'body'],
      [{}, 'dossiers'],
      [{ dossiers: item }, 'dossiers'],
      [{ dossiers: [] }, 'dossiers'],
      [{ dossiers: [item], source: 'one-stop' }, 'source'],
    ];
    for (const [payload, field] of cases) {
      const res = await putBatch(payload);
      expect(res.status, JSON.stringify(payload).slice(0, 40)).toBe(400);
      expect(await res.json(), field).toMatchObject({ error: 'bad_request', field });
    }
    const notJson = await putBatch('{"dossiers": [');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'bad_request', message: 'Body is not valid JSON' });
    expect(await stored(code)).toBeUndefined();
  });

  it('takes 500 dossiers in one request, more than the 256 kB single requests may send, and refuses 501', async () => {
    // Long Vietnamese names: 500 items come to more than the shared 256 kB body limit.
    const name = 'Nguyễn Thị Hồng Nhung '.repeat(9).trim();
    const items = Array.from({ length: 501 }, (_, i) => ({ code: nextCode(), ...dossierBody({ applicantName: name, unit: `Ủy ban nhân dân xã Tân Phong, huyện Bình Xuyên, tỉnh Phú Thọ, tổ ${i % 7}` }) }));
    const tooMany = await putBatch({ dossiers: items });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: 'bad_request', field: 'dossiers', message: expect.stringMatching(/500/) });
    expect(await stored(items[0]!.code)).toBeUndefined();

    const full = { dossiers: items.slice(0, 500) };
    expect(Buffer.byteLength(JSON.stringify(full))).toBeGreaterThan(256 * 1024);
    const answered = await results(await putBatch(full));
    expect(answered).toHaveLength(500);
    expect(answered.every((r, i) => r.status === 201 && r.code === items[i]!.code)).toBe(true);
    const { count } = await db().kysely.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('count')).where('code', 'in', full.dossiers.map((d) => d.code)).executeTakeFirstOrThrow();
    expect(Number(count)).toBe(500);
    expect(await stored(items[500]!.code)).toBeUndefined();

    // The larger limit is the batch route's only: a single PUT keeps 256 kB.
    expect((await put(nextCode(), dossierBody({ applicantName: 'x'.repeat(300 * 1024) }))).status).toBe(413);
  });
});
