// On a 360×640 phone, the web chat's newest reply starts in view, and each of its buttons,
// once scrolled to, is on screen and not covered by the fixed question bar (hit-tested at the
// button's centre with document.elementFromPoint). Real assistant, real page, headless Chromium.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assistant } from '../../../src/assistant/assistant';
import { ConversationEngine } from '../../../src/conversation/engine';
import { ConversationMemory } from '../../../src/assistant/memory';
import { webChatRouter } from '../../../src/channels/web/router';
import { silentLogger } from '../../../src/log';
import { loadSearch } from '../../../src/search/load';
import { launchBrowser } from '../../helpers/browser';
import { serveMounts, type TestServer } from '../http';

const PHONE = { width: 360, height: 640 };

interface Seen {
  top: number;
  bottom: number;
  /** What elementFromPoint finds at the centre, described. */
  hit: string;
  /** True when that element is the button itself or inside it. */
  hitsButton: boolean;
  label: string;
}

/** Where the newest reply starts and whether a point just inside its start is uncovered. */
async function replyStart(page: Page): Promise<{ top: number; viewport: number; barTop: number; hitInside: boolean }> {
  return page.evaluate(() => {
    const replies = document.querySelectorAll('#log article.msg.bot');
    const reply = replies[replies.length - 1] as HTMLElement;
    const rect = reply.getBoundingClientRect();
    const barTop = document.getElementById('ask')!.getBoundingClientRect().top;
    const probe = document.elementFromPoint(rect.left + 12, Math.max(rect.top, 0) + 12);
    return { top: rect.top, viewport: window.innerHeight, barTop, hitInside: probe !== null && reply.contains(probe) };
  });
}

/** Scrolls button `index` of the newest reply into view the way `how` does, then hit-tests its centre. */
async function scrollToButton(page: Page, index: number, how: 'nearest' | 'focus'): Promise<Seen> {
  return page.evaluate(
    ({ index, how }) => {
      const replies = document.querySelectorAll('#log article.msg.bot');
      const button = replies[replies.length - 1]!.querySelectorAll('.choices button')[index] as HTMLButtonElement;
      window.scrollTo(0, 0);
      if (how === 'nearest') button.scrollIntoView({ block: 'nearest' });
      else button.focus();
      const rect = button.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      const describe = (el: Element | null) => (el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''}` : 'nothing');
      return { top: rect.top, bottom: rect.bottom, hit: describe(hit), hitsButton: hit !== null && button.contains(hit), label: button.textContent ?? '' };
    },
    { index, how },
  );
}

describe('web chat on a 360×640 phone', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    const { index } = await loadSearch('procedures');
    const engine = new ConversationEngine([], new Assistant({ index, memory: new ConversationMemory() }), silentLogger());
    server = await serveMounts([{ path: '/', router: webChatRouter(engine) }]);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the start of a long reply, and every one of its buttons uncovered when scrolled to', async () => {
    const page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
    await page.goto(`${server.url}/`);
    // Two questions, so the reply under test is not at the top of the page.
    for (const question of ['le phi dang ky ket hon', 'lam giay khai sinh can gi']) {
      const before = await page.locator('#log article.msg.bot').count();
      await page.getByLabel('Câu hỏi của bạn').fill(question);
      await page.keyboard.press('Enter');
      await page.locator('#log article.msg.bot').nth(before).getByRole('heading').first().waitFor();
    }
    const reply = page.locator('#log article.msg.bot').last();
    expect(await reply.textContent()).toContain('khai sinh');
    // The reply is long: taller than the screen above the question bar.
    const start = await replyStart(page);
    expect((await reply.boundingBox())!.height).toBeGreaterThan(start.barTop);
    expect(start.top, 'the reply starts on screen').toBeGreaterThanOrEqual(0);
    expect(start.top, 'the reply starts above the question bar').toBeLessThan(start.barTop - 40);
    expect(start.hitInside, 'the start of the reply is not covered').toBe(true);

    fs.mkdirSync('tests/out', { recursive: true });
    await page.screenshot({ path: 'tests/out/web-chat-phone.png' });

    const buttons = await reply.locator('.choices button').count();
    expect(buttons).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < buttons; i++) {
      for (const how of ['nearest', 'focus'] as const) {
        const seen = await scrollToButton(page, i, how);
        const where = `button ${i + 1} "${seen.label}" after ${how}`;
        expect(seen.top, `${where}: top on screen`).toBeGreaterThanOrEqual(0);
        expect(seen.bottom, `${where}: bottom on screen`).toBeLessThanOrEqual(PHONE.height);
        expect(seen.hitsButton, `${where}: centre hits ${seen.hit}`).toBe(true);
      }
    }
    await page.close();
  });
});
