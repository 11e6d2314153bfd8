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


describeStores('dossier HTTP API', (db) => {
  const clock = fixedClock('2026-11-20T10:30:00+07:00');
  let server: DossierServer;
  let key: string;
  let otherKey: string;
  beforeAll(async () => {
    server = await startDossierServer(db(), calendar, clock, { limit: 3, windowMs: 60_000 });
    key = (await createApiKey(createStores(db()).apiKeys, AGENCY, clock.now())).key;
    otherKey = (await createApiKey(createStores(db()).apiKeys, OTHER_AGENCY, clock.now())).key;
  });
  afterAll(async () => {
    await server.close();
  });

  const put = (code: string, payload: unknown, auth: string | null = key) =>
    fetch(`${server.url}/api/dossiers/${code}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) }, body: JSON.stringify(payload) });
  const post = (code: string, payload: unknown, auth: string = key) =>
    fetch(`${server.url}/api/dossiers/${code}/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` }, body: JSON.stringify(payload) });
  const lookup = (code: string, phone: string, ip = '127.0.0.1') => fetch(`${server.url}/api/dossiers/${code}?phone=${phone}`, { headers: { 'x-forwarded-for': ip } });

  it('creates a dossier with a computed due date, then answers a repeat with "unchanged"', async () => {
    const code = nextCode();
    const first = await put(code, dossierBody());
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ code, outcome: 'created', status: 'received', dueAt: '2026-11-26T10:00:00.000Z' });
    const again = await put(code, dossierBody());
    expect(again.status).toBe(200);
    expect((await again.json()).outcome).toBe('unchanged');
    expect(await dossierHistory(db().kysely, code)).toHaveLength(1);
  });

  it('answers 401 JSON without a key and with a wrong key', async () => {
    const none = await put(nextCode(), dossierBody(), null);
    expect(none.status).toBe(401);
    expect((await none.json()).error).toBe('unauthorized');
    const wrong = await put(nextCode(), dossierBody(), 'mck_not-a-real-key');
    expect(wrong.status).toBe(401);
    const wrongEvent = await post(nextCode(), { type: 'status', at: '2026-11-20T11:00:00+07:00', status: 'processing' }, 'nope');
    expect(wrongEvent.status).toBe(401);
  });

  it('answers 403 when the dossier belongs to another agency', async () => {
    const code = nextCode();
    expect((await put(code, dossierBody())).status).toBe(201);
    const foreign = await put(code, dossierBody({ unit: 'hijack' }), otherKey);
    expect(foreign.status).toBe(403);
    expect((await post(code, { type: 'status', at: '2026-11-20T11:00:00+07:00', status: 'rejected' }, otherKey)).status).toBe(403);
  });

  it('answers 400 naming the field for malformed codes, unknown procedures and bad bodies', async () => {
    const badCode = await put('000.00.20.H56-2611200001', dossierBody());
    expect(badCode.status).toBe(400);
    expect((await badCode.json()).field).toBe('code');
    const cases: Array<[Record<string, unknown>, string]> = [
      [dossierBody({ procedureCode: '9.999999' }), 'procedureCode'],
      [dossierBody({ procedureCode: 'khai sinh' }), 'procedureCode'],
      [dossierBody({ channel: 'fax' }), 'channel'],
      [dossierBody({ receivedAt: '2026-11-20 10:00' }), 'receivedAt'],
      [dossierBody({ receivedAt: '2026-11-20T10:00:00' }), 'receivedAt'],
      [dossierBody({ applicantPhone: 'abc' }), 'applicantPhone'],
      [dossierBody({ status: 'quá hạn' }), 'status'],
      [dossierBody({ dueDate: '2026-11-26T17:00:00+07:00' }), 'dueDate'],
      [{ ...dossierBody(), applicantName: undefined }, 'applicantName'],
    ];
    for (const [payload, field] of cases) {
      const res = await put(nextCode(), payload);
      expect(res.status, field).toBe(400);
      expect((await res.json()).field, field).toBe(field);
    }
    const notJson = await fetch(`${server.url}/api/dossiers/${nextCode()}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: '{"procedureCode":' });
    expect(notJson.status).toBe(400);
  });

  it('reads receipt times in any offset as Vietnam time: 08:30Z is 15:30 in Hà Nội, past the cutoff', async () => {
    const res = await put(nextCode(), dossierBody({ receivedAt: '2026-11-20T08:30:00Z' }));
    // Counted from Mon 23/11: due Fri 27/11 17:00 +07:00.
    expect((await res.json()).dueAt).toBe('2026-11-27T10:00:00.000Z');
    const early = await put(nextCode(), dossierBody({ receivedAt: '2026-11-19T20:00:00-05:00' }));
    // 20:00 in New York on the 19th is 08:00 on Fri 20/11 in Hà Nội: before the cutoff.
    expect((await early.json()).dueAt).toBe('2026-11-26T10:00:00.000Z');
  });

  it('accepts a dossier due in 2027 (no days off yet), counting Monday–Friday, with a warning', async () => {
    const res = await put(nextCode(), dossierBody({ receivedAt: '2026-12-30T09:00:00+07:00' }));
    expect(res.status).toBe(201);
    const answer = await res.json();
    expect(answer.warnings.join(' ')).toMatch(/2027/);
    const sent = await put(nextCode(), dossierBody({ receivedAt: '2026-12-30T09:00:00+07:00', dueAt: '2027-01-05T17:00:00+07:00' }));
    expect(sent.status).toBe(201);
  });

  it('records events once: a repeated status change adds no history', async () => {
    const code = nextCode();
    await put(code, dossierBody());
    const event = { type: 'status', at: '2026-11-23T09:00:00+07:00', status: 'processing', note: 'Chuyển cán bộ tư pháp' };
    const first = await post(code, event);
    expect(first.status).toBe(200);
    expect((await first.json()).outcome).toBe('updated');
    expect((await (await post(code, event)).json()).outcome).toBe('unchanged');
    expect((await dossierHistory(db().kysely, code)).map((e) => e.type)).toEqual(['received', 'status']);
  });

  it('refuses a second extension with 409 and an event for an unknown dossier with 404', async () => {
    const code = nextCode();
    await put(code, dossierBody());
    expect((await post(code, { type: 'extended', at: '2026-11-25T09:00:00+07:00', newDueAt: '2026-12-02T17:00:00+07:00' })).status).toBe(200);
    expect((await post(code, { type: 'extended', at: '2026-11-26T09:00:00+07:00', newDueAt: '2026-12-04T17:00:00+07:00' })).status).toBe(409);
    expect((await post(code, { type: 'extended', at: '2026-11-26T09:00:00+07:00' })).status).toBe(400);
    expect((await post(nextCode(), { type: 'status', at: '2026-11-26T09:00:00+07:00', status: 'ready' })).status).toBe(404);
    expect((await post(code, { type: 'teleported', at: '2026-11-26T09:00:00+07:00' })).status).toBe(400);
  });

  it('lets a citizen look a dossier up with the phone\'s last 4 digits, masked', async () => {
    const code = nextCode();
    await put(code, dossierBody());
    const res = await lookup(code, '4321', '10.1.0.1');
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view).toMatchObject({ code, procedure: { code: '1.001193', name: 'Đăng ký khai sinh' }, status: 'received', statusLabel: 'Đã tiếp nhận', receivedAt: '2026-11-20T10:00:00+07:00', dueAt: '2026-11-26T17:00:00+07:00', overdue: false, workingDaysLate: 0, applicant: 'Trần T. B.' });
    expect(JSON.stringify(view)).not.toMatch(/654|Thị Bình|0987/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('gives a wrong code and a wrong phone the same 404, and 429 after too many failures from one IP', async () => {
    const code = nextCode();
    await put(code, dossierBody());
    const wrongPhone = await lookup(code, '0000', '10.2.0.1');
    const wrongCode = await lookup(nextCode(), '4321', '10.2.0.1');
    expect(wrongPhone.status).toBe(404);
    expect(wrongCode.status).toBe(404);
    expect(await wrongPhone.text()).toBe(await wrongCode.text());
    await lookup('garbage', '4321', '10.2.0.1');
    const blocked = await lookup(code, '4321', '10.2.0.1');
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error).toBe('too_many_requests');
    // Another address is not affected.
    expect((await lookup(code, '4321', '10.2.0.2')).status).toBe(200);
  });
});
