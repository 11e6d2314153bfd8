// Headless Chromium uses the web chat page as a citizen would: types without diacritics,
// reads papers and fee, presses a button with the keyboard, opens a procedure from a QR link.
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedurePayload, reply, type Incoming, type Reply } from '../../../src/assistant/reply';
import { webChatRouter } from '../../../src/channels/web/router';
import { launchBrowser } from '../../helpers/browser';
import { recordingEngine, type RecordingEngine } from '../engines';
import { serveMounts, type TestServer } from '../http';

function birthRegistration(incoming: Incoming): Reply {
  if (incoming.payload === procedurePayload('1.001193', 'fee')) {
    return reply([{ type: 'heading', text: 'Lệ phí đăng ký khai sinh' }, { type: 'text', text: 'Miễn phí (đăng ký đúng hạn).' }]);
  }
  if (incoming.text.includes('<')) return reply([{ type: 'text', text: incoming.text }]);
  return reply(
    [
      { type: 'heading', text: 'Đăng ký khai sinh (1.001193)' },
      { type: 'text', text: 'Giấy tờ cần nộp:' },
      { type: 'list', items: ['Tờ khai đăng ký khai sinh (1 bản chính)', 'Giấy chứng sinh (1 bản chính)'] },
      { type: 'text', text: 'Lệ phí: Miễn phí' },
    ],
    {
      buttons: [{ label: 'Lệ phí', payload: procedurePayload('1.001193', 'fee') }, { label: 'Thời gian', payload: procedurePayload('1.001193', 'time') }],
      links: [{ label: 'Nộp trực tuyến', url: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193' }],
    },
  );
}

describe('web chat page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let engine: RecordingEngine;

  beforeAll(async () => {
    engine = recordingEngine(birthRegistration);
    server = await serveMounts([{ path: '/', router: webChatRouter(engine) }]);
    browser = await launchBrowser();
    fs.mkdirSync('tests/out', { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('answers a question typed without diacritics, then a button pressed from the keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/`);
    await page.getByLabel('Câu hỏi của bạn').fill('lam giay khai sinh can gi');
    await page.keyboard.press('Enter');
    const answer = page.locator('#log article.msg.bot').last();
    await answer.getByText('Giấy chứng sinh (1 bản chính)').waitFor();
    await expect(answer.textContent()).resolves.toContain('Lệ phí: Miễn phí');
    expect(engine.seen[0]).toMatchObject({ channel: 'web', text: 'lam giay khai sinh can gi' });
    // Focus stays in the question box, ready for the next question.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    const link = answer.getByRole('link', { name: 'Nộp trực tuyến' });
    expect(await link.getAttribute('rel')).toContain('noopener');

    const feeButton = answer.getByRole('button', { name: 'Lệ phí' });
    await feeButton.focus();
    await page.keyboard.press('Enter');
    const feeAnswer = page.locator('#log article.msg.bot').last();
    await feeAnswer.getByText('Miễn phí (đăng ký đúng hạn).').waitFor();
    expect(engine.seen.at(-1)).toMatchObject({ payload: 'p:1.001193:fee', chatId: engine.seen[0]!.chatId });
    // After a button press, focus moves to the new answer so a screen reader reads it next.
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Miễn phí (đăng ký đúng hạn).');
    await page.screenshot({ path: 'tests/out/web-chat.png', fullPage: true });
    await page.close();
  });

  it('opens the procedure named in ?p= (the listings QR codes link there)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?p=1.001193`);
    await page.locator('#log article.msg.bot').nth(1).getByText('Đăng ký khai sinh (1.001193)').waitFor();
    expect(engine.seen.at(-1)).toMatchObject({ payload: 'p:1.001193', text: '' });
    await page.close();
  });

  it('shows markup in text as text, never as HTML', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Câu hỏi của bạn').fill('<img src=x onerror="document.title=1">');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.locator('#log article.msg.bot').nth(1).waitFor();
    expect(await page.locator('#log img').count()).toBe(0);
    expect(await page.locator('#log article.msg.bot').nth(1).textContent()).toContain('<img src=x');
    await page.close();
  });
});
