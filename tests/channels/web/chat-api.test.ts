// POST /api/chat and the page routes, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webChatRouter } from '../../../src/channels/web/router';
import { recordingEngine, type RecordingEngine } from '../engines';
import { serveMounts, type TestServer } from '../http';

describe('web chat API', () => {
  let server: TestServer;
  let engine: RecordingEngine;

  beforeAll(async () => {
    engine = recordingEngine();
    server = await serveMounts([{ path: '/', router: webChatRouter(engine) }]);
  });
  afterAll(() => server.close());

  const chat = (body: unknown, contentType = 'application/json') =>
    fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('answers a question and hands out a session id that keeps the conversation together', async () => {
    const first = await chat({ text: 'lam giay khai sinh can gi' });
    expect(first.status).toBe(200);
    const body = (await first.json()) as { sessionId: string; reply: { blocks: unknown[]; buttons: unknown[] } };
    expect(body.sessionId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(body.reply.blocks[0]).toEqual({ type: 'heading', text: 'Đăng ký khai sinh' });
    await chat({ sessionId: body.sessionId, text: '', payload: 'p:1.001193:fee' });
    expect(engine.seen.at(-1)).toMatchObject({ channel: 'web', chatId: body.sessionId, text: '', payload: 'p:1.001193:fee' });
  });

  it('answers 400 JSON naming the field for empty, 10,000-character or malformed input', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ text: '   ' }, 'application/json', 'text'],
      [{ text: 'a'.repeat(10_000) }, 'application/json', 'text'],
      [{ text: 'x', sessionId: '../../etc' }, 'application/json', 'sessionId'],
      [{ text: 42 }, 'application/json', 'text'],
      [{ payload: 'đ'.repeat(40) }, 'application/json', 'payload'],
      ['{"text": "khai sinh"', 'application/json', 'JSON'],
      ['text=khai sinh', 'application/x-www-form-urlencoded', 'body'],
    ];
    for (const [body, type, field] of cases) {
      const response = await chat(body, type);
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      const json = (await response.json()) as { error: string; message: string };
      expect(json.error).toBe('bad_request');
      expect(json.message).toContain(field);
    }
  });

  it('serves the page, its script and style with a strict content policy', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<label for="question">Câu hỏi của bạn</label>');
    expect(html).toContain('role="log"');
    expect((await fetch(`${server.url}/chat/chat.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${server.url}/chat/chat.css`)).status).toBe(200);
  });
});
