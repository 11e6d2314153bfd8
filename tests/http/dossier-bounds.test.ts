// Bounds on what one-stop systems send: dates from 2000-01-01 to ten years ahead, and a
// length limit on every text field, each refused with a 400 naming the field.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CalendarData } from '../../src/catalogue/schema';
import { fixedClock } from '../../src/clock';
import { createApiKey } from '../../src/dossiers/keys';
import { nextCode, realCalendar } from '../dossiers/factory';
import { describeStores } from '../helpers/stores';
import { dossierBody, startDossierServer, type DossierServer } from './dossier-server';
import { createStores } from '../../src/store/stores';

let calendar: CalendarData;
beforeAll(async () => {
  calendar = await realCalendar();
});

describeStores('dossier bounds', (db) => {
  const clock = fixedClock('2026-11-20T10:30:00+07:00');
  let server: DossierServer;
  let key: string;
  beforeAll(async () => {
    server = await startDossierServer(db(), calendar, clock);
    key = (await createApiKey(createStores(db()).apiKeys, '000.00.20.H56', clock.now())).key;
  });
  afterAll(() => server.close());

  const send = (method: string, path: string, body: unknown) =>
    fetch(`${server.url}/api/dossiers${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
  const problem = async (res: Response) => ({ status: res.status, ...((await res.json()) as { field?: string; message?: string }) });

  it('refuses dossier dates before 2000 or more than ten years ahead with a 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ receivedAt: '0000-01-01T00:00:00+07:00' }, 'receivedAt'],
      [{ receivedAt: '0202-11-20T10:00:00+07:00' }, 'receivedAt'],
      [{ receivedAt: '1999-12-31T23:59:59+07:00' }, 'receivedAt'],
      [{ receivedAt: '9999-12-31T10:00:00+07:00' }, 'receivedAt'],
      [{ dueAt: '2036-11-21T10:00:00+07:00' }, 'dueAt'],
      [{ dueAt: '9999-01-01T00:00:00Z' }, 'dueAt'],
    ];
    for (const [overrides, field] of cases) {
      const answer = await problem(await send('PUT', `/${nextCode()}`, dossierBody(overrides)));
      expect(answer, JSON.stringify(overrides)).toMatchObject({ status: 400, field, message: expect.stringContaining('between 2000-01-01 and 2036-11-20') });
    }
    expect((await send('PUT', `/${nextCode()}`, dossierBody({ receivedAt: '2000-01-01T00:00:00+07:00' }))).status).toBe(201);
    expect((await send('PUT', `/${nextCode()}`, dossierBody({ dueAt: '2036-11-19T17:00:00+07:00' }))).status).toBe(201);
  });

  it('refuses event dates out of range, alone and in a batch item', async () => {
    const code = nextCode();
    expect((await send('PUT', `/${code}`, dossierBody())).status).toBe(201);
    expect(await problem(await send('POST', `/${code}/events`, { type: 'status', at: '0001-01-01T00:00:00Z', status: 'processing' }))).toMatchObject({ status: 400, field: 'at' });
    expect(await problem(await send('POST', `/${code}/events`, { type: 'extended', at: '2026-11-21T09:00:00+07:00', newDueAt: '2099-01-01T17:00:00+07:00' }))).toMatchObject({ status: 400, field: 'newDueAt' });
    const batch = await send('PUT', '', { dossiers: [{ code: nextCode(), ...dossierBody({ receivedAt: '3026-11-20T10:00:00+07:00' }) }, { code: nextCode(), ...dossierBody() }] });
    const { results } = (await batch.json()) as { results: Array<{ status: number; body: { field?: string } }> };
    expect(results.map((r) => r.status)).toEqual([400, 201]);
    expect(results[0]!.body.field).toBe('receivedAt');
  });

  it('limits the length of every text field', async () => {
    const long = (n: number) => 'ạ'.repeat(n);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ unit: long(101) }, 'unit'],
      [{ officialId: long(101) }, 'officialId'],
      [{ applicantName: long(201) }, 'applicantName'],
      [{ applicantPhone: `0${'9'.repeat(40)}` }, 'applicantPhone'],
      [{ procedureCode: `1.${'0'.repeat(500)}` }, 'procedureCode'],
      // PostgreSQL refuses NUL in text: a 500 there before.
      [{ applicantName: 'Trần\u0000Bình' }, 'applicantName'],
      [{ unit: 'xa-an-binh\u001b[31m' }, 'unit'],
    ];
    for (const [overrides, field] of cases) {
      expect(await problem(await send('PUT', `/${nextCode()}`, dossierBody(overrides))), field).toMatchObject({ status: 400, field });
    }
    const code = nextCode();
    expect((await send('PUT', `/${code}`, dossierBody())).status).toBe(201);
    expect(await problem(await send('POST', `/${code}/events`, { type: 'status', at: '2026-11-21T09:00:00+07:00', status: 'processing', note: long(1001) }))).toMatchObject({ status: 400, field: 'note' });
    // A lookup's digits and code are bounded too: a huge query is just a miss.
    const huge = await fetch(`${server.url}/api/dossiers/${code}?phone=${'1'.repeat(5000)}`);
    expect(huge.status).toBe(404);
  });
});
