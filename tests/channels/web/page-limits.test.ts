// The web chat page in Chromium when the server says no: too many messages from one client
// (429) and the database away (503). The citizen reads the server's Vietnamese sentence, not
// a generic "busy" line.
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

  async function ask(url: string, text: string, nth: number): Promise<string> {
    const page = await browser.newPage();
    await page.goto(`${url}/`);
    for (let i = 0; i < nth; i++) {
      await page.getByLabel('Câu hỏi của bạn').fill(text);
      await page.keyboard.press('Enter');
      await page.locator('#log article.msg.bot').nth(i + 1).waitFor();
    }
    const last = (await page.locator('#log article.msg.bot').nth(nth).textContent()) ?? '';
    await page.close();
    return last;
  }

  it('shows the "too fast" sentence after the per-minute limit', async () => {
    expect(await ask(limited.url, 'khai sinh', 2)).toContain('Bạn gửi tin nhắn nhanh quá');
  });

  it('shows the "temporarily interrupted" sentence while the database is away', async () => {
    const notice = await ask(databaseDown.url, 'khai sinh', 1);
    expect(notice).toContain('Hệ thống đang tạm gián đoạn, bạn vui lòng thử lại sau ít phút.');
    expect(notice).not.toMatch(/database|busy/i);
  });
});
