import { describe, expect, it } from 'vitest';
import type { Update } from 'telegraf/types';
import { classifyUpdate, normaliseCommand } from '../../../src/channels/telegram/incoming';
import { NON_TEXT, TOO_LONG } from '../../../src/channels/wording';
import { FakeTelegram } from '../../fakes/telegram-bot-api';

const fake = new FakeTelegram();
const at = new Date('2026-11-23T03:00:00Z');
const classify = (update: Record<string, unknown>) => classifyUpdate({ update_id: 1, ...update } as unknown as Update, 'motcua_test_bot', at);

describe('Telegram updates to Incoming', () => {
  it('strips our @botname from commands and ignores commands for other bots', () => {
    expect(normaliseCommand('/hoso@motcua_test_bot 000.00.20.H56-251124-0007 1234', 'motcua_test_bot')).toBe('/hoso 000.00.20.H56-251124-0007 1234');
    expect(normaliseCommand('/help@OtherBot', 'motcua_test_bot')).toBeUndefined();
    expect(normaliseCommand('/theodoi   X ', 'motcua_test_bot')).toBe('/theodoi X');
  });

  it('opens the procedure named by a /start deep link', () => {
    const result = classify(fake.textUpdate(5, '/start p1_001193'));
    expect(result).toMatchObject({ kind: 'incoming', chatId: '5', incoming: { channel: 'telegram', text: '', payload: 'p:1.001193' } });
  });

  it('passes plain /start, /lienket and free text through as text', () => {
    expect(classify(fake.textUpdate(5, '/start'))).toMatchObject({ incoming: { text: '/start' } });
    expect(classify(fake.textUpdate(5, '/lienket ABC123'))).toMatchObject({ incoming: { text: '/lienket ABC123' } });
    expect(classify(fake.textUpdate(5, '  lam giay khai sinh  '))).toMatchObject({ incoming: { text: 'lam giay khai sinh' } });
  });

  it('turns a button press into a payload and asks to answer the callback', () => {
    const result = classify(fake.callbackUpdate(9, 'p:1.001193:fee'));
    expect(result).toMatchObject({ kind: 'incoming', chatId: '9', incoming: { payload: 'p:1.001193:fee', text: '' } });
    expect(result.callbackQueryId).toBeTruthy();
  });

  it('answers stickers, photos and locations with a request for text, and refuses essays', () => {
    expect(classify(fake.messageUpdate(5, { sticker: { file_id: 'x' } }))).toEqual({ kind: 'reply', chatId: '5', reply: NON_TEXT });
    expect(classify(fake.messageUpdate(5, { photo: [{ file_id: 'x', width: 1, height: 1 }] }))).toMatchObject({ reply: NON_TEXT });
    expect(classify(fake.messageUpdate(5, { location: { latitude: 21, longitude: 105 } }))).toMatchObject({ reply: NON_TEXT });
    expect(classify(fake.textUpdate(5, 'a'.repeat(10_000)))).toMatchObject({ reply: TOO_LONG });
  });

  it('stays quiet on free text in groups but answers commands there', () => {
    const group = { chat: { id: -100, type: 'group', title: 'Tổ một cửa' } };
    expect(classify(fake.textUpdate(-100, 'chào mọi người', group))).toEqual({ kind: 'ignore' });
    expect(classify(fake.textUpdate(-100, '/lienket X1', group))).toMatchObject({ kind: 'incoming', chatId: '-100' });
  });
});
