import { describe, expect, it } from 'vitest';
import { renderListing } from '../../src/listings/render';
import { loadFixture, makeCatalogue, makeProcedure, TEST_OFFICE } from './fixture';

// The fixture's communes and the test office have no `procedures` list: print all they handle.
const options = { links: { webBaseUrl: 'http://localhost:3000' }, now: new Date('2026-11-23T03:00:00Z'), all: true };
const telegram = { links: { botUsername: 'motcua_bot', webBaseUrl: 'http://localhost:3000' }, now: options.now, all: true };

describe('printable HTML listing', () => {
  it('heads the sheet with the desk, its hours and phone, the date and the catalogue version', async () => {
    const { body } = renderListing(await loadFixture(), 'xa-hoa-an', 'html', options);
    expect(body).toContain('<h1>UBND xã Hòa An</h1>');
    expect(body).toContain('Bộ phận Một cửa, thôn Phú Hòa, xã Hòa An, tỉnh Khánh Hòa');
    expect(body).toContain('Thứ Hai – Thứ Sáu: 7:00–11:30, 13:30–17:00; sáng thứ Bảy: 7:30–11:30');
    expect(body).toContain('0258 3 812 345');
    expect(body).toContain('Gồm 9 thủ tục · Ngày 23/11/2026 · Phiên bản dữ liệu: 2026-07-15');
    expect(body).toContain('https://dichvucong.gov.vn');
  });

  it('escapes catalogue text', async () => {
    const { body } = renderListing(await loadFixture(), 'xa-hoa-an', 'html', options);
    expect(body).toContain('Tờ khai đề nghị trợ giúp xã hội &lt;theo mẫu số 1a&gt; &amp; &quot;bản khai&quot;');
    expect(body).not.toContain('<theo mẫu');
  });

  it('escapes the desk name in the printed page footer too', () => {
    const office = { ...TEST_OFFICE, name: 'UBND xã "Mới" </style><script>alert(1)</script>' };
    const { body } = renderListing(makeCatalogue([], [office]), office.id, 'html', options);
    expect(body.match(/<\/style>/g)).toHaveLength(1);
    expect(body).not.toContain('<script>');
    expect(body).toContain('@bottom-left { content: "UBND xã \\22 Mới\\22  \\3c /style\\3e');
  });

  it('prints one inline SVG QR code per procedure and avoids splitting a procedure across pages', async () => {
    const { body } = renderListing(await loadFixture(), 'xa-hoa-an', 'html', options);
    expect(body.match(/<svg /g)).toHaveLength(9);
    expect(body).toContain('break-inside: avoid');
    expect(body).toContain('size: A4');
    expect(body).not.toMatch(/<img|<script/);
  });

  it('says the links open the Telegram bot when it is configured', async () => {
    const { body } = renderListing(await loadFixture(), 'xa-hoa-an', 'html', telegram);
    expect(body).toContain('data-link="https://t.me/motcua_bot?start=p1_001193"');
    expect(body).toContain('hỏi thêm qua Telegram');
    expect(body).toContain('https://t.me/motcua_bot');
  });
});

