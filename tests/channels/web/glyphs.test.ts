// The test browser (system Chromium, or the packaged one on a machine with none) draws every
// Vietnamese letter of the web chat page with a real glyph, not the empty box of a missing one,
// so screenshots and layout tests see what a citizen sees.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { webChatRouter } from '../../../src/channels/web/router';
import { findBrowser, launchBrowser } from '../../helpers/browser';
import { serveMounts, type TestServer } from '../http';

const LETTERS = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await serveMounts([{ path: '/', router: webChatRouter({ handle: async () => ({ messages: [] }) } as never) }]);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('draws each Vietnamese letter, lower and upper case, with its own glyph in the page font', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
  await page.goto(`${server.url}/`);
  const letters = [...LETTERS, ...LETTERS.toUpperCase()];
  const drawn = await page.evaluate((chars) => {
    const font = getComputedStyle(document.body).fontFamily;
    const canvas = document.createElement('canvas');
    canvas.width = 48;
    canvas.height = 64;
    const ctx = canvas.getContext('2d')!;
    const draw = (ch: string) => {
      ctx.clearRect(0, 0, 48, 64);
      ctx.font = `40px ${font}`;
      ctx.fillText(ch, 4, 48);
      return canvas.toDataURL();
    };
    // A private-use code point no font has: drawn as the missing-glyph box.
    return { missing: draw('\uE000'), letters: chars.map((ch) => [ch, draw(ch)] as const) };
  }, letters);
  await page.close();
  const boxed = drawn.letters.filter(([, image]) => image === drawn.missing).map(([ch]) => ch);
  expect(boxed, `drawn as missing glyphs by ${(await findBrowser()).source}`).toEqual([]);
  // Letters differing only by a mark look different: the marks are drawn.
  expect(new Set(drawn.letters.map(([, image]) => image)).size).toBe(letters.length);
});
