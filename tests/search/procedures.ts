// Small procedure factories for search and assistant tests.
import { procedureSchema, type Procedure, type ProcedureInput } from '../../src/catalogue/schema';

let next = 1;

export function makeProcedure(overrides: Partial<ProcedureInput> & { name: string }): Procedure {
  const code = overrides.code ?? `9.${String(next++).padStart(6, '0')}`;
  return procedureSchema.parse({
    field: 'Hộ tịch',
    levels: ['commune'],
    source: { url: `https://dichvucong.gov.vn/p/${code}`, retrievedAt: '2026-07-01' },
    ...overrides,
    code,
  });
}

/** A few real-looking procedures, including level variants and near-duplicates. */
export function sampleProcedures(): Procedure[] {
  return [
    makeProcedure({
      code: '1.001193',
      name: 'Thủ tục đăng ký khai sinh',
      popularity: 17610,
      applicants: 'Công dân Việt Nam',
      channels: [
        { kind: 'direct', time: { value: 1, unit: 'working_days', text: '1 ngày làm việc' }, fees: [{ amount: 0, text: 'Miễn phí' }] },
        { kind: 'online', time: { value: 1, unit: 'working_days', text: '1 ngày làm việc' }, fees: [{ amount: 0, text: 'Miễn phí' }] },
      ],
      papers: [{ kind: 'submit', papers: Array.from({ length: 12 }, (_, i) => ({ name: i === 0 ? 'Tờ khai đăng ký khai sinh' : `Giấy tờ số ${i + 1}`, originals: 1, copies: 0 })) }],
      steps: ['Nộp hồ sơ tại Bộ phận một cửa', 'Công chức tư pháp - hộ tịch kiểm tra', 'Trả kết quả'],
      legalBasis: [{ number: '60/2014/QH13', title: 'Luật Hộ tịch' }],
      results: [{ name: 'Giấy khai sinh' }],
    }),
    makeProcedure({ code: '1.004884', name: 'Thủ tục đăng ký lại khai sinh', popularity: 2117 }),
    makeProcedure({ code: '2.000528', name: 'Thủ tục đăng ký khai sinh có yếu tố nước ngoài', popularity: 408 }),
    makeProcedure({
      code: '1.000894',
      name: 'Thủ tục đăng ký kết hôn',
      popularity: 34747,
      channels: [{ kind: 'direct', time: { value: 5, unit: 'working_days', text: '5 ngày làm việc' }, fees: [{ amount: 50000, text: '50.000 đồng' }] }],
    }),
    makeProcedure({ code: '1.004194', name: 'Đăng ký tạm trú', field: 'Cư trú', popularity: 15539622 }),
    makeProcedure({ code: '1.004222', name: 'Đăng ký thường trú', field: 'Cư trú', popularity: 8781419 }),
    makeProcedure({ code: '1.003197', name: 'Xóa đăng ký thường trú', field: 'Cư trú', popularity: 199821 }),
    makeProcedure({ code: '2.001195', name: 'Cấp đổi thẻ căn cước (thực hiện tại cấp tỉnh)', field: 'Căn cước', levels: ['province'], popularity: 3013321 }),
    makeProcedure({ code: '1.000889', name: 'Cấp đổi thẻ căn cước (thực hiện tại cấp trung ương)', field: 'Căn cước', levels: ['ministry'], popularity: 69662 }),
    makeProcedure({ code: '1.014063', name: 'Cấp đổi thẻ căn cước', field: 'Căn cước', levels: ['commune'], popularity: 0 }),
    makeProcedure({ code: '1.004873', name: 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân', popularity: 32864 }),
    makeProcedure({ code: '3.000347', name: 'Đổi giấy phép lái xe', field: 'Đường bộ', levels: ['ministry'], popularity: 206702 }),
    makeProcedure({ code: '1.012575', name: 'Đăng ký xe lần đầu', field: 'Đăng ký xe', levels: ['province', 'commune'], popularity: 4265478 }),
    makeProcedure({ code: '2.001263', name: 'Đăng ký việc nuôi con nuôi trong nước', field: 'Nuôi con nuôi', popularity: 845 }),
    makeProcedure({ code: '1.012784', name: 'Tách thửa hoặc hợp thửa đất', field: 'Đất đai', levels: ['province'], popularity: 99 }),
    makeProcedure({ code: '1.006001', name: 'Cấp giấy phép khai thác thủy sản', field: 'Thủy sản', levels: ['province'] }),
  ];
}
