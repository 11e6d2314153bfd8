// The paper list a citizen reads, built from small procedures shaped like the top-50 hand
// check's findings (docs/top50-check.md): the chat and the printed listing show the same list.
import { describe, expect, it } from 'vitest';
import { procedureAnswer } from '../../src/assistant/answers';
import { enumLabel, formNumber, shortPaperName } from '../../src/catalogue/papers';
import { replyToPlainText } from '../../src/conversation/message';
import { summarize } from '../../src/listings/summary';
import { makeProcedure } from '../search/procedures';

const chatPapers = (p: ReturnType<typeof makeProcedure>) =>
  replyToPlainText(procedureAnswer(p, ['papers']))
    .split('\n')
    .filter((l) => l.startsWith('• ') || l.endsWith(':'));
const listingPapers = (p: ReturnType<typeof makeProcedure>) => summarize(p, 1, 'https://x.test/p').paperGroups.flatMap((g) => [...(g.title ? [`${g.title}:`] : []), ...g.papers.map((x) => `• ${x.name} (${x.count})`)]);

describe('form numbers in view', () => {
  it('reads form numbers with a suffix or a year ("TK1-TS", "01/2025/LLTP")', () => {
    expect(formNumber({ name: 'Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (Mẫu TK1-TS) đối với người tham gia lần đầu' })).toBe('TK1-TS');
    expect(formNumber({ name: 'Tờ khai yêu cầu cấp Phiếu Lý lịch tư pháp (Dùng cho cá nhân có yêu cầu), Mẫu số 01/2025/LLTP;' })).toBe('01/2025/LLTP');
  });

  it('tells two declarations apart by their form numbers when their names are cut', () => {
    const why = ' (Dùng cho cá nhân trong trường hợp ủy quyền yêu cầu cấp Phiếu Lý lịch tư pháp số 1 và cá nhân là cha, mẹ của người chưa thành niên)';
    const p = makeProcedure({
      name: 'Cấp Phiếu lý lịch tư pháp',
      papers: [
        {
          papers: [
            { name: `Tờ khai yêu cầu cấp Phiếu Lý lịch tư pháp${why}, Mẫu số 01/2025/LLTP;`, originals: 1 },
            { name: `Tờ khai yêu cầu cấp Phiếu Lý lịch tư pháp${why}, Mẫu số 02/2025/LLTP;`, originals: 1 },
          ],
        },
      ],
    });
    expect(chatPapers(p)).toEqual(['• Tờ khai yêu cầu cấp Phiếu Lý lịch tư pháp… (mẫu 01/2025/LLTP) (1 bản chính)', '• Tờ khai yêu cầu cấp Phiếu Lý lịch tư pháp… (mẫu 02/2025/LLTP) (1 bản chính)']);
    expect(listingPapers(p)).toEqual(chatPapers(p));
  });
});

describe('paper names cut where a sentence ends', () => {
  it('does not cut at a semicolon inside a parenthesis, and closes a parenthesis it cuts', () => {
    const name = 'Giấy tờ của xe (sử dụng dữ liệu điện tử của Phiếu kiểm tra chất lượng xuất xưởng; Hóa đơn điện tử; Lệ phí trước bạ điện tử; chứng từ nguồn gốc xe nhập khẩu)';
    const short = shortPaperName(name);
    expect(short).not.toBe('Giấy tờ của xe (sử dụng dữ liệu điện tử của Phiếu kiểm tra chất lượng xuất xưởng');
    expect(short).toMatch(/^Giấy tờ của xe \(sử dụng dữ liệu điện tử của Phiếu kiểm tra chất lượng xuất xưởng; Hóa đơn điện tử;.*…\)$/);
  });

  it('does not cut at the dot of a label ("1.1.1.")', () => {
    const name = '1.1. Trường hợp điều trị nội trú: 1.1.1. Bản sao Giấy ra viện của NLĐ hoặc của con NLĐ dưới 7 tuổi. Trường hợp chuyển tuyến khám bệnh, chữa bệnh trong quá trình điều trị nội trú thì có thêm bản sao giấy chuyển tuyến';
    expect(shortPaperName(name)).toBe('1.1. Trường hợp điều trị nội trú: 1.1.1. Bản sao Giấy ra viện của NLĐ hoặc của con NLĐ dưới 7 tuổi');
  });
});

describe('the order the law numbers', () => {
  it('reads the labels the portal uses', () => {
    expect(enumLabel('1.2. Lao động nữ sinh con')).toEqual([1, 2]);
    expect(enumLabel('b) Đối với tổ chức')).toEqual([2]);
    expect(enumLabel('đ) Giấy tờ khác')).toEqual([5]);
    expect(enumLabel('(iv) Trường hợp ủy quyền')).toEqual([4]);
    expect(enumLabel('Giấy chứng sinh')).toBeUndefined();
  });

  it('shows numbered cases and numbered papers in their numbers\' order, whatever order the portal listed them in', () => {
    const p = makeProcedure({
      name: 'Đóng bảo hiểm xã hội tự nguyện',
      papers: [
        { case: '2. Đại lý thu:', papers: [{ name: 'Danh sách người tham gia BHXH tự nguyện (Mẫu D05-TS)', originals: 1 }] },
        {
          case: '1. Người tham gia:',
          papers: [
            { name: '1.3. Lao động nữ sinh con trong trường hợp con chết ngay sau khi sinh', originals: 1 },
            { name: '1.1. Lao động nữ khi khám thai', copies: 1 },
            { name: '1.2. Lao động nữ sinh con', originals: 1 },
          ],
        },
      ],
    });
    expect(chatPapers(p)).toEqual([
      '1. Người tham gia:',
      '• 1.1. Lao động nữ khi khám thai (1 bản sao)',
      '• 1.2. Lao động nữ sinh con (1 bản chính)',
      '• 1.3. Lao động nữ sinh con trong trường hợp con chết ngay sau khi sinh (1 bản chính)',
      '2. Đại lý thu:',
      '• Danh sách người tham gia BHXH tự nguyện (Mẫu D05-TS) (1 bản chính)',
    ]);
    expect(listingPapers(p)).toEqual(chatPapers(p));
  });
});

