// Rows of the papers table that are not papers, and forms named by their number rather than by
// the attached file's name, on small crawl records shaped like the portal's.
import { describe, expect, it } from 'vitest';
import { convertRecord } from '../../../src/catalogue/portal/convert';
import { formOf, namesDocument } from '../../../src/catalogue/portal/paper-rows';
import { parsePaperTable, parsePapers } from '../../../src/catalogue/portal/papers';
import type { PortalRecord } from '../../../src/catalogue/portal/record';

const TABLE = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';

function record(papers: string): PortalRecord {
  const empty = Object.fromEntries(
    ['so_quyet_dinh', 'loai_thu_tuc', 'doi_tuong_thuc_hien', 'co_quan_co_tham_quyen', 'dia_chi_tiep_nhan', 'co_quan_duoc_uy_quyen', 'co_quan_phoi_hop', 'thu_tuc_lien_quan', 'trinh_tu_thuc_hien', 'cach_thuc_thuc_hien', 'can_cu_phap_ly', 'co_quan_thuc_hien', 'yeu_cau_dieu_kien', 'ket_qua_xu_ly', 'raw_text'].map((k) => [k, '']),
  );
  return { ...empty, ma_thu_tuc: '1.000001', detail_url: 'https://dichvucong.gov.vn/p/1', ten_thu_tuc: 'Thủ tục thử', cap_thuc_hien: 'Cấp xã', linh_vuc: 'Thử', thanh_phan_ho_so: papers } as PortalRecord;
}

describe('rule text in the papers table', () => {
  it('leaves out cross-references, responsibilities and notes the portal gave counts (hộ kinh doanh, 1.001612)', () => {
    const { groups, ruleRows } = parsePaperTable(
      `Trường hợp ủy quyền thực hiện thủ tục thì hồ sơ phải kèm theo một trong những giấy tờ sau: ${TABLE}` +
        '(iv) Trường hợp ủy quyền cho đơn vị cung cấp dịch vụ bưu chính không phải là bưu chính công ích thực hiện thủ tục đăng ký hộ kinh doanh thì việc ủy quyền thực hiện theo quy định tại mục (ii).0 bản chính,1 bản sao' +
        '(v) Người ủy quyền và người được ủy quyền thực hiện thủ tục đăng ký hộ kinh doanh chịu trách nhiệm trước pháp luật về tính hợp pháp của việc ủy quyền.0 bản chính,1 bản sao' +
        '(i) Trường hợp ủy quyền cho cá nhân thực hiện thủ tục đăng ký hộ kinh doanh, kèm theo hồ sơ phải có văn bản ủy quyền.0 bản chính,1 bản sao' +
        `--${TABLE}Lưu ý:- Trường hợp nộp hồ sơ trực tiếp thì người yêu cầu có thể nộp bản sao.1 bản chính- Giấy đề nghị đăng ký hộ kinh doanh;1 bản chính` +
        'Số lượng hồ sơ: 01 (một) bộ.1 bản chính',
    );
    expect(groups.flatMap((g) => g.papers.map((p) => p.name))).toEqual([
      '(i) Trường hợp ủy quyền cho cá nhân thực hiện thủ tục đăng ký hộ kinh doanh, kèm theo hồ sơ phải có văn bản ủy quyền.',
      'Giấy đề nghị đăng ký hộ kinh doanh;',
    ]);
    expect(ruleRows.map((r) => r.name.slice(0, 20))).toEqual(['(iv) Trường hợp ủy q', '(v) Người ủy quyền v', 'Lưu ý:- Trường hợp n', 'Số lượng hồ sơ: 01 (']);
  });

  it('leaves out an officer action and a starred heading read as papers (2.002015, 2.002023)', () => {
    const papers = parsePapers(
      `--${TABLE}*Hồ sơ đăng ký giải thể doanh nghiệp1 bản chính(i) Thông báo về giải thể doanh nghiệp;1 bản chính` +
        'Yêu cầu doanh nghiệp báo cáo về việc tuân thủ các quy định của Luật Doanh nghiệp theo quy định tại điểm c khoản 1 Điều 216 Luật Doanh nghiệp1 bản chính',
    );
    expect(papers.flatMap((g) => g.papers.map((p) => p.name))).toEqual(['(i) Thông báo về giải thể doanh nghiệp;']);
  });

  it('keeps papers that open like a case or name a document after a colon', () => {
    expect(namesDocument('Trường hợp chưa có tài khoản định danh điện tử thì hồ sơ phải kèm theo bản sao thẻ Căn cước')).toBe(true);
    expect(namesDocument('Đối với tàu biển: Bản trích sao Nhật ký hàng hải')).toBe(true);
    expect(namesDocument('Đối với phương tiện thương mại:')).toBe(true);
    expect(namesDocument('Tờ trình đề nghị phê duyệt;')).toBe(true);
    expect(namesDocument('Hồ sơ đề nghị vay vốn')).toBe(true);
  });

  it('keeps rule text when it is all the table holds, and says so in the notes (thông báo lưu trú, 2.001159)', () => {
    const converted = convertRecord(record(`--${TABLE}Khi có người đến lưu trú, đại diện hộ gia đình có trách nhiệm thông báo việc lưu trú với cơ quan đăng ký cư trú.1 bản chính`), new Map());
    if (!converted.ok) throw new Error(converted.reason);
    expect(converted.procedure.papers[0]!.papers).toHaveLength(1);
    expect(converted.notes).toContain('only rule text in the papers table (kept as papers)');
  });

  it('notes the rows it left out, for the report', () => {
    const converted = convertRecord(record(`--${TABLE}Tờ khai (Mẫu CT01).1 bản chínhSố lượng hồ sơ: 01 bộ1 bản chính`), new Map());
    if (!converted.ok) throw new Error(converted.reason);
    expect(converted.procedure.papers[0]!.papers.map((p) => p.name)).toEqual(['Tờ khai (Mẫu CT01).']);
    expect(converted.notes).toContain('rule text or notes in the papers table, left out');
  });
});

