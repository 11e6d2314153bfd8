// The web chat page in Chromium when the server says no: too many messages from one client
// (429) and the database away (503), or cannot be reached. The citizen reads the server's
// Vietnamese sentence, not a generic "busy" line, and finds the question back in the box.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textReply } from '../../../src/conversation/message';
import { webChatRouter } from '../../../src/channels/web/router';
import { WindowLimiter } from '../../../src/dossiers/rate-limit';
import { openDatabase, type Db } from '../../../src/store/db';
import { launchBrowser } from '../../helpers/browser';
import { serveMounts, type TestServer } from '../http';
import { createStores } from '../../../src/store/stores';

describe('web chat page when refused', () => {
  let db: Db;
  let limited: TestServer;
  let databaseDown: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    db = await openDatabase('sqlite::memory:');
    limited = await serveMounts([{ path: '/', router: webChatRouter({ handle: async () => textReply('Bạn hỏi thủ tục gì?') }, { limiter: new WindowLimiter(createStores(db).rateLimits, { limit: 1, windowMs: 60_000 }) }) }]);
    // The error a pg pool gives when PostgreSQL refuses connections.
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    databaseDown = await serveMounts([{ path: '/', router: webChatRouter({ handle: () => Promise.reject(refused) }) }]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await limited?.close();
    await databaseDown?.close();
    await db?.close();
  });

  /** The last bot message after asking `nth` times, and what the input box holds then. */
  async function ask(url: string, text: string, nth: number): Promise<string> {
    return (await askAndKeep(url, text, nth)).notice;
  }

  async function askAndKeep(url: string, text: string, nth: number, beforeLast?: () => Promise<void>): Promise<{ notice: string; box: string }> {
    const page = await browser.newPage();
    await page.goto(`${url}/`);
    for (let i = 0; i < nth; i++) {
      if (i === nth - 1) await beforeLast?.();
      await page.getByLabel('Câu hỏi của bạn').fill(text);
      await page.keyboard.press('Enter');
      await page.locator('#log article.msg.bot').nth(i + 1).waitFor();
    }
    const notice = (await page.locator('#log article.msg.bot').nth(nth).textContent()) ?? '';
    await page.waitForFunction(() => (document.querySelector('#log') as HTMLElement).getAttribute('aria-busy') === 'false');
    const box = await page.getByLabel('Câu hỏi của bạn').inputValue();
    await page.close();
    return { notice, box };
  }

  it('shows the "too fast" sentence after the per-minute limit', async () => {
    expect(await ask(limited.url, 'khai sinh', 2)).toContain('Bạn gửi tin nhắn nhanh quá');
  });

  it('shows the "temporarily interrupted" sentence while the database is away', async () => {
    const notice = await ask(databaseDown.url, 'khai sinh', 1);
    expect(notice).toContain('Hệ thống đang tạm gián đoạn, bạn vui lòng thử lại sau ít phút.');
    expect(notice).not.toMatch(/database|busy/i);
  });

  it('puts a question that got no answer back in the box, and clears one that did', async () => {
    const story = 'Tôi bị mất giấy khai sinh bản chính, xin hỏi làm lại ở đâu?';
    expect((await askAndKeep(databaseDown.url, story, 1)).box).toBe(story);
    expect((await askAndKeep(limited.url, story, 2)).box).toBe(story);
    const open = await serveMounts([{ path: '/', router: webChatRouter({ handle: async () => textReply('Bạn hỏi thủ tục gì?') }) }]);
    try {
      expect((await askAndKeep(open.url, story, 1)).box).toBe('');
    } finally {
      await open.close();
    }
  });

  it('says the server cannot be reached when it is gone, and keeps the question', async () => {
    const gone = await serveMounts([{ path: '/', router: webChatRouter({ handle: async () => textReply('Bạn hỏi thủ tục gì?') }) }]);
    const story = 'Cho tôi hỏi thủ tục đăng ký tạm trú cho người thuê trọ';
    // The page is loaded, then the server stops before the question is sent.
    const { notice, box } = await askAndKeep(gone.url, story, 1, () => gone.close());
    expect(notice).toContain('Không kết nối được máy chủ');
    expect(box).toBe(story);
  });
});
