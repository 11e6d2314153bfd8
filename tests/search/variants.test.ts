import { beforeAll, describe, expect, it } from 'vitest';
import { Assistant } from '../../src/assistant/assistant';
import { ConversationMemory } from '../../src/assistant/memory';
import { parseLexicon, shippedLexicon } from '../../src/search/lexicon';
import { loadSearch } from '../../src/search/load';
import { SearchIndex } from '../../src/search/index';
import { loadCatalogue } from '../../src/catalogue/loader';

// On the shipped catalogue: variants are a property of the real names.
let index: SearchIndex;
beforeAll(async () => {
  index = (await loadSearch('procedures')).index;
});
const first = (q: string) => index.search(q, { limit: 3 })[0]?.procedure.code;

describe('variants of a procedure', () => {
  it('answers the variant the question names: a lost paper gets the re-issue', () => {
    // "sổ đỏ" alone ranks the first-issue procedure first; "mất … làm lại" means re-issue.
    expect(first('mat so do lam lai o dau')).toBe('1.012786');
    expect(first('bị mất sổ đỏ thì làm lại thế nào')).toBe('1.012786');
    expect(first('bị mất thẻ căn cước làm lại ở đâu')).toMatch(/^(1\.014064|2\.001194|1\.000757)$/);
  });

  it('answers the exchange for a damaged card or certificate, the re-issue for a lost one', () => {
    expect(first('thẻ căn cước bị hỏng')).toMatch(/^(1\.014063|2\.001195|1\.000889)$/);
    expect(first('sổ đỏ bị rách nát')).toBe('1.012783');
    // "cấp lại" is said of any new paper: a torn certificate, told in the story, is exchanged.
    expect(first('Nhà tôi bị ngập lụt, quyển sổ đỏ cất trong tủ bị rách nát hết. Từ đó đến nay chưa đi làm. Tôi muốn hỏi thủ tục xin cấp lại sổ đỏ như thế nào?')).toBe('1.012783');
    expect(first('sổ đỏ bị rách muốn xin cấp lại')).toBe('1.012783');
    // Said alone, or of a lost one, it is the re-issue.
    expect(first('cấp lại sổ đỏ')).toBe('1.012786');
    expect(first('Hôm trước chuyển nhà tôi làm mất sổ đỏ. Tôi muốn hỏi thủ tục xin cấp lại sổ đỏ như thế nào?')).toBe('1.012786');
    // Merging two plots is the split-or-merge procedure; a mistake on it is corrected, not exchanged.
    expect(first('gộp sổ đỏ')).toBe('1.012784');
    expect(index.search('đính chính sổ đỏ', { limit: 1 })[0]?.procedure.name).toMatch(/^Đính chính Giấy chứng nhận/);
    // The card's exchange: the combined re-issue and exchange of the book and card (the one citizens
    // use, "… đổi … thẻ BHYT") or the older exchange-only procedure; never a first card.
    expect(first('thẻ bảo hiểm y tế bị rách')).toMatch(/^(1\.002759|1\.002438|1\.001321)$/);
    expect(first('mất thẻ căn cước')).toMatch(/^(1\.014064|2\.001194|1\.000757)$/);
    // A licence whose re-issue covers damage says so in its own name.
    expect(index.search('chứng chỉ hành nghề luật sư bị rách', { limit: 1 })[0]?.procedure.name).toMatch(/^Cấp lại Chứng chỉ hành nghề luật sư/);
  });

  it('answers a new passport for an expired, damaged or "exchanged" one: an ordinary passport is never renewed', () => {
    for (const q of ['đổi hộ chiếu', 'hộ chiếu hết hạn', 'ho chieu het han thi lam the nao', 'làm lại hộ chiếu']) expect(first(q), q).toMatch(/^(1\.001456|1\.001471)$/);
    // Lost is reported first.
    expect(index.search('mất hộ chiếu', { limit: 1 })[0]?.procedure.name).toMatch(/^Trình báo mất hộ chiếu/);
  });

  it('answers the registration fee of a vehicle and the yearly land tax with their own procedures', () => {
    expect(first('lệ phí trước bạ xe máy')).toBe('1.007700');
    expect(first('lệ phí trước bạ nhà đất')).toBe('1.007277');
    expect(first('nộp thuế đất hàng năm')).toBe('1.007695');
  });

  it('offers the portal\'s karaoke licence for a karaoke question, not a building permit', () => {
    const { hits, portals } = index.query('xin giay phep karaoke', { limit: 3 });
    expect(portals[0]?.entry.code).toBe('1.001029');
    expect(hits[0]?.procedure.name ?? '').not.toMatch(/giấy phép xây dựng/);
  });

  it('sends a divorce in Vietnam to the court, and only a divorce abroad to the civil-status book', () => {
    expect(first('thủ tục ly hôn thuận tình')).toBe('3.000163');
    expect(first('ghi chú ly hôn ở nước ngoài')).toBe('2.000554');
  });

  it('corrects wrong data on an ID card in the population database, a wrong birth certificate in the civil-status book', () => {
    for (const q of ['sửa thông tin trên căn cước', 'cccd sai quê quán', 'căn cước sai ngày sinh', 'dieu chinh thong tin can cuoc']) expect(first(q), q).toBe('1.012564');
    for (const q of ['giấy khai sinh bị sai ngày sinh', 'sửa tên trong giấy khai sinh']) expect(first(q), q).toBe('1.004859');
  });

  it('does not read "thay đổi" as the exchange variant', () => {
    expect(first('thay đổi nội dung đăng ký hộ kinh doanh')).toBe('2.000720');
  });

  it('knows the siblings of a procedure, not its level variants, the most used first', () => {
    const siblings = index.siblings('1.014061', 8).map((p) => p.name);
    expect(siblings.some((n) => /^Cấp lại thẻ căn cước/.test(n))).toBe(true);
    expect(siblings.some((n) => /^Cấp đổi thẻ căn cước/.test(n))).toBe(true);
    expect(siblings.every((n) => !/^Cấp thẻ căn cước cho người từ đủ 14 tuổi/.test(n))).toBe(true);
  });

  it('answers the foreign-element variant when a foreigner or Việt kiều is named', () => {
    expect(first('đăng ký khai sinh cho con có bố là người nước ngoài')).toBe('2.000528');
    expect(first('đăng ký khai sinh cho con')).toBe('1.001193');
  });

  it('makes a family of a short name only with the very same name', () => {
    const siblings = index.siblings('1.001193', 8).map((p) => p.name);
    expect(siblings).toContain('Thủ tục đăng ký khai sinh có yếu tố nước ngoài');
    expect(siblings.some((n) => /bản sao/i.test(n))).toBe(false);
  });

  it('names the other variants as buttons in an answer', async () => {
    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    const r = await assistant.handle({ channel: 'web', chatId: 'v', text: 'cấp lại giấy phép lái xe hết bao nhiêu tiền', receivedAt: new Date() });
    expect(r.blocks[0]).toMatchObject({ type: 'heading', text: expect.stringContaining('Cấp lại giấy phép lái xe') });
    expect(r.buttons.map((b) => b.label)).toContain('Đổi giấy phép lái xe');
    expect(r.buttons.find((b) => b.label === 'Đổi giấy phép lái xe')?.payload).toMatch(/^p:3\.000347:fee$/);
  });

  it('treats one procedure submitted online or at the counter as one: one button in a question back, the other way first under an answer', async () => {
    // 1.013080 "… thực hiện bằng dịch vụ công trực tuyến toàn trình", 1.013082 "… một phần hoặc trực tiếp …".
    const hits = index.search('cấp lại chứng nhận đăng ký xe biển số xe', { limit: 10 });
    const twins = hits.filter((h) => ['1.013080', '1.013082'].includes(h.procedure.code));
    expect(twins).toHaveLength(2);
    expect(twins[0]!.variantKey).toBe(twins[1]!.variantKey);
    expect(index.siblings('1.013080')[0]?.code).toBe('1.013082');
    expect(index.siblings('1.013082')[0]?.code).toBe('1.013080');

    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    const r = await assistant.handle({ channel: 'web', chatId: 'twins', text: 'mất biển số xe máy làm lại thế nào', receivedAt: new Date() });
    const answered = r.blocks[0]?.type === 'heading' ? r.blocks[0].text : '';
    expect(answered).toMatch(/^Cấp lại chứng nhận đăng ký xe, biển số xe/);
    const twin = answered.includes('toàn trình') ? '1.013082' : '1.013080';
    const button = r.buttons.find((b) => b.payload.startsWith(`p:${twin}`));
    // Its label shows how it differs from the answer, not the start both names share.
    expect(button?.label).toMatch(twin === '1.013082' ? /một phần hoặc trực tiếp/ : /toàn trình/);
  });

  it('takes its cues from lexicon.yaml: without the section, the ranking stands', async () => {
    const { catalogue } = await loadCatalogue('procedures');
    const { lexicon, problems } = parseLexicon('variants: []\n', 'lexicon.yaml', shippedLexicon());
    expect(problems).toEqual([]);
    const plain = SearchIndex.build(catalogue.procedures, lexicon);
    // (A paper the synonyms do not name already: "mất sổ đỏ" is a synonym of its own.)
    expect(index.search('bị mất giấy chứng nhận đăng ký hộ kinh doanh', { limit: 1 })[0]?.procedure.code).toBe('2.000575');
    expect(plain.search('bị mất giấy chứng nhận đăng ký hộ kinh doanh', { limit: 1 })[0]?.procedure.code).not.toBe('2.000575');
  });
});

