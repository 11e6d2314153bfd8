// Citizens' questions on the shipped catalogue and lexicon: the words the lexicon reads loosely
// still name the procedure a citizen means when they are all that was typed, and procedures
// only the portal lists are offered or named honestly, never answered with another's papers.
import { beforeAll, describe, expect, it } from 'vitest';
import { Assistant } from '../../src/assistant/assistant';
import { ConversationMemory } from '../../src/assistant/memory';
import { replyToPlainText } from '../../src/conversation/message';
import { loadSearch } from '../../src/search/load';
import type { SearchIndex } from '../../src/search/index';

let index: SearchIndex;
beforeAll(async () => {
  index = (await loadSearch('procedures')).index;
});
const first = (q: string) => index.search(q, { limit: 1 })[0]?.procedure.code;

describe('the shipped lexicon on short questions', () => {
  it('reads "hộ khẩu" as residence: alone, it is the residence confirmation that replaced the book', () => {
    expect(first('hộ khẩu')).toBe('1.010041');
    expect(first('xin giấy xác nhận hộ khẩu')).toBe('1.010041');
    expect(first('nhập hộ khẩu cho con')).toBe('1.004222');
  });

  it('sends a first land certificate to the households’ procedure, not the organisations’', () => {
    expect(first('làm sổ đỏ lần đầu cần gì')).toBe('1.013978');
  });

  it('sends a building permit to new construction, and a repair to the repair permit', () => {
    expect(first('xin giấy phép xây dựng')).toBe('1.013225');
    expect(first('sửa nhà có cần xin phép không')).toBe('1.013229');
    // The office named is where to go: "UBND" in the irrigation permits' names is who decides.
    expect(first('ủy ban nhân dân xã có cấp giấy phép xây dựng không')).toBe('1.013225');
    expect(first('UBND xa co cap giay phep xay dung khong')).toBe('1.013225');
  });

  it('finds a name that abbreviates ("sổ BHXH", "thẻ BHYT") from the words written out, and asks which one for the bare topic', () => {
    expect(first('cấp lại sổ bảo hiểm xã hội')).toBe('1.002759');
    expect(first('cấp lại sổ BHXH')).toBe('1.002759');
    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    for (const topic of ['sổ bảo hiểm xã hội', 'thẻ bảo hiểm y tế']) {
      const d = assistant.decide({ channel: 'web', chatId: topic, text: topic, receivedAt: new Date(0) });
      // Not the one-time withdrawal, nor the newborn bundle: the book's and the card's procedures to choose from.
      expect(d.kind).toBe('choose');
      expect(d.kind === 'choose' && d.codes).toContain('1.002759');
    }
  });

  it('asks which one for a paper typed alone, rather than answer its exchange or re-issue; answers the variant that is asked', () => {
    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    const decide = (text: string) => assistant.decide({ channel: 'web', chatId: text, text, receivedAt: new Date(0) });
    // "sổ hồng" too: its "hồng" folds like "hỏng" (damaged), the exchange's cue.
    for (const topic of ['sổ đỏ', 'sổ hồng', 'thẻ căn cước', 'bằng lái xe']) {
      const d = decide(topic);
      expect(d.kind, topic).toBe('choose');
      // The first issue is among the choices, not only its exchange and re-issue.
      expect(d.kind === 'choose' && d.codes.some((c) => !/^(Cấp đổi|Cấp lại|Đổi)/.test(index.procedure(c)?.name ?? '')), topic).toBe(true);
    }
    // Typed without marks, "so hong" is sổ hồng, not "sổ không" (shorthand "hong" → không).
    const bare = decide('so hong');
    expect(bare.kind === 'choose' && bare.codes).toContain('1.013978');
    expect(first('lam khai sinh hong can gi')).toBe('1.001193');
    expect(decide('đổi sổ đỏ')).toMatchObject({ kind: 'answer', code: '1.012783' });
    expect(decide('mất thẻ căn cước')).toMatchObject({ kind: 'answer' });
    expect(index.procedure((decide('mất thẻ căn cước') as { code: string }).code)?.name).toMatch(/^Cấp lại thẻ căn cước/);
    // A procedure without siblings is answered as before.
    expect(decide('gia hạn tạm trú')).toMatchObject({ kind: 'answer', code: '1.002755' });
  });

  it('does not answer a lost paper with another paper\'s re-issue when only "bị mất" is shared', () => {
    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    const decide = (text: string) => assistant.decide({ channel: 'web', chatId: text, text, receivedAt: new Date(0) });
    // The land certificate's re-issue ranks first (its short name is nearly all "cấp lại … do bị mất").
    expect(first('làm lại học bạ bị mất')).toBe('1.012786');
    expect(decide('làm lại học bạ bị mất').kind).toBe('choose');
    expect(decide('mất sổ đỏ thì làm sao')).toMatchObject({ kind: 'answer', code: '1.012786' });
  });

  it('reads a lost certificate as its re-issue, and a death as no loss', () => {
    expect(first('mất sổ đỏ thì làm sao')).toBe('1.012786');
    expect(first('bố tôi mất cần làm giấy chứng tử')).toBe('1.000656');
  });
});