describe('the common case first', () => {
  it('opens with the case that names the procedure, before "Trường hợp …" cases and a list filed for many people', () => {
    const p = makeProcedure({
      name: 'Tách hộ',
      papers: [
        { case: 'Gia hạn theo danh sách, hồ sơ gồm:', papers: [{ name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01)', originals: 1 }, { name: 'Văn bản đề nghị kèm danh sách', originals: 1 }] },
        { case: 'Trường hợp vợ, chồng đã ly hôn mà vẫn được ở cùng chỗ ở hợp pháp', papers: [{ name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01)', originals: 1 }, { name: 'Giấy tờ chứng minh việc ly hôn', originals: 1 }] },
        { case: 'Tách hộ để đăng ký thường trú tại cùng một chỗ ở hợp pháp, hồ sơ gồm:', papers: [{ name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01)', originals: 1 }] },
      ],
    });
    expect(chatPapers(p).filter((l) => l.endsWith(':'))).toEqual([
      'Tách hộ để đăng ký thường trú tại cùng một chỗ ở hợp pháp, hồ sơ gồm:',
      'Trường hợp vợ, chồng đã ly hôn mà vẫn được ở cùng chỗ ở hợp pháp:',
      'Gia hạn theo danh sách, hồ sơ gồm:',
    ]);
  });

  it('shows a heading the portal repeats once, over the common case, and says the other group is another case', () => {
    const own = 'Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình';
    const p = makeProcedure({
      name: 'Đăng ký thường trú',
      papers: [
        { case: own, papers: [{ name: 'Giấy chứng nhận đăng ký phương tiện (mẫu 01)', originals: 1 }] },
        { case: 'Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ', papers: [{ name: 'Hợp đồng thuê nhà', originals: 1 }] },
        { case: own, papers: [{ name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01)', originals: 1 }, { name: 'Giấy tờ chứng minh chỗ ở hợp pháp', originals: 1 }] },
      ],
    });
    const headings = chatPapers(p).filter((l) => l.endsWith(':'));
    expect(headings).toEqual([`${own}:`, `${p.papers[1]!.case}:`, 'Trường hợp khác (Cổng DVC cũng ghi “Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu…”):']);
    // The common case, with its declaration, is the one under the heading.
    expect(chatPapers(p)[1]).toContain('CT01');
    expect(listingPapers(p).filter((l) => l.endsWith(':'))).toEqual(headings);
  });

  it('puts a counted declaration ("01 tờ khai") first and papers for some people after everyone\'s; notes and the dossier count are not papers', () => {
    const p = makeProcedure({
      name: 'Cấp hộ chiếu phổ thông',
      papers: [
        {
          papers: [
            { name: 'Bản sao giấy khai sinh đối với người chưa đủ 14 tuổi', copies: 1 },
            { name: 'Số lượng hồ sơ: 01 (một) bộ', originals: 1, copies: 1 },
            { name: 'Lưu ý:- Trường hợp nộp hồ sơ trực tiếp thì người yêu cầu có thể xuất trình giấy tờ', originals: 1 },
            { name: 'Danh sách chủ sở hữu hưởng lợi (nếu có)', copies: 1 },
            { name: '02 ảnh mới chụp cỡ 4cm x 6cm', originals: 2 },
            { name: '01 tờ khai đề nghị cấp hộ chiếu phổ thông (mẫu TK01)', originals: 1 },
          ],
        },
      ],
    });
    expect(chatPapers(p)).toEqual([
      '• 01 tờ khai đề nghị cấp hộ chiếu phổ thông (mẫu TK01) (1 bản chính)',
      '• 02 ảnh mới chụp cỡ 4cm x 6cm (2 bản chính)',
      '• Bản sao giấy khai sinh đối với người chưa đủ 14 tuổi (1 bản sao)',
      '• Danh sách chủ sở hữu hưởng lợi (nếu có) (1 bản sao)',
    ]);
    expect(listingPapers(p)).toEqual(chatPapers(p));
    expect(replyToPlainText(procedureAnswer(p, []))).toContain('Giấy tờ: 4 loại');
  });
});

describe('form numbers of shortened names', () => {
  it('keep the number of any form, not only a declaration, on the chat and the printed listing alike', () => {
    const p = makeProcedure({
      code: '2.001195',
      name: 'Cấp đổi thẻ căn cước (thực hiện tại cấp tỉnh)',
      papers: [{ kind: 'submit', papers: [{ name: 'Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số 17/2024/TT-BCA của Bộ Công an)', originals: 1, copies: 0, form: 'Mẫu DC02' }] }],
    });
    expect(replyToPlainText(procedureAnswer(p, ['papers']))).toContain('Phiếu đề nghị giải quyết thủ tục về căn cước… (mẫu DC02) (1 bản chính)');
    expect(summarize(p, 1, 'https://dichvucong.gov.vn/p/2.001195').paperGroups[0]?.papers[0]?.name).toContain('(mẫu DC02)');
  });
});
