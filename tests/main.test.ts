import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config';
import { silentLogger } from '../src/log';
import { serve, type Server } from '../src/main';
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

  it('requires a webhook secret with a webhook URL', () => {
    expect(() => parseConfig({ TELEGRAM_WEBHOOK_URL: 'https://example.org/webhooks/telegram' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });
});
