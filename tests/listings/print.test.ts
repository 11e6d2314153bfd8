// Prints listings with headless Chromium, as a clerk would from the browser, and reads the PDF back.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/catalogue/loader';
import { procedureLink, type ListingLinks } from '../../src/listings/links';
import type { Listing } from '../../src/listings/listing';
import { renderListing } from '../../src/listings/render';
import { launchBrowser } from '../helpers/browser';
import { waitUntil } from '../helpers/wait';
import { generatedProcedures, loadFixture, makeCatalogue } from './fixture';
import { pdfPageTexts, squash } from './pdf-text';

const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../out');
const now = new Date('2026-11-23T03:00:00Z');
const web: ListingLinks = { webBaseUrl: 'http://localhost:3000' };
const telegram: ListingLinks = { botUsername: 'motcua_test_bot', webBaseUrl: 'http://localhost:3000' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

async function print(catalogue: Catalogue, commune: string, links: ListingLinks): Promise<{ listing: Listing; pdf: Buffer; pages: string[] }> {
  const { listing, body } = renderListing(catalogue, commune, 'html', { links, now, all: true });
  const page = await browser.newPage();
  await page.setContent(body);
  const pdf = await page.pdf({ format: 'A4' });
  await page.close();
  return { listing, pdf, pages: pdfPageTexts(pdf).map(squash) };
}

/** Each procedure's number, name and code, papers, facts and QR caption are on one page, in order. */
function expectEveryProcedureWhole(listing: Listing, pages: string[]): void {
  for (const item of listing.groups.flatMap((g) => g.items)) {
    const title = squash(`${item.number}. ${item.name} (mã ${item.code})`);
    const onPages = pages.flatMap((text, i) => (text.includes(title) ? [i + 1] : []));
    expect(onPages, `${item.code} appears once`).toHaveLength(1);
    const text = pages[onPages[0]! - 1]!;
    const start = text.indexOf(title);
    const end = text.indexOf(squash('Quét để hỏi'), start);
    expect(end, `${item.code} has its QR caption on the same page`).toBeGreaterThan(start);
    const entry = text.slice(start, end);
    for (const paper of item.paperGroups.flatMap((g) => g.papers)) expect(entry, `${item.code} paper on the same page`).toContain(squash(paper.name));
    expect(entry).toContain(squash(`Thời hạn giải quyết: ${item.time}`));
    expect(entry).toContain(squash(`Phí, lệ phí: ${item.fee}`));
    expect(entry).toContain(squash(`Nộp trực tuyến: ${item.online ? 'Có' : 'Không'}`));
  }
}

function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

describe('printed listing (Chromium, A4)', () => {
  it('prints the fixture commune with its header first, its footer last, and no procedure split', async () => {
    const { listing, pdf, pages } = await print(await loadFixture(), 'xa-hoa-an', web);
    await fs.mkdir(OUT_DIR, { recursive: true });
    await fs.writeFile(path.join(OUT_DIR, 'listing-xa-hoa-an.pdf'), pdf);
    expect(pageCount(pdf)).toBe(pages.length);
    // Nine entries of two to eight lines in large type: more than one page, never one per entry.
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(5);
    expect(pages[0]).toContain(squash('DANH MỤC THỦ TỤC HÀNH CHÍNH (RÚT GỌN) UBND xã Hòa An'));
    expect(pages[0]).toContain(squash('Giờ làm việc: Thứ Hai – Thứ Sáu: 7:00–11:30, 13:30–17:00; sáng thứ Bảy: 7:30–11:30'));
    expect(pages[0]).toContain(squash('Điện thoại: 0258 3 812 345'));
    expect(pages[0]).toContain(squash('Ngày 23/11/2026 · Phiên bản dữ liệu: 2026-07-15'));
    expect(pages.at(-1)).toContain(squash('Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn'));
    expect(pages.at(-1)).toContain(squash('Hỏi đáp trực tuyến: http://localhost:3000/'));
    expect(pages.join('')).toContain(squash('Tờ khai đề nghị trợ giúp xã hội <theo mẫu số 1a> & "bản khai"'));
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1} is numbered`).toContain(squash(`Trang ${i + 1}/${pages.length}`));
      expect(text, `page ${i + 1} names the desk`).toContain(squash('UBND xã Hòa An · Danh mục thủ tục hành chính (rút gọn)'));
    });
    expectEveryProcedureWhole(listing, pages);
  });

  it('prints the warning on the first page when the QR codes open localhost', async () => {
    const local = await print(await loadFixture(), 'phuong-tan-lap', web);
    expect(local.pages[0]).toContain(squash('CHƯA DÙNG ĐƯỢC ĐỂ NIÊM YẾT: mã QR và liên kết trên bản này mở http://localhost:3000'));
    const viaBot = await print(await loadFixture(), 'phuong-tan-lap', telegram);
    expect(viaBot.pages.join('')).not.toContain(squash('CHƯA DÙNG ĐƯỢC'));
  });

  it('keeps each of 60 long procedures whole across many pages', async () => {
    const { listing, pages } = await print(makeCatalogue(generatedProcedures(60)), 'xa-thu-nghiem', web);
    expect(listing.total).toBe(60);
    expect(pages.length).toBeGreaterThan(10);
    expectEveryProcedureWhole(listing, pages);
  });

  it('saves a screenshot of the first printed page', async () => {
    const pdfPath = path.join(OUT_DIR, 'listing-xa-hoa-an.pdf');
    const { pdf } = await print(await loadFixture(), 'xa-hoa-an', web);
    await fs.mkdir(OUT_DIR, { recursive: true });
    await fs.writeFile(pdfPath, pdf);
    // Chromium's own PDF viewer shows the page exactly as printed. The packaged headless
    // Chromium has no viewer (it downloads the file): the page is then shown in print media.
    const page = await browser.newPage({ viewport: { width: 794, height: 1123 } });
    const viewed = await page
      .goto(`${pathToFileURL(pdfPath).href}#toolbar=0&navpanes=0&view=FitH`)
      .then(() => true, () => false);
    if (!viewed) {
      await page.emulateMedia({ media: 'print' });
      await page.setContent(renderListing(await loadFixture(), 'xa-hoa-an', 'html', { links: web, now, all: true }).body);
    }
    const png = viewed ? await drawnScreenshot(page) : await page.screenshot();
    await fs.writeFile(path.join(OUT_DIR, 'listing-page1.png'), png);
    await page.close();
    expect(PNG.sync.read(png).width).toBe(794);
  });
});

