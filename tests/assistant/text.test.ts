import { describe, expect, it } from 'vitest';
import { nameLabel, nameLabels } from '../../src/assistant/text';

const ONLINE = 'Cấp lại chứng nhận đăng ký xe, biển số xe thực hiện bằng dịch vụ công trực tuyến toàn trình';
const COUNTER = 'Cấp lại chứng nhận đăng ký xe, biển số xe thực hiện bằng dịch vụ công trực tuyến một phần hoặc trực tiếp thực hiện tại cấp trung ương, cấp tỉnh, cấp xã';

describe('button labels for procedure names', () => {
  it('keeps a short label for names that already read differently', () => {
    const names = ['Thủ tục đăng ký khai sinh', 'Thủ tục đăng ký kết hôn'];
    expect(nameLabels(names)).toEqual(names.map((n) => nameLabel(n)));
  });

  it('tells apart two names whose clipped labels would read the same', () => {
    expect(nameLabel(ONLINE)).toBe(nameLabel(COUNTER));
    const [online, counter] = nameLabels([ONLINE, COUNTER, 'Đổi chứng nhận đăng ký xe, biển số xe']);
    expect(online).not.toBe(counter);
    expect(online).toMatch(/^Cấp lại chứng nhận đăng ký xe.*toàn trình$/);
    expect(counter).toMatch(/^Cấp lại chứng nhận đăng ký.*một phần/);
    for (const label of [online!, counter!]) expect(label.length).toBeLessThanOrEqual(60);
  });

  it('leaves the same name twice as it is rather than inventing a difference', () => {
    expect(nameLabels([ONLINE, ONLINE])).toEqual([nameLabel(ONLINE), nameLabel(ONLINE)]);
  });
});
