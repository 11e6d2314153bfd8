import { describe, expect, it } from 'vitest';
import { listingLinksFromConfig, procedureLink } from '../../src/listings/links';
import { buildListing, formatListingDate, NoProcedureListError, UnknownCommuneError } from '../../src/listings/listing';
import { shorten } from '../../src/catalogue/papers';
import { loadFixture } from './fixture';

const web = { webBaseUrl: 'http://localhost:3000' };
const now = new Date('2026-11-23T18:00:00Z');

describe('commune listing content', () => {
  it('lists every commune-level procedure, grouped by field in Vietnamese order, when the office names none', async () => {
    const listing = buildListing(await loadFixture(), 'xa-hoa-an', { links: web, now, all: true });
    expect(listing.groups.map((g) => g.field)).toEqual(['Bảo trợ xã hội', 'Chứng thực', 'Đăng ký, quản lý cư trú', 'Hộ tịch']);
    const codes = listing.groups.flatMap((g) => g.items.map((i) => i.code));
    expect(codes).toHaveLength(9);
    expect(codes).not.toContain('1.012345'); // province level only
    expect(listing.groups.flatMap((g) => g.items.map((i) => i.number))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(listing.total).toBe(9);
  });

  it("keeps the office's own list in its order and reports codes the catalogue lacks", async () => {
    const listing = buildListing(await loadFixture(), 'phuong-tan-lap', { links: web, now });
    expect(listing.groups.map((g) => [g.field, g.items.map((i) => i.code)])).toEqual([
      ['Hộ tịch', ['1.004873', '1.001193']],
      ['Chứng thực', ['2.000815']],
    ]);
    expect(listing.missingCodes).toEqual(['9.999999']);
  });

  it("shows the desk's time and fee, and the online channel's when they differ", async () => {
    const listing = buildListing(await loadFixture(), 'xa-hoa-an', { links: web, now, all: true });
    const item = (code: string) => listing.groups.flatMap((g) => g.items).find((i) => i.code === code)!;
    expect(item('1.004873')).toMatchObject({ time: '1 ngày làm việc', fee: '8.000 đồng/bản sao', online: true, onlineNote: '1 ngày làm việc, 4.000 đồng/bản sao' });
    expect(item('1.001193')).toMatchObject({ time: 'Ngay trong ngày tiếp nhận hồ sơ', fee: 'Miễn phí', online: true });
    expect(item('1.001193').onlineNote).toBeUndefined();
    expect(item('1.001776')).toMatchObject({ time: 'Không có thông tin', fee: 'Không có thông tin', online: false });
  });

  it('gives papers in short form with their counts, per case', async () => {
    const listing = buildListing(await loadFixture(), 'xa-hoa-an', { links: web, now, all: true });
    const item = listing.groups.flatMap((g) => g.items).find((i) => i.code === '1.004746')!;
    expect(item.paperGroups).toEqual([
      { papers: [{ name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', count: '1 bản chính' }] },
      {
        title: 'Trường hợp đã có vợ, có chồng nhưng đã ly hôn hoặc người kia đã chết',
        papers: [{ name: 'Bản án, quyết định ly hôn đã có hiệu lực pháp luật hoặc trích lục khai tử', count: '1 bản sao' }],
      },
    ]);
    const birth = listing.groups.flatMap((g) => g.items).find((i) => i.code === '1.001193')!;
    expect(birth.paperGroups[1]?.title).toBe('Giấy tờ xuất trình');
  });

  it('cuts a long paper name at a word boundary', () => {
    const long = 'Giấy tờ chứng minh '.repeat(12);
    const short = shorten(long, 60);
    expect(short.length).toBeLessThanOrEqual(60);
    expect(short.endsWith('minh…') || short.endsWith('chứng…') || short.endsWith('tờ…') || short.endsWith('Giấy…')).toBe(true);
    expect(shorten('  Tờ khai;  ', 60)).toBe('Tờ khai');
  });

  it("dates the listing in Vietnam's time zone", () => {
    expect(formatListingDate(new Date('2026-11-23T18:00:00Z'))).toBe('24/11/2026');
    expect(formatListingDate(new Date('2026-11-23T16:59:00Z'))).toBe('23/11/2026');
  });

  it('refuses a desk without a procedures list, saying how many procedures all would print, unless asked for all', async () => {
    const catalogue = await loadFixture();
    let refused: unknown;
    try {
      buildListing(catalogue, 'xa-hoa-an', { links: web, now });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(NoProcedureListError);
    expect(refused).toMatchObject({ office: { id: 'xa-hoa-an' }, atLevel: 9 });
    expect(buildListing(catalogue, 'xa-hoa-an', { links: web, now, all: true }).total).toBe(9);
    // A desk with a list prints its list, with or without `all`.
    expect(buildListing(catalogue, 'phuong-tan-lap', { links: web, now }).total).toBe(3);
    expect(buildListing(catalogue, 'phuong-tan-lap', { links: web, now, all: true }).total).toBe(3);
  });

  it('marks a listing whose links open localhost, and only that one', async () => {
    const catalogue = await loadFixture();
    const at = (links: { webBaseUrl: string; botUsername?: string }) => buildListing(catalogue, 'phuong-tan-lap', { links, now }).localBaseUrl;
    expect(at({ webBaseUrl: 'http://localhost:3000' })).toBe('http://localhost:3000');
    expect(at({ webBaseUrl: 'http://127.0.0.1:8080' })).toBe('http://127.0.0.1:8080');
    expect(at({ webBaseUrl: 'http://[::1]:3000' })).toBe('http://[::1]:3000');
    expect(at({ webBaseUrl: 'https://motcua.example.vn' })).toBeUndefined();
    expect(at({ webBaseUrl: 'http://10.0.0.5:3000' })).toBeUndefined();
    // The Telegram bot's deep links work from anywhere.
    expect(at({ webBaseUrl: 'http://localhost:3000', botUsername: 'motcua_bot' })).toBeUndefined();
  });

  it('names the unknown commune and the known ones', async () => {
    const catalogue = await loadFixture();
    expect(() => buildListing(catalogue, 'xa-khong-co', { links: web, now })).toThrow(UnknownCommuneError);
    expect(() => buildListing(catalogue, 'xa-khong-co', { links: web, now })).toThrow(/listings: no office "xa-khong-co".*xa-hoa-an, phuong-tan-lap/);
  });
});

describe('procedure links', () => {
  it('opens the Telegram bot by deep link when its username is configured', () => {
    const links = listingLinksFromConfig({ TELEGRAM_BOT_USERNAME: '@motcua_bot', PUBLIC_BASE_URL: undefined, PORT: 3000 });
    expect(procedureLink('1.001193', links)).toBe('https://t.me/motcua_bot?start=p1_001193');
  });

  it('opens the web chat page on the procedure otherwise', () => {
    expect(procedureLink('1.001193', listingLinksFromConfig({ TELEGRAM_BOT_USERNAME: undefined, PUBLIC_BASE_URL: 'https://motcua.khanhhoa.gov.vn/', PORT: 3000 }))).toBe(
      'https://motcua.khanhhoa.gov.vn/?p=1.001193',
    );
    expect(procedureLink('1.001193', listingLinksFromConfig({ TELEGRAM_BOT_USERNAME: undefined, PUBLIC_BASE_URL: undefined, PORT: 8080 }))).toBe('http://localhost:8080/?p=1.001193');
  });
});