/**
 * The PDF viewer draws the page a while after it has loaded, and says nothing when done: the
 * screenshot once two in a row agree and show more than the viewer's plain backdrop.
 */
async function drawnScreenshot(page: Page): Promise<Buffer> {
  let previous: Buffer | undefined;
  return waitUntil(async () => {
    const shot = await page.screenshot();
    const drawn = previous?.equals(shot) === true && !oneColour(PNG.sync.read(shot));
    previous = shot;
    return drawn && shot;
  }, 'the PDF viewer to draw the first page', 15_000);
}

function oneColour(png: PNG): boolean {
  const first = png.data.readUInt32BE(0);
  for (let i = 4; i < png.data.length; i += 4) if (png.data.readUInt32BE(i) !== first) return false;
  return true;
}

async function decodeQrCodes(catalogue: Catalogue, commune: string, links: ListingLinks): Promise<Array<{ code: string; link: string; decoded: string | undefined }>> {
  const { body } = renderListing(catalogue, commune, 'html', { links, now, all: true });
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 }, deviceScaleFactor: 2 });
  await page.emulateMedia({ media: 'print' });
  await page.setContent(body);
  const found: Array<{ code: string; link: string; decoded: string | undefined }> = [];
  for (const article of await page.locator('article.proc').all()) {
    const code = (await article.getAttribute('data-code'))!;
    const link = (await article.getAttribute('data-link'))!;
    const png = PNG.sync.read(await article.locator('figure.qr svg').screenshot());
    found.push({ code, link, decoded: jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data });
  }
  await page.close();
  return found;
}

describe('QR codes on the printed listing', () => {
  it('open each procedure on the web chat page when no bot is configured', async () => {
    const codes = await decodeQrCodes(await loadFixture(), 'xa-hoa-an', web);
    expect(codes).toHaveLength(9);
    for (const { code, decoded } of codes) expect(decoded).toBe(procedureLink(code, web));
    expect(codes.map((c) => c.decoded)).toContain('http://localhost:3000/?p=1.001193');
  });

  it('open each procedure in the Telegram bot by deep link when it is configured', async () => {
    const codes = await decodeQrCodes(await loadFixture(), 'phuong-tan-lap', telegram);
    expect(codes.map((c) => c.decoded)).toEqual([
      'https://t.me/motcua_test_bot?start=p1_004873',
      'https://t.me/motcua_test_bot?start=p1_001193',
      'https://t.me/motcua_test_bot?start=p2_000815',
    ]);
  });
});
