import { describe, expect, it } from 'vitest';
import { focus, withoutNames } from '../../src/search/focus';

describe('focus: the question inside a long message', () => {
  it('reads a short message whole', () => {
    expect(focus('làm giấy khai sinh cần gì')).toEqual([{ text: 'làm giấy khai sinh cần gì', weight: 1 }]);
  });

  it('puts the asking sentence first at full weight and the story after it at less', () => {
    const message =
      'Vợ chồng tôi lên Hà Nội làm ăn sinh sống đến nay đã được 03 năm. Chúng tôi đang ở nhà thuê gần công ty và có đăng ký tạm trú ở đó. ' +
      'Để thuận tiện cho công việc, vợ chồng tôi dự định sẽ đăng ký thường trú tại đây. Xin hỏi chúng tôi cần những giấy tờ gì?';
    const segments = focus(message);
    expect(segments[0]!.weight).toBe(1);
    const story = segments.find((s) => s.text.startsWith('Vợ chồng tôi lên Hà Nội'))!;
    expect(story.weight).toBeLessThan(1);
    expect(segments.filter((s) => s.weight === 1).map((s) => s.text)).toContain('Xin hỏi chúng tôi cần những giấy tờ gì?');
  });

  it('drops a greeting and keeps "TP.HCM" in one sentence', () => {
    const segments = focus('Chào Luật sư. Tôi đăng ký tạm trú ở nhà người thân tại TP.HCM từ năm 2017 nhưng sổ tạm trú đã hết hạn lâu rồi. Xin hỏi tôi có được gia hạn tạm trú không?');
    expect(segments.some((s) => /^Chào/.test(s.text))).toBe(false);
    expect(segments.some((s) => s.text.includes('TP.HCM từ năm 2017'))).toBe(true);
  });

  it('blanks capitalised names in the middle of a sentence unless they are catalogue text', () => {
    const keep = (words: string[]) => words.slice(0, 2).join(' ').toLowerCase() === 'giấy khai';
    const out = withoutNames('tôi có hộ khẩu tại Phú Thọ và muốn làm lại Giấy khai sinh', keep);
    expect(out).not.toContain('Phú Thọ');
    expect(out).toContain('Giấy khai sinh');
  });
});