describe('a confident answer names the procedure itself', () => {
  it('does not answer a procedure whose modifiers alone were asked ("… tại cơ quan đại diện") and answers it when its head is asked', () => {
    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    const decide = (text: string) => assistant.decide({ channel: 'web', chatId: text, text, receivedAt: new Date() });
    // 1.003213 is "Đăng ký việc nuôi con nuôi tại Cơ quan đại diện Việt Nam ở nước ngoài".
    const death = decide('Ban biên tập tư vấn giúp tôi việc đăng ký khai tử tại Cơ quan đại diện Việt Nam ở nước ngoài được quy định như thế nào?');
    expect(death.kind).not.toBe('answer');
    expect(decide('đăng ký nuôi con nuôi tại cơ quan đại diện Việt Nam ở nước ngoài')).toMatchObject({ kind: 'answer', code: '1.003213' });
  });
});

describe('a topic typed alone', () => {
  it('never gets the procedure that ends or undoes it, unless that is asked', () => {
    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    const decide = (text: string) => assistant.decide({ channel: 'web', chatId: text, text, receivedAt: new Date() });
    // "hộ kinh doanh" ranked "Chấm dứt hoạt động hộ kinh doanh" first; "doanh nghiệp" the dissolution.
    for (const q of ['hộ kinh doanh', 'ho kinh doanh']) expect(decide(q), q).toMatchObject({ kind: 'choose', codes: expect.arrayContaining(['1.001266', '1.001612']) });
    expect(decide('doanh nghiệp').kind).toBe('choose');
    expect(decide('chấm dứt hộ kinh doanh')).toMatchObject({ kind: 'answer', code: '1.001266' });
    expect(decide('xóa đăng ký thường trú')).toMatchObject({ kind: 'answer', code: '1.003197' });
  });
});