describe('the shipped lexicon on short messages citizens type', () => {
  const decide = (text: string) => new Assistant({ index, memory: new ConversationMemory({ maxChats: 4 }) }).decide({ channel: 'web', chatId: 'c', text, receivedAt: new Date(0) });
  const answer = (code: string) => ({ kind: 'answer', code });

  // Each was answered with another procedure, or with unrelated buttons, before its lexicon entry.
  it.each([
    ['a relative’s death is its registration, not a lost paper', 'bố tôi mất cần làm thủ tục gì', answer('1.000656')],
    ['… with other words', 'mẹ tôi mất thì làm giấy tờ gì', answer('1.000656')],
    ['a lost paper is still its re-issue', 'mất sổ đỏ', answer('1.012786')],
    ['a divorce is the petition to the court', 'ly hôn', answer('3.000163')],
    ['… its recording only when that is said', 'ghi chú ly hôn', answer('2.000554')],
    ['a lost diploma is a copy from the original register', 'bằng tốt nghiệp bị mất', answer('2.000908')],
    ['… and so is a copy of a university degree', 'xin cấp bản sao bằng đại học', answer('2.000908')],
    ['a certified translation is the translator’s signature certified, not a copy of the original', 'dịch thuật công chứng', { kind: 'choose', codes: expect.arrayContaining(['2.000988']) }],
    ['… however it is said', 'làm lại bằng tốt nghiệp cấp 3 bị mất', answer('2.000908')],
    ['filing a complaint is the first complaint, a portal procedure', 'làm đơn khiếu nại', { kind: 'missing', portalCode: '2.002409' }],
    ['… said in one word too, not the complaint about legal aid', 'khiếu nại', { kind: 'missing', portalCode: '2.002409' }],
    ['… which answers when legal aid is said', 'khiếu nại về trợ giúp pháp lý', answer('2.000592')],
    ['a pension asked is not the police veterans’ allowance: a question back', 'chế độ hưu trí', { kind: 'choose', why: 'groupNamed' }],
    ['a work permit is not the portal’s re-issue of an exemption: a question back', 'giấy phép lao động', { kind: 'choose', why: 'unclear' }],
    ['… which is named when that re-issue is asked', 'cấp lại giấy xác nhận không thuộc diện cấp giấy phép lao động', { kind: 'missing', portalCode: '1.014197' }],
    ['opening a company asks which kind, never the private enterprise (not a company)', 'mở công ty', { kind: 'choose', codes: expect.arrayContaining(['2.002043', '2.001583']) }],
    ['… nor one kind when any rival as well covered comes close', 'thành lập doanh nghiệp', { kind: 'choose', codes: expect.arrayContaining(['2.002043', '2.002042']) }],
    ['… and the kind named is answered', 'mở công ty TNHH một thành viên', answer('2.001583')],
    ['… also with a digit: "2 thành viên" is the one of two members or more', 'thành lập công ty tnhh 2 thành viên', answer('2.001199')],
    ['a field’s name alone asks which of its procedures: chứng thực is not the will', 'chứng thực', { kind: 'choose', why: 'fieldAsked', codes: expect.arrayContaining(['2.000815', '2.001019']) }],
    ['… thuế is not the landlord’s tax', 'thuế', { kind: 'choose', why: 'fieldAsked' }],
    ['… đất đai is not land-dispute mediation', 'dat dai', { kind: 'choose' }],
    ['… which answers a message that names the police', 'xét hưởng chế độ trợ cấp một lần cho sĩ quan công an nhân dân tham gia kháng chiến', answer('1.003777')],
    ['a question no procedure covers gets an honest “not found”, not buttons sharing one common word: a pet in a flat is not livestock farming', 'tôi muốn hỏi về việc nuôi chó mèo trong chung cư', { kind: 'not-found', near: [], why: 'fewMatches' }],
    ['what no office here does is said so (lexicon outside): a SIM is the carrier’s', 'đổi sim chính chủ', { kind: 'other' }],
    ['… a visa to go abroad is the embassy’s, not the visa for foreigners here', 'làm visa đi nước ngoài', { kind: 'other' }],
    ['… typed without marks', 'xin visa di nhat', { kind: 'other' }],
    ['… but a foreigner’s visa here is the immigration office’s', 'gia hạn visa đi làm cho người nước ngoài', { kind: 'choose', codes: expect.arrayContaining(['1.001194']) }],
    ['an abbreviation of administrative writing is written out: TCTN is the unemployment allowance', 'hưởng TCTN cần giấy tờ gì', { kind: 'missing', portalCode: '1.001978' }],
    ['… NOXH social housing', 'mua NOXH cần giấy tờ gì', answer('1.014632')],
    ['a lost marriage certificate is a copy of the record, not a new marriage', 'mất giấy đăng ký kết hôn', answer('2.000635')],
    ['… typed without marks', 'lam lai giay ket hon', answer('2.000635')],
    ['a birth certificate issued again is a copy of the record', 'cấp lại giấy khai sinh', answer('2.000635')],
    ['a marriage is still its registration', 'đăng ký kết hôn', answer('1.000894')],
    ['lost vehicle papers are the registration’s re-issue, not a first registration', 'mất giấy đăng ký xe', answer('1.013080')],
    ['… typed without marks', 'mat giay to xe', answer('1.013080')],
    ['a lost death certificate is a copy of the record', 'mất giấy chứng tử', answer('2.000635')],
    ['a death certificate is still the death registration', 'giấy chứng tử', answer('1.000656')],
    ['a new head of household is a change of the residence data', 'thay đổi chủ hộ', answer('1.010039')],
    ['a company’s new name is its registration', 'đổi tên công ty', answer('2.002041')],
    ['buying or selling a house is the transfer', 'thủ tục mua bán nhà', answer('1.013831')],
    ['social housing is its own procedure', 'mua nhà ở xã hội', answer('1.014632')],
    ['giving a house is the transfer', 'tặng cho nhà đất', answer('1.013831')],
    ['… a gift of land to the State is its own', 'tặng cho quyền sử dụng đất cho nhà nước', answer('1.013979')],
    ['land without a certificate yet asks for the first one, not the gift of land to the State', 'đất chưa có sổ', answer('1.013978')],
    ['a pension typed alone is a question back, not its transfer to another province', 'lương hưu', { kind: 'choose' }],
    ['… the transfer answers when it is asked', 'chuyển nơi hưởng lương hưu', answer('1.001742')],
    ['a tax on a house let out is the landlord’s tax, not a rent reduction', 'thuế nhà cho thuê', answer('1.007689')],
    ['an international driving permit asked for is the permit, not the domestic licence’s exchange', 'đổi bằng lái xe quốc tế', answer('3.000353')],
    ['… nor the first licence', 'làm bằng lái quốc tế cần giấy tờ gì', answer('3.000353')],
    ['… while one from abroad is exchanged for a Vietnamese licence', 'tôi có bằng lái quốc tế, về việt nam có phải đổi không', answer('3.000351')],
    ['… and a motorbike licence is still the first licence', 'làm bằng lái xe máy', answer('3.000346')],
  ])('%s: "%s"', (_reason, text, expected) => {
    expect(decide(text)).toMatchObject(expected);
  });
});

