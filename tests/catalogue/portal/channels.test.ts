// The channel table parser on the joined cells the crawl actually holds.
import { describe, expect, it } from 'vitest';
import { parseChannelTable, parseChannels, splitJoinedNumber, timeFromNote } from '../../../src/catalogue/portal/channels';

const HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

describe('parseChannels', () => {
  it('does not call a fee free when the cell says "Miễn phí" but its detail names a sum (driving licence, 3.000347)', () => {
    const [online] = parseChannels(`${HEADER}Trực tuyến5 Ngày làm việcMiễn phí(- Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần.)Trực tiếp5 Ngày làm việcMiễn phí(Không thu phí đối với người có công)`);
    expect(online!.fees).toEqual([{ amount: null, text: 'Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần.' }]);
    const direct = parseChannels(`${HEADER}Trực tiếp5 Ngày làm việcMiễn phí(Không thu phí đối với người có công)`)[0]!;
    expect(direct.fees[0]!.amount).toBe(0);
  });

  it('reads a bare number as working days and "Miễn phí" as free, for each of the three channels', () => {
    const channels = parseChannels(`${HEADER}Trực tuyến1Miễn phíDịch vụ bưu chính1Miễn phíTrực tiếp1Miễn phí`);
    expect(channels.map((c) => c.kind)).toEqual(['online', 'postal', 'direct']);
    for (const c of channels) {
      expect(c.time).toEqual({ value: 1, unit: 'working_days', text: '1 ngày làm việc' });
      expect(c.fees).toEqual([{ amount: 0, text: 'Miễn phí' }]);
    }
  });

  it('reads amounts with thousands commas, their detail and the row description', () => {
    const [online, direct] = parseChannels(
      `${HEADER}Trực tuyến7 Ngày làm việc10,000 Việt Nam Đồng(Nộp qua cổng)Nộp trực tuyến.Trực tiếp7 Ngày làm việc20,000 Việt Nam Đồng`,
    );
    expect(online).toEqual({
      kind: 'online',
      time: { value: 7, unit: 'working_days', text: '7 ngày làm việc' },
      fees: [{ amount: 10000, text: '10,000 Việt Nam Đồng (Nộp qua cổng)' }],
      note: 'Nộp trực tuyến.',
    });
    expect(direct!.fees[0]!.amount).toBe(20000);
  });

  it('knows calendar days, hours and months apart from working days', () => {
    const units = parseChannels(`${HEADER}Trực tuyến30 NgàyMiễn phíTrực tiếp1 GiờMiễn phíDịch vụ bưu chính6 ThángMiễn phí`).map((c) => c.time?.unit);
    expect(units).toEqual(['days', 'hours', 'months']);
  });

  it('does not start a row at a channel name inside a description', () => {
    const channels = parseChannels(`${HEADER}Trực tuyến5 Ngày làm việcMiễn phí+ Trực tuyến: nộp qua Cổng; Trực tiếp tại Công an xã.`);
    expect(channels).toHaveLength(1);
    expect(channels[0]!.note).toBe('+ Trực tuyến: nộp qua Cổng; Trực tiếp tại Công an xã.');
  });

  it('turns "Không có thông tin" cells into absent time and fee', () => {
    const table = parseChannelTable(`${HEADER}Trực tiếpKhông có thông tinKhông có thông tin`);
    expect(table.channels).toEqual([{ kind: 'direct', fees: [] }]);
    expect(table.timePublished).toBe(false);
    expect(table.feePublished).toBe(false);
  });

  it('takes the time from the description when the time cell is empty', () => {
    const [row] = parseChannels(`${HEADER}Trực tuyếnKhông có thông tinMiễn phí- 03 ngày làm việc kể từ ngày nhận hồ sơ; 07 ngày nếu phải xác minh`);
    // The whole clause is kept: the description may give other times for other cases.
    expect(row!.time).toEqual({ value: 3, unit: 'working_days', text: '03 ngày làm việc kể từ ngày nhận hồ sơ' });
  });

  it('splits a bare time glued to a fee, using the amount the detail spells out', () => {
    const [row] = parseChannels(`${HEADER}Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)`);
    expect(row!.time?.value).toBe(1);
    expect(row!.fees[0]!.amount).toBe(20000);
    const [customs] = parseChannels(`${HEADER}Trực tuyến120,000 VNĐ(mức thu là 20.000 VNĐ/tờ khai)`);
    expect(customs!.time?.value).toBe(1);
    expect(customs!.fees[0]!.amount).toBe(20000);
  });

  it('keeps foreign-currency fees as text with no đồng amount', () => {
    const [row] = parseChannels(`${HEADER}Trực tiếp5 Ngày làm việc10 USD(10 USD/người)`);
    expect(row!.fees).toEqual([{ amount: null, text: '10 USD (10 USD/người)' }]);
  });

  it('keeps a time given in words as text', () => {
    const [row] = parseChannels(`${HEADER}Trực tuyếnKhông phải trả kết quả cho người nộp thuếMiễn phí`);
    expect(row!.time).toEqual({ text: 'Không phải trả kết quả cho người nộp thuế' });
  });
});

