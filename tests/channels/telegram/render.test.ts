import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reply } from '../../../src/conversation/message';
import { renderTelegram, TELEGRAM_TEXT_LIMIT } from '../../../src/channels/telegram/render';
import { checkTelegramHtml } from '../../fakes/telegram-bot-api';

describe('Telegram rendering', () => {
  it('escapes catalogue text so Telegram accepts it as HTML and shows it literally', () => {
    const [message] = renderTelegram(reply([{ type: 'heading', text: 'Phí <50%> & lệ phí' }, { type: 'text', text: 'a < b > c & "d"' }]));
    expect(message!.text).toBe('<b>Phí &lt;50%&gt; &amp; lệ phí</b>\n\na &lt; b &gt; c &amp; &quot;d&quot;');
    expect(checkTelegramHtml(message!.text)).toBeUndefined();
  });

  it('splits a long answer on paragraph boundaries, keeping each message within 4096 characters', () => {
    const paragraphs = Array.from({ length: 30 }, (_, i) => ({ type: 'text' as const, text: `Đoạn ${i}: ${'giấy tờ '.repeat(30)}` }));
    const messages = renderTelegram(reply(paragraphs, { buttons: [{ label: 'Lệ phí', payload: 'p:1.001193:fee' }] }));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    // No paragraph is cut in two.
    const all = messages.flatMap((m) => m.text.split('\n\n'));
    expect(all).toHaveLength(30);
    // The keyboard comes with the last message only.
    expect(messages.slice(0, -1).every((m) => m.reply_markup === undefined)).toBe(true);
    expect(messages.at(-1)!.reply_markup?.inline_keyboard.flat()[0]).toEqual({ text: 'Lệ phí', callback_data: 'p:1.001193:fee' });
  });

  it('drops buttons whose payload is over 64 bytes instead of sending a cut payload', () => {
    const [message] = renderTelegram(reply([{ type: 'text', text: 'Chọn' }], { buttons: [{ label: 'Dài', payload: `x:${'đ'.repeat(40)}` }, { label: 'Ngắn', payload: 'p:1.001193' }] }));
    expect(message!.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual(['Ngắn']);
  });

  it('puts https links on URL buttons and local links in the text', () => {
    const [message] = renderTelegram(reply([{ type: 'text', text: 'Xem thêm' }], { links: [{ label: 'Cổng DVC', url: 'https://dichvucong.gov.vn/p/1' }, { label: 'Bản in', url: 'http://127.0.0.1:3000/listings/x' }] }));
    expect(message!.reply_markup!.inline_keyboard.flat()).toEqual([{ text: 'Cổng DVC', url: 'https://dichvucong.gov.vn/p/1' }]);
    expect(message!.text).toContain('Bản in: http://127.0.0.1:3000/listings/x');
  });

  it('always produces valid, non-empty HTML within the limit, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 3000 }), { minLength: 1, maxLength: 6 }), (texts) => {
        const messages = renderTelegram(reply(texts.map((text) => ({ type: 'text' as const, text }))));
        for (const m of messages) {
          expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
          expect(m.text.trim()).not.toBe('');
          expect(checkTelegramHtml(m.text)).toBeUndefined();
        }
      }),
      { numRuns: 100 },
    );
  });
});
