import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcedureRouter } from '../../src/http/procedure-routes';
import { SearchIndex } from '../../src/search/index';
import { sampleProcedures } from '../search/procedures';

let server: http.Server;
let base: string;

beforeAll(async () => {
  const index = SearchIndex.build(sampleProcedures());
  const app = express();
  app.use('/api/procedures', createProcedureRouter({ index: () => index }));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/procedures`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('GET /api/procedures', () => {
  it('returns ranked procedures with code, name, field, levels and score', async () => {
    const res = await fetch(`${base}?q=${encodeURIComponent('dang ky ket hon')}&limit=2`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { query: string; results: Array<Record<string, unknown>> };
    expect(body.query).toBe('dang ky ket hon');
    expect(body.results.length).toBeLessThanOrEqual(2);
    expect(body.results[0]).toMatchObject({ code: '1.000894', name: 'Thủ tục đăng ký kết hôn', field: 'Hộ tịch', levels: ['commune'] });
    expect(typeof body.results[0]!.score).toBe('number');
  });

  it('answers an empty query with no results', async () => {
    const body = (await (await fetch(base)).json()) as { results: unknown[] };
    expect(body.results).toEqual([]);
  });

  it('rejects a bad limit with a JSON 400', async () => {
    for (const limit of ['0', '-1', 'abc', '1000', '2.5']) {
      const res = await fetch(`${base}?q=khai+sinh&limit=${limit}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('bad_request');
    }
  });

  it('rejects a repeated q with a JSON 400', async () => {
    const res = await fetch(`${base}?q=a&q=b`);
    expect(res.status).toBe(400);
  });
});

describe('GET /api/procedures/:code', () => {
  it('returns the full procedure', async () => {
    const res = await fetch(`${base}/1.001193`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { code: string; steps: string[]; source: { url: string } };
    expect(body.code).toBe('1.001193');
    expect(body.steps.length).toBe(3);
    expect(body.source.url).toContain('1.001193');
  });

  it('answers an unknown code with a JSON 404', async () => {
    const res = await fetch(`${base}/9.999999`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('not_found');
  });
});