describe('a message that names two variants', () => {
  it('asks back between them rather than answer one', () => {
    const decide = (text: string, policy = {}) => new Assistant({ index, memory: new ConversationMemory(), policy }).decide({ channel: 'web', chatId: 'two', text, receivedAt: new Date() });
    const both = 'Tôi mới làm lại thẻ căn cước năm ngoái, giờ có phải đổi lại thẻ căn cước mới không?';
    expect(decide(both)).toMatchObject({ kind: 'choose', why: 'variantDisputed', codes: expect.arrayContaining(['1.014064', '1.014063']) });
    // Without the rule the re-issue was answered outright.
    expect(decide(both, { variantDisputed: false })).toMatchObject({ kind: 'answer', code: '1.014064' });
    // One variant named is still answered.
    expect(decide('bị mất thẻ căn cước thì làm lại ở đâu').kind).toBe('answer');
  });
});

describe('a typed reply to a question back about variants', () => {
  it('picks the offered variant the reply names, by its cue or its marks', () => {
    const assistant = new Assistant({ index, memory: new ConversationMemory() });
    const say = (chatId: string, text: string) => assistant.decide({ channel: 'zalo', chatId, text, receivedAt: new Date(0) });
    expect(say('id', 'căn cước')).toMatchObject({ kind: 'choose', codes: expect.arrayContaining(['1.014064']) });
    // "bị mất" is read as "cấp lại": the re-issue offered, not a lost land certificate.
    expect(say('id', 'bị mất')).toMatchObject({ kind: 'answer', code: '1.014064', why: 'offeredPicked' });
    expect(say('land', 'sổ đỏ')).toMatchObject({ kind: 'choose', codes: expect.arrayContaining(['1.012783', '1.013978']) });
    // "đổi" typed with its marks is the exchange, not the "đối" of "… đối với hộ gia đình".
    expect(say('land', 'cấp đổi')).toMatchObject({ kind: 'answer', code: '1.012783', why: 'offeredPicked' });
  });
});