describe('Markdown and text listings', () => {
  it('give a link per procedure instead of a QR code, and escape Markdown', async () => {
    const { body } = renderListing(await loadFixture(), 'xa-hoa-an', 'md', options);
    expect(body).toContain('# Danh mục thủ tục hành chính (rút gọn): UBND xã Hòa An');
    expect(body).toContain('## Hộ tịch');
    expect(body).toContain('### 8. Đăng ký khai sinh (mã 1.001193)');
    expect(body).toContain('- Tờ khai đăng ký khai sinh theo mẫu — 1 bản chính');
    expect(body).toContain('[Hỏi thêm về thủ tục này](http://localhost:3000/?p=1.001193)');
    expect(body).toContain('\\<theo mẫu số 1a\\>');
    expect(body).not.toContain('<svg');
  });

  it('reads as plain text for a Zalo group post', async () => {
    const { body } = renderListing(await loadFixture(), 'xa-hoa-an', 'txt', telegram);
    expect(body).toContain('8. Đăng ký khai sinh (mã 1.001193)');
    expect(body).toContain('- Phí, lệ phí: 8.000 đồng');
    expect(body).toContain('- Nộp trực tuyến: Có (1 ngày làm việc, 4.000 đồng/bản sao)');
    expect(body).toContain('- Hỏi thêm: https://t.me/motcua_bot?start=p1_001193');
    expect(body).toContain('Hỏi đáp qua Telegram: https://t.me/motcua_bot');
    expect(body).not.toMatch(/<\/?(svg|p|a|h\d|ul|li)\b|\*\*|\[Hỏi/);
  });
});

describe('a listing whose links open localhost', () => {
  const warning = 'CHƯA DÙNG ĐƯỢC ĐỂ NIÊM YẾT: mã QR và liên kết trên bản này mở http://localhost:3000';
  it('starts with the warning in every format', async () => {
    const catalogue = await loadFixture();
    const html = renderListing(catalogue, 'xa-hoa-an', 'html', options).body;
    expect(html).toMatch(/<body><p class="warning" role="alert">CHƯA DÙNG ĐƯỢC ĐỂ NIÊM YẾT: mã QR và liên kết trên bản này mở http:\/\/localhost:3000, .*PUBLIC_BASE_URL.*<\/p><header/);
    expect(renderListing(catalogue, 'xa-hoa-an', 'md', options).body.split('\n')[0]).toContain(warning);
    expect(renderListing(catalogue, 'xa-hoa-an', 'txt', options).body.split('\n')[0]).toContain(warning);
  });

  it('has no warning with a public address or the Telegram bot', async () => {
    const catalogue = await loadFixture();
    const publicLinks = { ...options, links: { webBaseUrl: 'https://motcua.example.vn' } };
    for (const format of ['html', 'md', 'txt'] as const) {
      expect(renderListing(catalogue, 'xa-hoa-an', format, publicLinks).body).not.toContain('CHƯA DÙNG ĐƯỢC');
      expect(renderListing(catalogue, 'xa-hoa-an', format, telegram).body).not.toContain('CHƯA DÙNG ĐƯỢC');
    }
  });
});

describe('an empty listing', () => {
  it('says the desk has no procedures yet instead of printing a blank sheet', async () => {
    for (const format of ['html', 'md', 'txt'] as const) {
      const { body } = renderListing(makeCatalogue([]), 'xa-thu-nghiem', format, options);
      expect(body).toContain('Chưa có thủ tục nào trong danh mục của nơi này.');
      expect(body).toContain('Gồm 0 thủ tục');
      expect(body).not.toContain('<svg');
    }
  });
});

describe('a long paper list', () => {
  it('ends with how many papers were left out and where to see them', () => {
    const procedure = makeProcedure({ code: '1.000001', papers: [{ papers: Array.from({ length: 11 }, (_, i) => ({ name: `Giấy tờ số ${i + 1}`, copies: 1 })) }] });
    const catalogue = makeCatalogue([procedure]);
    expect(renderListing(catalogue, 'xa-thu-nghiem', 'txt', options).body).toContain('  … và 3 giấy tờ khác theo từng trường hợp: bấm liên kết để xem đủ.');
    expect(renderListing(catalogue, 'xa-thu-nghiem', 'md', options).body).toContain('*… và 3 giấy tờ khác theo từng trường hợp: bấm liên kết để xem đủ.*');
    const html = renderListing(catalogue, 'xa-thu-nghiem', 'html', options).body;
    expect(html).toContain('<p class="more">… và 3 giấy tờ khác theo từng trường hợp: quét mã QR để xem đủ.</p>');
    expect(html.match(/<li>/g)).toHaveLength(8);
  });
});
