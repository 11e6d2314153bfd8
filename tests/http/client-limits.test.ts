// One allowance per client whichever path it guesses on (the GET lookup API and the web
// chat), IPv6 clients counted per /64, TRUST_PROXY deciding whose X-Forwarded-For counts, and
// a limit on web chat messages per client, over real HTTP on both databases.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConversationEngine } from '../../src/conversation/engine';
import { textReply } from '../../src/conversation/message';
import { webChatRouter } from '../../src/channels/web/router';
import { fixedClock } from '../../src/clock';
import { ConfigError, parseConfig } from '../../src/config';
import { DossierChatHandler } from '../../src/dossiers/chat';
import { WindowLimiter } from '../../src/dossiers/rate-limit';
import { DossierService } from '../../src/dossiers/service';
import { createHttpApp } from '../../src/http/app';
import { clientKey } from '../../src/http/client-key';
import { createDossierRouter } from '../../src/http/dossier-routes';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import type { CalendarData } from '../../src/catalogue/schema';
import { findProcedure, makeDossier, nextCode, realCalendar } from '../dossiers/factory';
import { describeStores } from '../helpers/stores';
import { createStores } from '../../src/store/stores';

let calendar: CalendarData;
beforeAll(async () => {
  calendar = await realCalendar();
});

it('groups IPv6 addresses by /64 and reads IPv4-mapped addresses as IPv4', () => {
  expect(clientKey('2001:db8:1:2::1')).toBe(clientKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
  expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
  expect(clientKey('::ffff:203.0.113.9')).toBe(clientKey('203.0.113.9'));
  expect(clientKey('203.0.113.9')).not.toBe(clientKey('203.0.113.10'));
});

it('reads TRUST_PROXY as a hop count or an address list, loopback by default, and names it when wrong', () => {
  expect(parseConfig({}).TRUST_PROXY).toEqual(['loopback']);
  expect(parseConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
  expect(parseConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,fd00::/8, uniquelocal' }).TRUST_PROXY).toEqual(['10.0.0.1', '10.1.0.0/16', 'fd00::/8', 'uniquelocal']);
  for (const bad of ['proxy.example', '10.0.0.1/40', '1.2.3', ',']) {
    expect(() => parseConfig({ TRUST_PROXY: bad })).toThrow(ConfigError);
    try {
      parseConfig({ TRUST_PROXY: bad });
    } catch (error) {
      expect((error as ConfigError).keys).toEqual(['TRUST_PROXY']);
    }
  }
});

describeStores('client limits', (db) => {
  const clock = fixedClock('2026-11-20T10:30:00+07:00');
  const LIMIT = 3;
  const servers: http.Server[] = [];
  let service: DossierService;
  let code: string;

  async function start(trustProxy?: number | string[], chatPerMinute = 1000): Promise<string> {
    const chats = new ConversationEngine([new DossierChatHandler(service, clock)], { handle: async () => textReply('Bạn hỏi thủ tục gì?') }, silentLogger());
    const app = createHttpApp({
      logger: silentLogger(),
      metrics: createMetrics(),
      ...(trustProxy !== undefined ? { trustProxy } : {}),
      mounts: [
        { path: '/api/dossiers', router: createDossierRouter({ service, resolveKey: async () => undefined, clock }) },
        { path: '/', router: webChatRouter(chats, { now: () => clock.now(), limiter: new WindowLimiter(createStores(db()).rateLimits, { limit: chatPerMinute, windowMs: 60_000 }) }) },
      ],
    });
    const server = http.createServer(app);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    service = new DossierService({ stores: createStores(db()), procedure: findProcedure, calendar: () => calendar, clock, lookupLimit: { limit: LIMIT, windowMs: 15 * 60_000 } });
    code = nextCode();
    await service.upsert('test', code, makeDossier({ applicantPhone: '0912345678' }));
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  const get = (url: string, phone: string, from: string) => fetch(`${url}/api/dossiers/${code}?phone=${phone}`, { headers: { 'x-forwarded-for': from } });
  const chat = (url: string, text: string, from: string, sessionId = `s-${Math.random().toString(36).slice(2, 12)}`) =>
    fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ sessionId, text }) });
  const chatText = async (res: Response) => JSON.stringify(((await res.json()) as { reply: unknown }).reply);

  it('counts wrong guesses on the GET API and in the web chat against one allowance', async () => {
    const url = await start();
    const from = '198.51.100.20';
    expect((await get(url, '1111', from)).status).toBe(404);
    expect(await chatText(await chat(url, `/hoso ${code} 2222`, from))).toContain('Không tìm thấy');
    // A fresh session id does not start a fresh allowance.
    expect(await chatText(await chat(url, `/hoso ${code} 3333`, from))).toContain('Không tìm thấy');
    expect((await get(url, '5678', from)).status).toBe(429);
    expect(await chatText(await chat(url, `/hoso ${code} 5678`, from))).toContain('quá nhiều lần');
    // A right answer from another client does not use its allowance up.
    for (let i = 0; i < LIMIT + 2; i++) expect((await get(url, '5678', '198.51.100.21')).status).toBe(200);
  });

  it('counts every address of one IPv6 /64 as one client', async () => {
    const url = await start();
    for (let i = 1; i <= LIMIT; i++) expect((await get(url, '0000', `2001:db8:aa:bb::${i}`)).status).toBe(404);
    expect((await get(url, '5678', '2001:db8:aa:bb:ffff::9')).status).toBe(429);
    expect((await get(url, '5678', '2001:db8:aa:bc::1')).status).toBe(200);
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    // The test client (127.0.0.1) is not a trusted proxy here: its X-Forwarded-For is ignored,
    // so changing the header does not make a new client.
    const url = await start(['203.0.113.1']);
    const before = await Promise.all([1, 2, 3].map(() => get(url, '0000', `192.0.2.${Math.floor(Math.random() * 200) + 1}`)));
    expect(before.map((r) => r.status)).toEqual([404, 404, 404]);
    expect((await get(url, '5678', '192.0.2.250')).status).toBe(429);
    // With one trusted hop, the header names the client again.
    const hop = await start(1);
    expect((await get(hop, '5678', '192.0.2.251')).status).toBe(200);
  });

  it('answers 429 JSON with a Vietnamese message once a client sends too many chat messages a minute', async () => {
    const url = await start(undefined, 5);
    const from = '198.51.100.30';
    for (let i = 0; i < 5; i++) expect((await chat(url, 'làm giấy khai sinh', from)).status).toBe(200);
    const refused = await chat(url, 'làm giấy khai sinh', from);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: 'too_many_requests', message: expect.stringContaining('nhanh quá') });
    expect((await chat(url, 'làm giấy khai sinh', '198.51.100.31')).status).toBe(200);
    clock.advance(60_000);
    expect((await chat(url, 'làm giấy khai sinh', from)).status).toBe(200);
  });
});
