import { describe, expect, it } from 'vitest';
import { procedureAnswer } from '../../src/assistant/answers';
import { replyToPlainText } from '../../src/conversation/message';
import { feeValidUntilPassed, formatFees } from '../../src/catalogue/format';
import { makeProcedure } from '../search/procedures';

const pass = makeProcedure({
  code: '1.001200',
  name: 'Cấp giấy thông hành',
  channels: [
    { kind: 'direct', fees: [{ amount: 40000, text: '40.000đ/giấy thông hành (áp dụng đến hết ngày 31/12/2024 theo Thông tư số 43/2024/TT-BTC của Bộ Tài chính)' }] },
    { kind: 'online', fees: [{ amount: 25000, text: '25.000đ/giấy (Thông tư số 25/2021/TT-BTC ngày 07/4/2021 của Bộ Tài chính)' }] },
  ],
});

describe('fee answers', () => {
  it('says a fee quoted "until" a day now past may have changed', () => {
    const r = procedureAnswer(pass, ['fee'], { now: new Date('2026-11-29T03:00:00Z') });
    expect(replyToPlainText(r)).toContain('mức phí trên ghi áp dụng đến ngày 31/12/2024, nay đã qua nên có thể đã thay đổi');
  });

  it('says nothing while the day is still ahead, in Vietnam time', () => {
    expect(replyToPlainText(procedureAnswer(pass, ['fee'], { now: new Date('2024-06-01T00:00:00Z') }))).not.toContain('có thể đã thay đổi');
    // 31/12/2024 ends at 17:00 UTC.
    expect(feeValidUntilPassed(pass.channels[0]!.fees, new Date('2024-12-31T16:59:00Z'))).toBeUndefined();
    expect(feeValidUntilPassed(pass.channels[0]!.fees, new Date('2024-12-31T17:00:00Z'))).toBe('31/12/2024');
  });

  it('does not read a circular\'s own date as the end of a fee', () => {
    expect(feeValidUntilPassed(pass.channels[1]!.fees, new Date('2026-11-29T03:00:00Z'))).toBeUndefined();
  });
});

describe('fees with several "until" days', () => {
  it('treats a fee as current while any day it quotes is still ahead', () => {
    const fees = [
      { amount: 25000, text: '50% mức thu (25.000 đồng) áp dụng đến hết ngày 31/12/2025 theo Thông tư 64/2025' },
      { amount: 25000, text: 'giảm 50% đến hết ngày 31/12/2026 theo Thông tư 64/2025/TT-BTC' },
    ];
    expect(feeValidUntilPassed(fees, new Date('2026-11-29T03:00:00Z'))).toBeUndefined();
    expect(feeValidUntilPassed(fees, new Date('2027-01-02T00:00:00Z'))).toBe('31/12/2026');
  });
});

describe('a reduced rate for a period', () => {
  const text = '50,000 Việt Nam Đồng (- Cấp đổi thẻ căn cước: 50.000 đồng/thẻ căn cước; Kể từ ngày 01/01/2025 đến hết ngày 31/12/2025, mức thu lệ phí khi công dân nộp hồ sơ cấp đổi, cấp lại thẻ căn cước theo hình thức trực tuyển bằng 50% mức thu lệ phí quy định. - Kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 mức thu lệ phí cấp đổi, cấp lại thẻ căn cước bằng 50% mức thu nêu trên theo quy định tại Thông tư số 64/2025/TT-BTC ngày 30/6/2025 của Bộ Tài chính.)';
  const card = makeProcedure({
    code: '1.014063',
    name: 'Cấp đổi thẻ căn cước',
    channels: [
      { kind: 'direct', fees: [{ amount: 50000, text }] },
      { kind: 'online', fees: [{ amount: 50000, text }] },
    ],
  });

  it('quotes the amount in force with its last day and the usual amount', () => {
    const r = replyToPlainText(procedureAnswer(card, ['fee'], { now: new Date('2026-11-29T03:00:00Z') }));
    expect(r).toContain('Trực tiếp, trực tuyến: 25.000 đồng đến hết 31/12/2026 (50% mức 50.000 đồng)');
    // The overview quotes the same.
    expect(replyToPlainText(procedureAnswer(card, [], { now: new Date('2026-11-29T03:00:00Z') }))).toContain('Lệ phí: 25.000 đồng đến hết 31/12/2026');
  });

  it('quotes the usual amount once the period is over, and the online-only reduction only online', () => {
    expect(formatFees([{ amount: 50000, text }], { now: new Date('2027-01-01T00:00:00Z'), channel: 'direct' })).toBe('50.000 đồng');
    // Before 1 July 2025 only the online reduction (to 31/12/2025) was in force.
    expect(formatFees([{ amount: 50000, text }], { now: new Date('2025-03-01T00:00:00Z'), channel: 'direct' })).toBe('50.000 đồng');
    expect(formatFees([{ amount: 50000, text }], { now: new Date('2025-03-01T00:00:00Z'), channel: 'online' })).toBe('25.000 đồng đến hết 31/12/2025 (50% mức 50.000 đồng)');
  });
});
