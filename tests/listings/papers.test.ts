import { describe, expect, it } from 'vitest';
import { paperGroupSchema, type PaperGroup } from '../../src/catalogue/schema';
import { citizenPaperCount, citizenPapers, formNumber, shortPaperName, shortPapers } from '../../src/catalogue/papers';

const group = (input: unknown): PaperGroup => paperGroupSchema.parse(input);

// Shaped like the imported 1.001193 (đăng ký khai sinh): conditions and officer notes mixed in.
const birth = [
  group({
    kind: 'submit',
    papers: [
      { name: 'Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập.', originals: 1 },
      { name: 'Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh thì không phải nộp bản giấy.' },
      { name: 'Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan', originals: 1 },
    ],
  }),
  group({ kind: 'present', papers: [{ name: 'Hộ chiếu/Thẻ căn cước hoặc giấy tờ khác có dán ảnh', originals: 1 }] }),
  group({ kind: 'submit', case: 'Lưu ý', papers: [{ name: 'Người tiếp nhận có trách nhiệm tiếp nhận đúng, đủ hồ sơ.' }] }),
  group({ kind: 'submit', papers: [{ name: 'Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua bưu chính)', originals: 1 }] }),
];

describe('papers in short form', () => {
  it('keeps what a citizen brings: the declaration form first, then main papers, to submit before to show', () => {
    const { groups, more } = shortPapers(birth);
    expect(groups).toEqual([
      {
        papers: [
          { name: 'Tờ khai đăng ký khai sinh theo mẫu…', count: '1 bản chính' },
          { name: 'Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh', count: '1 bản chính' },
          { name: 'Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập', count: '1 bản chính' },
        ],
      },
      { title: 'Giấy tờ xuất trình', papers: [{ name: 'Hộ chiếu/Thẻ căn cước hoặc giấy tờ khác có dán ảnh', count: '1 bản chính' }] },
    ]);
    expect(more).toBe(0);
  });

  it('opens a procedure of several cases with the common one, and keeps the form number of its declaration in view', () => {
    // Shaped like the imported 1.004222 (đăng ký thường trú): the portal files the houseboat
    // papers under the own-home heading, ahead of the own-home papers with the CT01 form.
    const own = 'Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình';
    const residence = [
      group({ case: own, papers: [{ name: 'Giấy chứng nhận đăng ký phương tiện và giấy chứng nhận an toàn kỹ thuật của phương tiện', originals: 1 }] }),
      group({ case: 'Đăng ký thường trú tại cơ sở tín ngưỡng', papers: [{ name: 'Văn bản đồng ý của người đại diện cơ sở tín ngưỡng', originals: 1 }] }),
      group({
        case: own,
        papers: [
          { name: 'Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp', copies: 1 },
          { name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA) hoặc Tờ khai thay đổi thông tin về cư trú dùng cho công dân Việt Nam định cư ở nước ngoài không có hộ chiếu Việt Nam còn giá trị sử dụng (mẫu CT02 ban hành kèm theo Thông tư số 53/2025/TT-BCA).', originals: 1 },
        ],
      }),
    ];
    const { groups } = shortPapers(residence);
    expect(groups[0]!.title).toBe(own);
    expect(groups[0]!.papers[0]!.name).toMatch(/^Tờ khai thay đổi thông tin cư trú.*mẫu CT01/);
    expect(groups[0]!.papers[1]!.name).toBe('Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp');
    // The heading is shown once, over its common case; the misfiled group comes last and says so.
    expect(groups.map((g) => g.title)).toEqual([own, 'Đăng ký thường trú tại cơ sở tín ngưỡng', 'Trường hợp khác (Cổng DVC cũng ghi “Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu…”)']);
  });

  it('counts papers, not notes, lead-ins or instructions to the officer', () => {
    const groups = [
      group({ papers: [{ name: 'Người có yêu cầu nộp các giấy tờ sau:' }, { name: 'Tờ khai theo mẫu số 01/ĐK', originals: 1 }, { name: 'Giấy chứng sinh', originals: 1 }] }),
      group({ case: 'Lưu ý', papers: [{ name: 'Người tiếp nhận có trách nhiệm kiểm tra', originals: 1 }, { name: 'Cơ quan đăng ký hộ tịch từ chối nếu…', originals: 1 }] }),
    ];
    expect(citizenPaperCount(groups)).toBe(2);
    const [first] = citizenPapers(groups);
    expect(first!.papers.map((p) => [p.declaration, p.form])).toEqual([[true, '01/ĐK'], [false, undefined]]);
  });

  it('drops the officer notes ("Lưu ý") however they are written', () => {
    for (const heading of ['Lưu ý', 'Lưu ý:', 'Ghi chú', 'lưu ý.']) {
      const { groups } = shortPapers([group({ case: heading, papers: [{ name: 'Ghi chú cho cán bộ', originals: 1 }] }), ...birth]);
      expect(JSON.stringify(groups)).not.toContain('Ghi chú cho cán bộ');
    }
  });

  it('keeps uncounted papers when the catalogue counts none', () => {
    const { groups } = shortPapers([group({ papers: [{ name: 'Đơn đề nghị' }, { name: 'Bản sao giấy tờ liên quan' }] })]);
    expect(groups).toEqual([{ papers: [{ name: 'Đơn đề nghị', count: '' }, { name: 'Bản sao giấy tờ liên quan', count: '' }] }]);
  });

  it('shows at most eight papers and counts the rest', () => {
    const many = group({ papers: Array.from({ length: 11 }, (_, i) => ({ name: `Giấy tờ số ${i + 1}`, copies: 1 })) });
    const { groups, more } = shortPapers([many, group({ case: 'Trường hợp ủy quyền', papers: [{ name: 'Văn bản ủy quyền', originals: 1 }] })]);
    expect(groups.flatMap((g) => g.papers)).toHaveLength(8);
    expect(groups).toHaveLength(1);
    expect(more).toBe(4);
  });

  it('cuts a long paper name at its first clause, else before a parenthesis, else at a word', () => {
    expect(shortPaperName('Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp. Trường hợp người yêu cầu đã nộp bản điện tử Giấy báo tử thì không phải nộp bản giấy')).toBe(
      'Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp',
    );
    expect(shortPaperName('Tờ khai đăng ký kết hôn theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)')).toBe(
      'Tờ khai đăng ký kết hôn theo mẫu…',
    );
    const words = shortPaperName('Giấy tờ chứng minh '.repeat(10), 60);
    expect(words.length).toBeLessThanOrEqual(60);
    expect(words.endsWith('…')).toBe(true);
    expect(shortPaperName('Tờ khai;  ')).toBe('Tờ khai');
  });
});

