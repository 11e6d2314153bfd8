// Headless Chromium uses the web chat page as a citizen would, against the real procedure
// assistant and catalogue: types without diacritics, reads the papers, presses the fee button
// with the keyboard, opens a procedure from a QR link.
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { ConversationEngine } from '../../../src/conversation/engine';
import { ConversationMemory } from '../../../src/assistant/memory';
import type { Incoming, Reply } from '../../../src/conversation/message';
import { webChatRouter } from '../../../src/channels/web/router';
import { silentLogger } from '../../../src/log';
import { loadSearch } from '../../../src/search/load';
import { launchBrowser } from '../../helpers/browser';
import { serveMounts, type TestServer } from '../http';

describe('web chat page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const seen: Incoming[] = [];

  beforeAll(async () => {
    const { index } = await loadSearch('procedures');
    const engine = new ConversationEngine([], new Assistant({ index, memory: new ConversationMemory() }), silentLogger());
    const recording = {
      handle: (incoming: Incoming): Promise<Reply> => {
        seen.push(incoming);
        return engine.handle(incoming);
      },
    };
    server = await serveMounts([{ path: '/', router: webChatRouter(recording) }]);
    browser = await launchBrowser();
    fs.mkdirSync('tests/out', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('answers a question typed without diacritics with papers, then the fee from a button pressed with the keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/`);
    await page.getByLabel('Câu hỏi của bạn').fill('lam giay khai sinh can gi');
    await page.keyboard.press('Enter');
    const answer = page.locator('#log article.msg.bot').nth(1);
    await answer.getByRole('heading', { name: /khai sinh/i }).waitFor();
    expect(await answer.textContent()).toContain('Giấy chứng sinh');
    expect(seen[0]).toMatchObject({ channel: 'web', text: 'lam giay khai sinh can gi' });
    // Focus stays in the question box, ready for the next question.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');

    const feeButton = answer.getByRole('button', { name: 'Lệ phí' });
    await feeButton.focus();
    await page.keyboard.press('Enter');
    const feeAnswer = page.locator('#log article.msg.bot').nth(2);
    await feeAnswer.getByText(/Miễn phí/).first().waitFor();
    expect(seen.at(-1)).toMatchObject({ payload: 'p:1.001193:fee', chatId: seen[0]!.chatId });
    // After a button press, focus moves to the new answer so a screen reader reads it next.
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Miễn phí');
    await page.screenshot({ path: 'tests/out/web-chat.png', fullPage: true });
    await page.close();
  });

  it('opens the procedure named in ?p= (the listings QR codes link there)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?p=1.001193`);
    await page.locator('#log article.msg.bot').nth(1).getByRole('heading', { name: /1\.001193/ }).waitFor();
    expect(seen.at(-1)).toMatchObject({ payload: 'p:1.001193', text: '' });
    await page.close();
  });

  it('shows markup typed by the user as text, never as HTML', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Câu hỏi của bạn').fill('<img src=x onerror="document.title=1">');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.locator('#log article.msg.bot').nth(1).waitFor();
    expect(await page.locator('#log img').count()).toBe(0);
    expect(await page.locator('#log article.msg.user').first().textContent()).toContain('<img src=x');
    await page.close();
  });
});