describe('forms', () => {
  it('names the form by the number its paper gives, not the mangled file name (tạm trú, 1.004194)', () => {
    const [group] = parsePapers(`--${TABLE}Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA).1.MuCT01banhnhkmtheoThngts53.doc1 bản chính`);
    expect(group!.papers[0]).toEqual({ name: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA).', originals: 1, copies: 0, form: 'Mẫu CT01' });
  });

  it('names every form the text gives, not the one file attached (hộ chiếu, 1.001456: TK01 and the child form TK01a)', () => {
    expect(formOf('Tờ khai đề nghị cấp hộ chiếu (mẫu TK01 dành cho người từ 14 tuổi trở lên; mẫu TK01a dành cho người chưa đủ 14 tuổi)', 'Mau TK01a to khai trẻ em cap HCPT ở trong nước TK01a MỚI.doc')).toBe('Mẫu TK01; Mẫu TK01a');
  });

  it('falls back to the file names without extension and copy marks when the text names no number', () => {
    expect(formOf('Đơn đề nghị cấp giấy phép', 'Mẫu số 01.docx')).toBe('Mẫu số 01');
    expect(formOf('Tờ khai thay đổi thông tin cư trú', '1.MuCT01banhnhkmtheoThngts53 (3).doc')).toBe('MuCT01banhnhkmtheoThngts53');
    expect(formOf('Đơn', 'Phụ lục I.docx; Phụ lục I (1).docx')).toBe('Phụ lục I');
  });
});

describe('a heading that only describes the paper below it', () => {
  it('is not a case: the ID card papers read as everyone’s papers, the representative’s case stays (2.001195)', () => {
    const crawl =
      `Phiếu được tạo lập khi trích xuất thông tin của công dân trong Cơ sở dữ liệu quốc gia về dân cư và in trong quá trình thu nhận hồ sơ căn cước để công dân kiểm tra và ký xác nhận.${TABLE}` +
      'Phiếu thu nhận thông tin căn cước (Mẫu CC01 ban hành kèm theo Thông tư số 17/2024/TT-BCA của Bộ Công an)Mẫu CC01 Phiếu thu nhận thông tin căn cước.doc1 bản chính' +
      `Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số 17/2024/TT-BCA của Bộ Công an). Phiếu này là biểu mẫu điện tử, công dân kê khai đối với trường hợp nộp hồ sơ trực tuyến.${TABLE}` +
      'Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số 17/2024/TT-BCA của Bộ Công an)Mẫu DC02 Phiếu đề nghị giải quyết thủ tục về căn cước.doc1 bản chính' +
      `Trường hợp người đề nghị cấp, cấp đổi, cấp lại thẻ căn cước là người đại diện hợp pháp của người dưới 14 tuổi thì hồ sơ phải có giấy tờ chứng minh${TABLE}` +
      'Giấy tờ, tài liệu có giá trị pháp lý chứng minh là người đại diện hợp pháp của người dưới 14 tuổi1 bản chính';
    const groups = parsePapers(crawl);
    expect(groups.map((g) => [g.case?.slice(0, 30), g.papers.map((p) => p.form ?? p.name.slice(0, 20))])).toEqual([
      [undefined, ['Mẫu CC01', 'Mẫu DC02']],
      ['Trường hợp người đề nghị cấp, ', ['Giấy tờ, tài liệu có']],
    ]);
  });

  it('keeps a heading that names a case, even above one paper of the same noun', () => {
    const groups = parsePapers(`Phiếu khai báo cho người nước ngoài${TABLE}Phiếu khai báo tạm trú1 bản chính`);
    expect(groups[0]?.case).toBe('Phiếu khai báo cho người nước ngoài');
  });
});
