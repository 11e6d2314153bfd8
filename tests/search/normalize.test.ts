import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, normalize, tokenize } from '../../src/search/normalize';

describe('normalize', () => {
  it('spells old and new tone positions alike', () => {
    expect(normalize('hoà bình')).toBe(normalize('hòa bình'));
    expect(normalize('thuỷ sản')).toBe(normalize('thủy sản'));
    expect(normalize('khoẻ')).toBe(normalize('khỏe'));
  });

  it('spells i and y variants alike', () => {
    expect(normalize('đăng kí')).toBe(normalize('đăng ký'));
    expect(normalize('lí lịch')).toBe(normalize('lý lịch'));
    expect(normalize('qui định')).toBe(normalize('quy định'));
  });

  it('treats NFD input, upper case and extra spaces like NFC lower case', () => {
    expect(normalize('  ĐĂNG   KÝ  Khai SINH ')).toBe('đăng kí khai sinh');
    expect(normalize('Đăng ký khai sinh'.normalize('NFD'))).toBe('đăng kí khai sinh');
  });

  it('folds đ to d by hand and drops every mark', () => {
    expect(fold(normalize('Đất đai, quyền sử dụng'))).toBe('dat dai quyen su dung');
  });

  it('keeps words that are not Vietnamese syllables, in lower case', () => {
    expect(tokenize('CCCD VNeID CT07 1.001193')).toEqual(['cccd', 'vneid', 'ct07', '1', '001193']);
  });

  it('is idempotent on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => normalize(normalize(s)) === normalize(s)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => normalize(normalize(s)) === normalize(s)), { numRuns: 2000 });
  });

  it('is idempotent on Vietnamese-like syllables with any marks', () => {
    const letters = fc.constantFrom(...'aăâeêioôơuưyđbcdghklmnpqrstvx'.split(''));
    const marks = fc.constantFrom('', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323');
    const syllable = fc.array(fc.tuple(letters, marks), { minLength: 1, maxLength: 6 }).map((parts) => parts.map(([l, m]) => l + m).join(''));
    fc.assert(
      fc.property(fc.array(syllable, { maxLength: 6 }), (words) => {
        const text = words.join(' ');
        const once = normalize(text);
        return normalize(once) === once && normalize(text.normalize('NFD')) === once;
      }),
      { numRuns: 3000 },
    );
  });
});
