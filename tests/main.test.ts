import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config';
import { silentLogger } from '../src/log';
import { serve, type Server } from '../src/main';

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

  it('requires a webhook secret with a webhook URL', () => {
    expect(() => parseConfig({ TELEGRAM_WEBHOOK_URL: 'https://example.org/webhooks/telegram' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });
});
