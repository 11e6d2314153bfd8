// What the app answers for addresses it does not have, and who may read /metrics: over real
// HTTP through the express app the server builds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../src/http/app';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

async function listen(metricsToken?: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createHttpApp({ logger: silentLogger(), metrics: createMetrics(), mounts: [], ...(metricsToken ? { metricsToken } : {}) });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('unknown addresses', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen('secret-metrics-token');
  });
  afterAll(() => server.close());

  it('answer under /api with a 404 JSON body, whatever the method', async () => {
    for (const [method, path] of [['GET', '/api/khong-co'], ['POST', '/api/chat/x'], ['DELETE', '/api']] as const) {
      const res = await fetch(`${server.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: 'not_found', message: 'Không có đường dẫn API này. / No such API route.' });
    }
  });

  it('answer elsewhere with a Vietnamese page that leads back to the chat, not Express\'s English one', async () => {
    for (const [method, path] of [['GET', '/trang-cu'], ['GET', '/listings-x/abc'], ['POST', '/webhooks/khong-co']] as const) {
      const res = await fetch(`${server.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('<html lang="vi">');
      expect(html).toContain('<h1>Không tìm thấy trang</h1>');
      expect(html).toContain('<a href="/">Hỏi đáp thủ tục hành chính</a>');
      expect(html).not.toMatch(/Cannot (GET|POST)/);
    }
  });
});

describe('GET /metrics', () => {
  it('answers only with the bearer token, in constant form', async () => {
    const server = await listen('secret-metrics-token');
    try {
      const none = await fetch(`${server.url}/metrics`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await none.text()).not.toContain('motcua_');
      const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer secret-metrics-tokem' } });
      expect(wrong.status).toBe(401);
      const basic = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Basic secret-metrics-token' } });
      expect(basic.status).toBe(401);
      const right = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer secret-metrics-token' } });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('motcua_http_requests_total');
    } finally {
      await server.close();
    }
  });

  it('is off (404) when no token is configured', async () => {
    const server = await listen();
    try {
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('motcua_');
    } finally {
      await server.close();
    }
  });
});
