import { describe, expect, it } from 'vitest';
import { paperGroupSchema, type PaperGroup } from '../../src/catalogue/schema';
import { shortPaperName, shortPapers } from '../../src/listings/papers';

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
  it('keeps what a citizen brings: counted papers, main ones first, to submit before to show', () => {
    const { groups, more } = shortPapers(birth);
    expect(groups).toEqual([
      {
        papers: [
          { name: 'Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh', count: '1 bản chính' },
          { name: 'Tờ khai đăng ký khai sinh theo mẫu…', count: '1 bản chính' },
          { name: 'Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập', count: '1 bản chính' },
        ],
      },
      { title: 'Giấy tờ xuất trình', papers: [{ name: 'Hộ chiếu/Thẻ căn cước hoặc giấy tờ khác có dán ảnh', count: '1 bản chính' }] },
    ]);
    expect(more).toBe(0);
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
