// A bounded fuzz run over the public API: valid bodies with one field replaced by anything,
// arbitrary JSON, and odd codes and digits. Whatever arrives, the answer is a 2xx or 4xx in
// JSON: never a 5xx, never a hang. Seeded, so a failure replays.
import fc from 'fast-check';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConversationEngine } from '../../src/conversation/engine';
import { textReply } from '../../src/conversation/message';
import type { CalendarData } from '../../src/catalogue/schema';
import { webChatRouter } from '../../src/channels/web/router';
import { fixedClock } from '../../src/clock';
import { DossierChatHandler } from '../../src/dossiers/chat';
import { createApiKey, agencyForKey } from '../../src/dossiers/keys';
import { WindowLimiter } from '../../src/dossiers/rate-limit';
import { DossierService } from '../../src/dossiers/service';
import { createHttpApp } from '../../src/http/app';
import { createDossierRouter } from '../../src/http/dossier-routes';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { findProcedure, nextCode, realCalendar } from '../dossiers/factory';
import { describeStores } from '../helpers/stores';
import { dossierBody } from './dossier-server';
import { createStores } from '../../src/store/stores';

const RUNS = 60;

let calendar: CalendarData;
beforeAll(async () => {
  calendar = await realCalendar();
});

describeStores('fuzzed API requests', (db) => {
  const clock = fixedClock('2026-11-20T10:30:00+07:00');
  let url: string;
  let server: http.Server;
  let key: string;
  let code: string;

  beforeAll(async () => {
    const service = new DossierService({ stores: createStores(db()), procedure: findProcedure, calendar: () => calendar, clock, lookupLimit: { limit: 1_000_000, windowMs: 60_000 } });
    const engine = new ConversationEngine([new DossierChatHandler(service, clock)], { handle: async () => textReply('Bạn hỏi thủ tục gì?') }, silentLogger());
    const app = createHttpApp({
      logger: silentLogger(),
      metrics: createMetrics(),
      mounts: [
        { path: '/api/dossiers', router: createDossierRouter({ service, resolveKey: (k) => agencyForKey(createStores(db()).apiKeys, k), clock }) },
        { path: '/', router: webChatRouter(engine, { now: () => clock.now(), limiter: new WindowLimiter(createStores(db()).rateLimits, { limit: 1_000_000, windowMs: 60_000 }) }) },
      ],
    });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    key = (await createApiKey(createStores(db()).apiKeys, '000.00.20.H56', clock.now())).key;
    code = nextCode();
    await service.upsert('test', code, { ...dossierBody(), receivedAt: new Date('2026-11-20T10:00:00+07:00') } as never);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function expectSane(res: Response): Promise<void> {
    const text = await res.text();
    expect(res.status, text).toBeLessThan(500);
    expect(res.headers.get('content-type') ?? '').toContain('application/json');
    JSON.parse(text);
  }

  const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 300 }), fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', '2026-02-30T10:00:00+07:00', '', ' ', '\u0000', 'ạ'.repeat(5000)));
  const field = fc.constantFrom('procedureCode', 'unit', 'officialId', 'applicantName', 'applicantPhone', 'channel', 'receivedAt', 'status', 'dueAt', 'extra');
  const eventField = fc.constantFrom('type', 'at', 'status', 'newDueAt', 'note', 'extra');
  const json = (method: string, path: string, body: unknown) =>
    fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });

  it('never answers 5xx to a dossier body with one field replaced by anything', async () => {
    await fc.assert(
      fc.asyncProperty(field, anyValue, async (name, value) => {
        await expectSane(await json('PUT', `/api/dossiers/${nextCode()}`, { ...dossierBody(), [name]: value }));
      }),
      { numRuns: RUNS, seed: 14 },
    );
  });

  it('never answers 5xx to an event or batch made of anything', async () => {
    await fc.assert(
      fc.asyncProperty(eventField, anyValue, anyValue, async (name, value, batch) => {
        await expectSane(await json('POST', `/api/dossiers/${code}/events`, { type: 'status', at: '2026-11-21T09:00:00+07:00', status: 'processing', [name]: value }));
        await expectSane(await json('PUT', '/api/dossiers', { dossiers: [batch, { code: nextCode(), ...dossierBody(), unit: batch }] }));
      }),
      { numRuns: RUNS, seed: 14 },
    );
  });

  it('never answers 5xx to odd lookups or chat bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), anyValue, async (rawCode, phone, chatBody) => {
        await expectSane(await fetch(`${url}/api/dossiers/${encodeURIComponent(rawCode) || 'x'}?phone=${encodeURIComponent(phone)}`));
        await expectSane(await json('POST', '/api/chat', chatBody));
        await expectSane(await json('POST', '/api/chat', { text: `/hoso ${rawCode} ${phone}`.slice(0, 2000) }));
      }),
      { numRuns: RUNS, seed: 14 },
    );
  });
});
