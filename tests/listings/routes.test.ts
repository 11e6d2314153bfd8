// GET /listings/… over real HTTP, mounted in the app the way the composition root mounts it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock';
import { createHttpApp } from '../../src/http/app';
import { createListingRouter } from '../../src/http/listing-routes';
import { silentLogger } from '../../src/log';
import { createMetrics } from '../../src/metrics';
import { loadFixture } from './fixture';

let server: http.Server;
let base: string;

beforeAll(async () => {
  const catalogue = await loadFixture();
  const router = createListingRouter({ catalogue: () => catalogue, links: { botUsername: 'motcua_bot', webBaseUrl: 'http://localhost:3000' }, clock: fixedClock('2026-11-23T03:00:00Z') });
  const app = createHttpApp({ logger: silentLogger(), metrics: createMetrics(), mounts: [{ path: '/listings', router }] });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('GET /listings/:commune', () => {
  it('serves the printable HTML listing with or without the .html extension', async () => {
    for (const path of ['/listings/xa-hoa-an?all=1', '/listings/xa-hoa-an.html?all=1']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain('<h1>UBND xã Hòa An</h1>');
      expect(html).toContain('Ngày 23/11/2026');
      expect(html.match(/<svg /g)).toHaveLength(9);
      expect(html).toContain('data-link="https://t.me/motcua_bot?start=p1_001193"');
    }
  });

  it('serves Markdown and plain text for posting', async () => {
    const md = await fetch(`${base}/listings/phuong-tan-lap.md`);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await md.text()).toContain('[Hỏi thêm về thủ tục này](https://t.me/motcua_bot?start=p1_004873)');
    const txt = await fetch(`${base}/listings/phuong-tan-lap.txt`);
    expect(txt.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await txt.text();
    expect(text).toContain('UBND phường Tân Lập');
    expect(text).toContain('1. Cấp bản sao trích lục hộ tịch (mã 1.004873)');
    expect(text).not.toContain('9.999999');
  });

  it('answers an unknown commune with a 404 page in Vietnamese and English that lists the known ones', async () => {
    const res = await fetch(`${base}/listings/xa-khong-co`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('Không tìm thấy xã/phường &quot;xa-khong-co&quot;.');
    expect(html).toContain('No listing for commune &quot;xa-khong-co&quot;.');
    expect(html).toContain('href="/listings/xa-hoa-an"');
  });

  it('answers an unknown commune in Markdown or text with a 404 JSON body', async () => {
    const res = await fetch(`${base}/listings/xa-khong-co.txt`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: 'not_found',
      message: 'Không tìm thấy xã/phường "xa-khong-co". No listing for commune "xa-khong-co".',
      communes: ['xa-hoa-an', 'phuong-tan-lap'],
    });
  });

  it('escapes a hostile commune id in the 404 page', async () => {
    const res = await fetch(`${base}/listings/${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('explains how to choose the procedures of a desk without a list, with a link to all of them', async () => {
    const res = await fetch(`${base}/listings/xa-hoa-an`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<h1>UBND xã Hòa An chưa có danh sách thủ tục niêm yết.</h1>');
    expect(html).toContain('<code>procedures:</code>');
    expect(html).toContain('<code>id: xa-hoa-an</code>');
    expect(html).toContain('<a href="/listings/xa-hoa-an?all=1">Xem toàn bộ 9 thủ tục cùng cấp</a>');
    expect(html).not.toContain('<svg');
    const md = await fetch(`${base}/listings/xa-hoa-an.md`);
    expect(md.status).toBe(404);
    expect(await md.json()).toMatchObject({ error: 'no_procedure_list', commune: 'xa-hoa-an', atLevel: 9 });
    const all = await fetch(`${base}/listings/xa-hoa-an.md?all=1`);
    expect(all.status).toBe(200);
    expect(await all.text()).toContain('Gồm 9 thủ tục');
  });

  it('lists every office with a listing at /listings', async () => {
    for (const path of ['/listings', '/listings/']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<a href="/listings/xa-hoa-an">UBND xã Hòa An</a>');
      expect(html).toContain('<a href="/listings/phuong-tan-lap.md">');
    }
  });
});
