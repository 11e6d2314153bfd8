import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config';
import { silentLogger } from '../src/log';
import { buildDossiers, serve, type Server } from '../src/main';
import { scanDeps } from '../src/alerts/service';
import { fixedClock } from '../src/clock';
import { openDatabase } from '../src/store/db';
import { createStores } from '../src/store/stores';
import { HOURS_PROCEDURE, makeDossier, nextCode, PROCEDURES, realCalendar } from './dossiers/factory';
import { runMotcua } from './helpers/cli';

describe('serve', () => {
  let server: Server;
  beforeAll(async () => {
    server = await serve(parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'sqlite::memory:', METRICS_TOKEN: 'metrics-test-token' }), { logger: silentLogger() });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers liveness and metrics', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: { status: 'up', dialect: 'sqlite' }, channels: { web: 'up' }, dispatcher: { status: 'running' } });
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer metrics-test-token' } })).text();
    expect(metrics).toContain('motcua_http_requests_total');
  });

  it('answers malformed JSON with a 400 JSON body', async () => {
    const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_request' });
  });
});

describe('config', () => {
  it('names the bad key but never its value', () => {
    expect(() => parseConfig({ PORT: 'not-a-port-secret' })).toThrow(/PORT/);
    expect(() => parseConfig({ PORT: 'not-a-port-secret' })).not.toThrow(/secret/);
  });

  it('refuses a bad ALERT_CRON or HOUSEKEEPING_CRON before anything starts, naming the variable', () => {
    expect(() => parseConfig({ ALERT_CRON: '0 8 * *' })).toThrow(/ALERT_CRON: .*cron.*"0 8 \* \* \*"/);
    expect(() => parseConfig({ HOUSEKEEPING_CRON: 'daily' })).toThrow(/HOUSEKEEPING_CRON: .*cron/);
    expect(parseConfig({ ALERT_CRON: '30 7 * * *' }).ALERT_CRON).toBe('30 7 * * *');
  });

  it('names PORT and HOST when the address is taken, and PROCEDURES_DIR when the catalogue is missing', async () => {
    const taken = await serve(parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'sqlite::memory:' }), { logger: silentLogger() });
    try {
      const port = new URL(taken.url).port;
      await expect(serve(parseConfig({ PORT: port, HOST: '127.0.0.1', DATABASE_URL: 'sqlite::memory:' }), { logger: silentLogger() })).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${port}.*PORT.*HOST`));
    } finally {
      await taken.close();
    }
    const missing = await runMotcua(['serve'], { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', PROCEDURES_DIR: './no-such-catalogue' });
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/no-such-catalogue.*PROCEDURES_DIR/) });
  });

  it('stops any command on a bad OFFICE_HOURS, naming it, and counts due dates in the office hours it is given', async () => {
    const bad = await runMotcua(['serve'], { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', OFFICE_HOURS: '17:00-07:30' });
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/OFFICE_HOURS/) });

    const config = parseConfig({ DATABASE_URL: 'sqlite::memory:', OFFICE_HOURS: '08:00-12:00,13:00-17:30' });
    const db = await openDatabase(config.DATABASE_URL);
    try {
      const context = { config, stores: createStores(db), clock: fixedClock('2026-03-02T12:00:00+07:00'), logger: silentLogger() };
      const catalogue = { byCode: new Map(PROCEDURES.map((p) => [p.code, p])), calendar: await realCalendar() };
      const dossiers = buildDossiers(context, catalogue);
      // 1 hour from 11:30: half an hour before the 12:00 lunch, half an hour after 13:00.
      const { dossier } = await dossiers.upsert('a', nextCode(), makeDossier({ procedureCode: HOURS_PROCEDURE, receivedAt: new Date('2026-03-02T11:30:00+07:00') }));
      expect(new Date(dossier.due_at)).toEqual(new Date('2026-03-02T13:30:00+07:00'));
      expect(scanDeps(context, dossiers, catalogue).officeHours).toBe(config.OFFICE_HOURS);
    } finally {
      await db.close();
    }
  });

  it('requires a webhook secret with a webhook URL', () => {
    expect(() => parseConfig({ TELEGRAM_WEBHOOK_URL: 'https://example.org/webhooks/telegram' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });
});
