import { describe, expect, it } from 'vitest';
import { reply } from '../../../src/assistant/reply';
import { renderZalo, ZALO_TEXT_LIMIT } from '../../../src/channels/zalo/render';
import { looksLikePayload } from '../../../src/channels/zalo/events';

describe('Zalo rendering', () => {
  it('sends buttons as oa.query.show with the payload and https links as oa.open.url', () => {
    const [message] = renderZalo(reply([{ type: 'heading', text: 'Đăng ký khai sinh' }, { type: 'list', items: ['Tờ khai', 'Giấy chứng sinh'] }], {
      buttons: [{ label: 'Lệ phí', payload: 'p:1.001193:fee' }],
      links: [{ label: 'Nộp trực tuyến', url: 'https://dichvucong.gov.vn/x' }],
    }));
    expect(message!.text).toBe('ĐĂNG KÝ KHAI SINH\n\n• Tờ khai\n• Giấy chứng sinh');
    expect(message!.attachment!.payload.buttons).toEqual([
      { title: 'Lệ phí', type: 'oa.query.show', payload: 'p:1.001193:fee' },
      { title: 'Nộp trực tuyến', type: 'oa.open.url', payload: { url: 'https://dichvucong.gov.vn/x' } },
    ]);
  });

  it('splits long text within 2,000 characters and puts buttons past the fifth in a follow-up', () => {
    const blocks = Array.from({ length: 12 }, (_, i) => ({ type: 'text' as const, text: `Bước ${i}: ${'nộp hồ sơ '.repeat(40)}` }));
    const buttons = Array.from({ length: 7 }, (_, i) => ({ label: `Mục ${i}`, payload: `p:1.00119${i}` }));
    const messages = renderZalo(reply(blocks, { buttons }));
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    const withButtons = messages.filter((m) => m.attachment);
    expect(withButtons.map((m) => m.attachment!.payload.buttons.length)).toEqual([5, 2]);
    expect(messages.flatMap((m) => m.text.split('\n\n')).filter((p) => p.startsWith('Bước'))).toHaveLength(12);
  });

  it('recognises button payloads coming back as text, but not questions or links', () => {
    expect(looksLikePayload('p:1.001193:fee')).toBe(true);
    expect(looksLikePayload('lam giay khai sinh')).toBe(false);
    expect(looksLikePayload('https://zalo.me/x')).toBe(false);
    expect(looksLikePayload('hỏi: phí bao nhiêu')).toBe(false);
  });
});