describe('form numbers', () => {
  it('reads the form number from the name, else from the attachment name, never showing a file name', () => {
    expect(formNumber({ name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA)', form: '1.MuCT01banhnhkmtheoThngts53.doc' })).toBe('CT01');
    expect(formNumber({ name: 'Phiếu đề nghị giải quyết thủ tục về căn cước', form: 'Mẫu DC02 Phiếu đề nghị giải quyết thủ tục về căn cước.doc' })).toBe('DC02');
    expect(formNumber({ name: 'Tờ khai đăng ký khai sinh theo mẫu', form: '1.MuCT01banhnhkmtheoThngts53.doc' })).toBeUndefined();
    expect(formNumber({ name: 'Đơn đề nghị theo Mẫu số 01/ĐK' })).toBe('01/ĐK');
  });
});

describe('the common case first', () => {
  it('puts acting for someone else, conversions, the armed forces and boats after the common case', () => {
    const groups = citizenPapers([
      group({ case: 'Trường hợp đăng ký thành lập doanh nghiệp xã hội trên cơ sở chuyển đổi từ cơ sở bảo trợ xã hội', papers: [{ name: 'Quyết định cho phép chuyển đổi', originals: 1 }, { name: 'Giấy đề nghị', originals: 1 }, { name: 'Bản sao', copies: 1 }] }),
      group({ case: 'Đăng ký thành lập doanh nghiệp tư nhân', papers: [{ name: 'Giấy đề nghị đăng ký doanh nghiệp', originals: 1 }] }),
    ]);
    expect(groups.map((g) => g.case)).toEqual(['Đăng ký thành lập doanh nghiệp tư nhân', 'Trường hợp đăng ký thành lập doanh nghiệp xã hội trên cơ sở chuyển đổi từ cơ sở bảo trợ xã hội']);
  });
});
