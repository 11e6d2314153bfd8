// The listing tests' catalogue: the YAML fixture of two communes, and a factory for larger
// generated catalogues (many procedures, many papers) that must still print cleanly.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalogue, type Catalogue } from '../../src/catalogue/loader';
import { procedureSchema, type Office, type Procedure, type ProcedureInput } from '../../src/catalogue/schema';

export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/listings/catalogue');

/** The fixture has one deliberate problem: phuong-tan-lap lists a code the catalogue lacks. */
export async function loadFixture(): Promise<Catalogue> {
  return (await loadCatalogue(FIXTURE_DIR)).catalogue;
}

export function makeProcedure(overrides: Partial<ProcedureInput> & { code: string }): Procedure {
  return procedureSchema.parse({
    name: `Thủ tục thử nghiệm ${overrides.code}`,
    field: 'Hộ tịch',
    levels: ['commune'],
    channels: [{ kind: 'direct', time: { value: 3, unit: 'working_days', text: '3 ngày làm việc' }, fees: [{ amount: 0, text: 'Miễn phí' }] }],
    papers: [{ papers: [{ name: 'Tờ khai theo mẫu', originals: 1 }] }],
    source: { url: `https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=${overrides.code}`, retrievedAt: '2026-07-15' },
    ...overrides,
  });
}

export const TEST_OFFICE: Office = {
  id: 'xa-thu-nghiem',
  name: 'UBND xã Thử Nghiệm',
  level: 'commune',
  address: 'Thôn 1, xã Thử Nghiệm',
  hours: 'Thứ Hai – Thứ Sáu: 7:30–17:00',
  phone: '0258 3 000 000',
};

export function makeCatalogue(procedures: Procedure[], offices: Office[] = [TEST_OFFICE]): Catalogue {
  const sorted = [...procedures].sort((a, b) => a.code.localeCompare(b.code));
  return {
    procedures: sorted,
    byCode: new Map(sorted.map((p) => [p.code, p])),
    calendar: { timezone: 'Asia/Ho_Chi_Minh', cutoff: '15:00', years: {} },
    offices,
    version: `2026-07-15 · ${sorted.length} thủ tục`,
  };
}

const FIELDS = ['Hộ tịch', 'Chứng thực', 'Đăng ký, quản lý cư trú', 'Bảo trợ xã hội', 'Đất đai', 'Người có công'];

/** `count` commune procedures of varied length: 1 to 8 papers, some with cases and online. */
export function generatedProcedures(count: number): Procedure[] {
  return Array.from({ length: count }, (_, i) => {
    const code = `1.${String(100000 + i).padStart(6, '0')}`;
    const paperCount = 1 + ((i * 5) % 8);
    const papers = Array.from({ length: paperCount }, (_, j) => ({
      name: `Giấy tờ số ${j + 1} của thủ tục ${code}, bản kê khai theo mẫu do cơ quan có thẩm quyền ban hành`,
      originals: j % 2 === 0 ? 1 : 0,
      copies: j % 3 === 0 ? 2 : 0,
    }));
    const groups = i % 4 === 0 ? [{ papers }, { case: `Trường hợp ủy quyền cho người khác nộp thay (${code})`, papers: [{ name: 'Văn bản ủy quyền được chứng thực', originals: 1 }] }] : [{ papers }];
    const channels = [
      { kind: 'direct' as const, time: { value: 1 + (i % 15), unit: 'working_days' as const, text: '' }, fees: [{ amount: (i % 5) * 10000, text: '' }] },
      ...(i % 3 === 0 ? [{ kind: 'online' as const, time: { value: 1 + (i % 15), unit: 'working_days' as const, text: '' }, fees: [{ amount: (i % 5) * 5000, text: '' }] }] : []),
    ];
    return makeProcedure({ code, name: `Thủ tục số ${i + 1}: cấp, cấp lại, điều chỉnh giấy tờ hành chính loại ${i % 7}`, field: FIELDS[i % FIELDS.length]!, papers: groups, channels });
  });
}
