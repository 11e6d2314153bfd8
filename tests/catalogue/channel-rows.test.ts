// Fee, time and "where" rows as a citizen reads them when the portal lists a way to submit twice
// (top-50 check: two bare "Trực tuyến" rows for 1.010041, six rows for the passport).
import { describe, expect, it } from 'vitest';
import { procedureAnswer } from '../../src/assistant/answers';
import { channelCase } from '../../src/catalogue/channel-rows';
import { replyToPlainText } from '../../src/conversation/message';
import { makeProcedure } from '../search/procedures';

const days = (value: number) => ({ value, unit: 'working_days' as const, text: `${value} ngày làm việc` });
const free = [{ amount: 0, text: 'Miễn phí' }];
const facet = (p: ReturnType<typeof makeProcedure>, f: 'fee' | 'time' | 'where') =>
  replyToPlainText(procedureAnswer(p, [f], { now: new Date('2026-11-29T03:00:00Z') }))
    .split('\n')
    .filter((l) => l.startsWith('• ') || l.startsWith('Ghi chú'));

const residence = makeProcedure({
  name: 'Xác nhận thông tin về cư trú',
  agencies: { implementing: 'Công an cấp xã' },
  channels: [
    { kind: 'online', time: days(1), fees: free, note: 'Nộp qua Cổng dịch vụ công. Cấp xác nhận trong thời hạn 01 ngày làm việc với trường hợp thông tin có trong Cơ sở dữ liệu quốc gia về dân cư.' },
    { kind: 'online', time: days(3), fees: free, note: 'Trong thời hạn 03 ngày làm việc với trường hợp cần xác minh; trường hợp từ chối thì phải trả lời bằng văn bản.' },
  ],
});

describe('a way to submit listed twice', () => {
  it('tells the two rows apart by the case their notes state', () => {
    expect(facet(residence, 'time')).toEqual([
      '• Trực tuyến (trường hợp thông tin có trong Cơ sở dữ liệu quốc gia về dân cư): 1 ngày làm việc',
      '• Trực tuyến (trường hợp cần xác minh): 3 ngày làm việc',
    ]);
  });

  it('shows a repeated answer once, and each way once in "Cách nộp"', () => {
    expect(facet(residence, 'fee')).toEqual(['• Trực tuyến: Miễn phí']);
    expect(facet(residence, 'where')).toContain('• Cách nộp: trực tuyến');
  });

  it('merges the ways that say the same', () => {
    const p = makeProcedure({
      name: 'Cấp hộ chiếu phổ thông',
      channels: (['online', 'postal', 'direct'] as const).flatMap((kind) => [
        { kind, time: days(5), fees: [{ amount: 200000, text: '200,000 Việt Nam Đồng' }] },
        { kind, time: days(3), fees: [{ amount: 200000, text: '200,000 Việt Nam Đồng' }], note: 'Không quá 03 ngày làm việc đối với các trường hợp quy định tại khoản 4 Điều 15 Luật Xuất cảnh.' },
      ]),
    });
    expect(facet(p, 'fee')).toEqual(['• Trực tuyến, qua bưu chính, trực tiếp: 200.000 đồng']);
    expect(facet(p, 'time')).toEqual([
      '• Trực tuyến, qua bưu chính, trực tiếp: 5 ngày làm việc',
      '• Trực tuyến, qua bưu chính, trực tiếp (trường hợp quy định tại khoản 4 Điều 15 Luật Xuất cảnh): 3 ngày làm việc',
    ]);
  });

  it('reads the place a note names ("Tại cơ quan đại diện: …")', () => {
    expect(channelCase('Tại cơ quan đại diện: 10 USD/bản.')).toBe('tại cơ quan đại diện');
    expect(channelCase('Nộp hồ sơ qua Cổng dịch vụ công quốc gia.')).toBeUndefined();
  });
});

describe('fee qualifiers', () => {
  it('keeps what an amount is per, the rates beyond it and who sets it, but not what only repeats the amount', () => {
    const p = makeProcedure({
      name: 'Chứng thực bản sao từ bản chính',
      channels: [
        { kind: 'direct', fees: [{ amount: 2000, text: '2,000 Việt Nam Đồng (/trang)' }], note: 'Tại Ủy ban nhân dân cấp xã: 2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không quá 200.000 đồng/bản.' },
        { kind: 'direct', fees: [{ amount: null, text: '10 USD (/bản)' }], note: 'Tại cơ quan đại diện: 10 USD/bản.' },
      ],
    });
    expect(facet(p, 'fee')).toEqual([
      '• Trực tiếp (tại Ủy ban nhân dân cấp xã): 2.000 đồng/trang',
      '• Trực tiếp (tại cơ quan đại diện): 10 USD/bản',
      'Ghi chú: Từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không quá 200.000 đồng/bản',
    ]);
    const household = makeProcedure({
      name: 'Đăng ký thành lập hộ kinh doanh',
      channels: [{ kind: 'direct', fees: [{ amount: 50000, text: '50,000 VNĐ (- Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.)' }] }],
    });
    expect(facet(household, 'fee')).toEqual(['• Trực tiếp: 50.000 đồng', 'Ghi chú: Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định']);
  });

  it('keeps a reduction still in force and leaves out one already over', () => {
    const p = makeProcedure({
      name: 'Cấp đổi thẻ căn cước',
      channels: [
        {
          kind: 'direct',
          fees: [
            {
              amount: 50000,
              text: '50,000 Việt Nam Đồng (- Cấp đổi thẻ căn cước: 50.000 đồng/thẻ căn cước; Kể từ ngày 01/01/2025 đến hết ngày 31/12/2025, mức thu khi nộp trực tuyến bằng 50%. - Kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 mức thu lệ phí cấp đổi, cấp lại thẻ căn cước bằng 50% mức thu nêu trên.)',
            },
          ],
        },
      ],
    });
    expect(facet(p, 'fee')).toEqual(['• Trực tiếp: 25.000 đồng đến hết 31/12/2026 (50% mức 50.000 đồng)', 'Ghi chú: Kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 mức thu lệ phí cấp đổi, cấp lại thẻ căn cước bằng 50% mức thu nêu trên']);
  });
});

describe('where to submit', () => {
  it('does not give the deciding agency as the place to lodge the papers', () => {
    const p = makeProcedure({ name: 'Liên thông đăng ký khai sinh, thường trú, cấp thẻ BHYT', levels: ['commune'], agencies: { competent: 'Bảo hiểm xã hội Việt Nam' }, channels: [{ kind: 'direct', fees: free }] });
    expect(facet(p, 'where')).toEqual(['• Nơi tiếp nhận: bộ phận một cửa cấp xã', '• Cơ quan giải quyết: Bảo hiểm xã hội Việt Nam', '• Cấp thực hiện: cấp xã', '• Cách nộp: trực tiếp']);
  });
});
