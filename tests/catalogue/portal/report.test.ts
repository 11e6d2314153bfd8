import { describe, expect, it } from 'vitest';
import { countProcedure, emptyReport, formatReport, suspiciousCases } from '../../../src/catalogue/portal/report';
import { paperGroupSchema, procedureSchema } from '../../../src/catalogue/schema';
import { loadCatalogue } from '../../../src/catalogue/loader';

const group = (input: unknown) => paperGroupSchema.parse(input);

describe('the import report on case headings', () => {
  it('flags a heading used twice, one too long to be a heading, and one that reads like a paper', () => {
    const own = 'Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình';
    expect(suspiciousCases({ papers: [group({ case: own, papers: [{ name: 'Giấy chứng nhận đăng ký phương tiện' }] }), group({ case: own, papers: [{ name: 'Tờ khai CT01' }] })] })).toEqual([
      'case heading repeated (check which papers belong to it)',
    ]);
    expect(suspiciousCases({ papers: [group({ case: 'Trường hợp '.repeat(60), papers: [{ name: 'Đơn' }] })] })).toEqual(['case heading over 600 characters (a paper or note read as a heading?)']);
    expect(suspiciousCases({ papers: [group({ case: 'Tờ khai hàng hóa nhập khẩu theo các chỉ tiêu thông tin tại Phụ lục II', papers: [{ name: 'Hóa đơn' }] })] })).toEqual(['case heading reads like a paper']);
    expect(suspiciousCases({ papers: [group({ case: 'Trường hợp ủy quyền', papers: [{ name: 'Văn bản ủy quyền' }] }), group({ kind: 'present', case: 'Trường hợp ủy quyền', papers: [{ name: 'Căn cước' }] })] })).toEqual([]);
  });

  it('finds the known case in the shipped catalogue: đăng ký thường trú', async () => {
    const { catalogue } = await loadCatalogue('procedures');
    expect(suspiciousCases(catalogue.byCode.get('1.004222')!)).toContain('case heading repeated (check which papers belong to it)');
  });
});

describe('the import report on fees', () => {
  it('flags a fee under 1.000 đồng left after the import, to check on the portal page', () => {
    const report = emptyReport(1);
    report.written = 1;
    const p = procedureSchema.parse({
      code: '1.000001', name: 'Thủ tục thử', field: 'Thử', levels: ['commune'],
      channels: [{ kind: 'direct', fees: [{ amount: 25, text: '25 VNĐ' }] }, { kind: 'online', fees: [{ amount: null, text: '1 Việt Nam Đồng' }] }],
      source: { url: 'https://dichvucong.gov.vn/p/1', retrievedAt: '2026-07-31' },
    });
    countProcedure(report, p, { time: false, fee: true });
    expect(formatReport(report)).toContain('fee under 1.000 đồng (check the portal page) (1): 1.000001');
  });
});
