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

  it('never takes a closing thank-you for the question; an either-or sentence without "?" asks', () => {
    const segments = focus(
      'Chào Luật sư, xin cho tôi biết tôi đã kết hôn tại Hàn Quốc. Giờ tôi về Việt Nam để ghi chú kết hôn. ' +
        'Vậy tôi ghi chú việc kết hôn tại phường hay ghi chú ở sở tư pháp thành phố ạ. Tôi xin chân thành cảm ơn.',
    );
    expect(segments.some((s) => s.text.includes('cảm ơn'))).toBe(false);
    expect(segments[0]).toEqual({ text: 'Vậy tôi ghi chú việc kết hôn tại phường hay ghi chú ở sở tư pháp thành phố ạ.', weight: 1 });
  });

  it('asks with the last sentence that is not a courtesy when none has a question cue', () => {
    const segments = focus('Năm ngoái tôi kết hôn ở nước ngoài và nay đã về Việt Nam sinh sống cùng gia đình tại quê nhà. Tôi cần ghi chú việc kết hôn đó vào sổ hộ tịch. Rất mong được Luật sư giải đáp.');
    expect(segments[0]).toEqual({ text: 'Tôi cần ghi chú việc kết hôn đó vào sổ hộ tịch.', weight: 1 });
  });

  it('blanks capitalised names in the middle of a sentence unless they are catalogue text', () => {
    const keep = (words: string[]) => words.slice(0, 2).join(' ').toLowerCase() === 'giấy khai';
    const out = withoutNames('tôi có hộ khẩu tại Phú Thọ và muốn làm lại Giấy khai sinh', keep);
    expect(out).not.toContain('Phú Thọ');
    expect(out).toContain('Giấy khai sinh');
  });
});