describe('the usage prior on the shipped catalogue', () => {
  it('counts a procedure the usage list does not name as rarely used, not never: nationality is not outranked by aircraft registration', () => {
    const story =
      'Tôi là người Việt Nam, chồng tôi là người Hàn Quốc và đã sống cùng tôi ở Hà Nội được bảy năm. Chúng tôi có hai con đang đi học ở đây. Chồng tôi muốn xin nhập quốc tịch Việt Nam thì cần làm những thủ tục gì?';
    const hits = index.search(story, { limit: 5, explain: true });
    const rank = (code: string) => hits.findIndex((h) => h.procedure.code === code);
    // Both nationality procedures are done at the counter (no online uses listed); aircraft
    // registration has 791 listed uses.
    expect(rank('2.002039')).toBe(0);
    expect(rank('2.002797')).toBeGreaterThan(0);
    expect(rank('2.002797')).toBeLessThan(rank('1.003747') < 0 ? Number.POSITIVE_INFINITY : rank('1.003747'));
    expect(hits[0]!.explain!.factors.usage).toBeGreaterThan(1);
  });
});

describe('the shipped lexicon on procedures only the portal lists', () => {
  it('offers the unemployment allowance, which the catalogue lacks, as a portal button; a tap names it honestly', async () => {
    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    const ask = (text: string, payload?: string) => assistant.reply({ channel: 'web', chatId: 'portal', text, ...(payload ? { payload } : {}), receivedAt: new Date(0) });
    const r = ask('Tôi nghỉ việc ở công ty được 2 tuần, muốn hỏi làm hồ sơ hưởng bảo hiểm thất nghiệp và chốt sổ bảo hiểm xã hội thì nộp ở đâu?');
    const button = r.buttons.find((b) => b.payload === 'p:1.001978:where');
    expect(button?.label).toBe('Giải quyết hưởng trợ cấp thất nghiệp (Cổng DVC)');
    expect(replyToPlainText(r)).toContain('chưa có giấy tờ trong danh mục');
    // Catalogue procedures stay among the choices: the social-insurance one may be what was meant.
    expect(r.buttons.some((b) => index.procedure(b.payload.split(':')[1]!))).toBe(true);
    const tapped = ask('', button!.payload);
    expect(tapped.blocks[0]).toEqual({ type: 'heading', text: 'Giải quyết hưởng trợ cấp thất nghiệp (mã 1.001978)' });
    expect(replyToPlainText(tapped)).toContain('không trả lời thay bằng thủ tục khác');
    // Where to go, since the papers are not listed.
    expect(replyToPlainText(tapped)).toContain('Nơi giải quyết: Trung tâm Dịch vụ việc làm của tỉnh, thành phố.');
  });

  it('names a portal procedure far ahead of every catalogue match in a story, and answers no other', () => {
    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    const story =
      'Tôi làm công nhân ở Bình Dương được 5 năm, đóng bảo hiểm đầy đủ. Tháng trước công ty cắt giảm nên tôi bị nghỉ việc, giờ về quê ở Nghệ An. ' +
      'Xin hỏi tôi có được lĩnh trợ cấp thất nghiệp không, nếu được thì phải chuẩn bị giấy tờ gì, nộp ở trung tâm nào và bao lâu thì nhận được tiền?';
    const d = assistant.decide({ channel: 'web', chatId: 'story', text: story, receivedAt: new Date(0) });
    expect(d).toMatchObject({ kind: 'missing', portalCode: '1.001978' });
    // Without the margin it would only be offered among buttons.
    const strict = new Assistant({ index, memory: new ConversationMemory(), policy: { portalDominance: Number.POSITIVE_INFINITY } });
    expect(strict.decide({ channel: 'web', chatId: 'story', text: story, receivedAt: new Date(0) }).kind).not.toBe('missing');
  });

  it('reads an older portal name of a catalogue procedure as that procedure, never as missing', () => {
    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    // The usage list's 2.002621 is the catalogue's 2.000986 ("Liên thông thủ tục hành chính về …").
    const d = assistant.decide({ channel: 'web', chatId: 'alias', text: 'đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi', receivedAt: new Date(0) });
    expect(d).toMatchObject({ kind: 'answer', code: '2.000986' });
  });

  it('names the most used portal procedures from the words citizens use for them', () => {
    const portal = (q: string) => index.query(q, { limit: 3 }).portals[0]?.entry.code;
    expect(portal('hưởng BHTN cần giấy tờ gì')).toBe('1.001978');
    expect(portal('hợp pháp hoá lãnh sự bằng đại học')).toBe('1.001308');
    expect(portal('bảo trợ xã hội cho người cao tuổi')).toBe('1.001776');
    // The old ID number's confirmation is the catalogue's (at the commune), not the portal's central one.
    expect(first('xin giấy xác nhận số CMND cũ')).toBe('1.012566');
  });
});
