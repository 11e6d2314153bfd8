import { describe, expect, it } from 'vitest';
import { reply } from '../../../src/conversation/message';
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

describe('Zalo button labels as payloads', () => {
  it('remembers per user which payload a label stands for, keeping duplicates raw and memory bounded', async () => {
    const { ZaloButtonMemory } = await import('../../../src/channels/zalo/button-memory');
    const memory = new ZaloButtonMemory(2, 30);
    const labels = memory.remember('u1', [{ label: 'Lệ phí', payload: 'p:1.001193:fee' }, { label: 'Xem', payload: 'a' }, { label: 'Xem', payload: 'b' }]);
    expect([...labels]).toEqual(['Lệ phí']);
    expect(memory.lookup('u1', ' lệ phí ')).toBe('p:1.001193:fee');
    expect(memory.lookup('u1', 'Xem')).toBeUndefined();
    const [message] = renderZalo(reply([{ type: 'text', text: 'Chọn' }], { buttons: [{ label: 'Lệ phí', payload: 'p:1.001193:fee' }, { label: 'Xem', payload: 'a' }] }), { labelPayloads: labels });
    expect(message!.attachment!.payload.buttons.map((b) => b.payload)).toEqual(['Lệ phí', 'a']);
    memory.remember('u2', [{ label: 'A', payload: 'x:1' }]);
    memory.remember('u3', [{ label: 'A', payload: 'x:2' }]);
    expect(memory.size).toBe(2);
    expect(memory.lookup('u1', 'Lệ phí')).toBeUndefined();
  });
});