describe('splitJoinedNumber', () => {
  it('gives digits beyond a thousands group to the time', () => {
    expect(splitJoinedNumber('1500,000')).toEqual({ time: 1, amount: '500,000' });
    expect(splitJoinedNumber('15,000')).toEqual({ amount: '15,000' });
  });
});

describe('timeFromNote', () => {
  it('ignores rates such as "ngày/tháng" and finds nothing in prose without a time', () => {
    expect(timeFromNote('Nộp tại Bộ phận Một cửa')).toBeUndefined();
    expect(timeFromNote('không quá 45 ngày, kể từ ngày thụ lý')?.value).toBe(45);
  });
});

describe('fees stated in the description', () => {
  it('reads a fee the description states when the fee cell is empty', () => {
    const [row] = parseChannels(`${HEADER}Trực tiếp5 Ngày làm việcKhông có thông tin- Lệ phí : 20.000 Đồng (Lệ phí cấp chứng chỉ: 20.000 đồng/giấy.);`);
    expect(row!.fees).toEqual([{ amount: 20000, text: 'Lệ phí : 20.000 Đồng (Lệ phí cấp chứng chỉ: 20.000 đồng/giấy.)' }]);
  });

  it('keeps a fee left to the province as text without an amount', () => {
    const [row] = parseChannels(`${HEADER}Trực tuyến3 NgàyKhông có thông tinPhí, lệ phí (nếu có): Hội đồng nhân dân cấp tỉnh quyết định.`);
    expect(row!.fees).toEqual([{ amount: null, text: 'Phí, lệ phí (nếu có): Hội đồng nhân dân cấp tỉnh quyết định' }]);
  });
});

describe('fees the table writes in thousands of đồng', () => {
  it('reads "25 VNĐ" as 25.000 đồng, as every such cell with a written sum confirms (2.002041, 2.002015)', () => {
    const [online, postal] = parseChannels(
      `${HEADER}Trực tuyến1100 VNĐ(Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần)Dịch vụ bưu chính125 VNĐ(- Lệ phí đăng ký doanh nghiệp: Bằng 50% mức thu lệ phí quy định tại điểm 1 Biểu phí)`,
    );
    expect(online!.fees[0]!.amount).toBe(100000);
    expect(postal!.time).toEqual({ value: 1, unit: 'working_days', text: '1 ngày làm việc' });
    expect(postal!.fees[0]).toEqual({ amount: 25000, text: '25 VNĐ (- Lệ phí đăng ký doanh nghiệp: Bằng 50% mức thu lệ phí quy định tại điểm 1 Biểu phí)' });
    expect(parseChannels(`${HEADER}Trực tiếp125 VNĐ`)[0]!.fees[0]!.amount).toBe(25000);
  });

  it('leaves a single digit unknown ("1 Việt Nam Đồng"): neither 1 nor 1.000 đồng is credible', () => {
    expect(parseChannels(`${HEADER}Trực tiếp51 Việt Nam Đồng`)[0]!.fees[0]).toEqual({ amount: null, text: '1 Việt Nam Đồng' });
  });

  it('takes the written sum when the detail gives one that differs ("40" with "4.000 đ")', () => {
    expect(parseChannels(`${HEADER}Trực tiếp140 VNĐ(4.000 đ/giấy thông hành)`)[0]!.fees[0]!.amount).toBe(4000);
  });
});
