// Words that carry a question's intent rather than its topic ("cần gì", "ở đâu", "bao lâu"),
// and the teen code people type on phones. Phrases are written with diacritics; a query typed
// without them matches their folded form.
import type { Facet } from '../assistant/reply';

export interface IntentPhrase {
  phrase: string;
  facet?: Facet;
  /** Also part of the topic in some procedure names ("lệ phí trước bạ"): keep it for search. */
  keep?: boolean;
}

const facet = (f: Facet, phrases: string[], keep = false): IntentPhrase[] => phrases.map((phrase) => ({ phrase, facet: f, keep }));

export const INTENT_PHRASES: IntentPhrase[] = [
  ...facet('papers', ['cần gì', 'cần những gì', 'cần những giấy tờ gì', 'cần giấy tờ gì', 'giấy tờ gì', 'những giấy tờ', 'giấy tờ cần', 'giấy tờ', 'hồ sơ gồm', 'hồ sơ gồm những gì', 'hồ sơ cần', 'thành phần hồ sơ', 'cần mang', 'mang theo', 'mang gì', 'chuẩn bị gì', 'cần chuẩn bị', 'chuẩn bị những gì', 'cần những', 'hồ sơ gì', 'cần có gì']),
  ...facet('fee', ['bao nhiêu tiền', 'mất bao nhiêu tiền', 'hết bao nhiêu tiền', 'tốn bao nhiêu tiền', 'hết bao nhiêu', 'tốn bao nhiêu', 'mất phí', 'mất tiền', 'tốn tiền', 'tốn phí', 'có mất phí', 'chi phí', 'bao nhiêu tiền phí', 'miễn phí', 'giá bao nhiêu', 'đóng bao nhiêu', 'nộp bao nhiêu', 'nộp tiền', 'bao nhiêu', 'là bao nhiêu']),
  ...facet('fee', ['lệ phí', 'phí'], true),
  { phrase: 'nộp hồ sơ' }, { phrase: 'làm hồ sơ' }, { phrase: 'bộ hồ sơ' }, { phrase: 'thủ tục hành chính' }, { phrase: 'thủ tục' }, { phrase: 'của thủ tục' }, { phrase: 'làm thủ tục' }, { phrase: 'thủ tục gì' },
  ...facet('time', ['bao lâu', 'mất bao lâu', 'trong bao lâu', 'bao nhiêu ngày', 'mấy ngày', 'mất mấy ngày', 'bao giờ', 'khi nào', 'khi nào có', 'khi nào xong', 'bao giờ có', 'bao giờ xong', 'lâu không', 'có lâu không', 'thời gian giải quyết', 'thời gian', 'thời hạn', 'mấy hôm', 'nhanh không']),
  ...facet('where', ['ở đâu', 'nộp ở đâu', 'làm ở đâu', 'tại đâu', 'chỗ nào', 'nơi nào', 'ở chỗ nào', 'đến đâu', 'đi đâu', 'cơ quan nào', 'nộp hồ sơ ở đâu', 'nộp tại', 'đâu']),
  ...facet('online', ['online', 'onl', 'trực tuyến', 'qua mạng', 'trên mạng', 'qua internet', 'nộp online', 'làm online', 'từ xa', 'qua điện thoại', 'trên điện thoại', 'dịch vụ công', 'cổng dịch vụ công']),
  ...facet('who', ['ai được', 'ai có thể', 'ai có quyền', 'ai làm', 'ai đi', 'người nào', 'đối tượng', 'điều kiện', 'đủ điều kiện', 'ai được làm', 'ai phải']),
  ...facet('steps', ['các bước', 'trình tự', 'quy trình', 'cách thức', 'thủ tục như thế nào', 'làm như thế nào', 'thực hiện như thế nào', 'làm thế nào', 'thế nào', 'như thế nào', 'như nào', 'làm sao', 'cách làm', 'hướng dẫn', 'làm gì']),
  ...facet('law', ['căn cứ', 'căn cứ pháp lý', 'luật nào', 'văn bản nào', 'quy định nào', 'theo luật', 'pháp lý', 'cơ sở pháp lý', 'điều luật']),
  ...facet('result', ['kết quả', 'nhận được gì', 'được nhận gì', 'được cấp gì', 'nhận gì', 'nhận lại gì']),
];

/** Filler around a question: never part of a procedure's topic. */
export const FILLER_WORDS = new Set([
  'tôi', 'em', 'anh', 'chị', 'mình', 'bạn', 'cho', 'hỏi', 'xin', 'ạ', 'à', 'ạh', 'nhé', 'nha', 'nhá', 'với', 'vậy', 'thì', 'là', 'có', 'không', 'được', 'muốn',
  'cần', 'phải', 'làm', 'thủ', 'tục', 'cách', 'sao', 'gì', 'đi', 'nhỉ', 'ơi', 'bác', 'cô', 'chú', 'ad', 'admin', 'giúp', 'mà', 'để', 'thế', 'rồi', 'cũng', 'hay',
  'nên', 'nào', 'như', 'ai', 'biết', 'ra', 'sẽ', 'đang', 'đã', 'nay', 'giờ', 'hiện', 'vừa', 'mới', 'lúc', 'thủ', 'tục', 'thắc', 'mắc', 'ak', 'a', 'ok', 'vui', 'lòng', 'hộ', 'dùm', 'giùm',
  'cảm', 'ơn', 'hành', 'chính', 'nơi', 'nộp', 'đâu', 'về', 'của', 'các', 'những', 'việc', 'trong', 'tại', 'cái', 'muốn', 'hỏi', 'ấy', 'này', 'còn', 'thì', 'sao', 'nữa', 'vậy', 'ạ', 'đó', 'kia', 'luôn', 'quá', 'lắm', 'nhiều', 'ít', 'gấp', 'nhanh',
]);

// "hộ" is filler in "giúp hộ" but the topic in "hộ chiếu", "hộ tịch", "hộ kinh doanh": only
// drop it when the next syllable does not make a known pair with it (checked by the index).
export const FILLER_UNLESS_PAIRED = new Set(['về', 'của', 'các', 'những', 'việc', 'trong', 'tại', 'cái', 'hộ', 'hành', 'chính', 'nơi', 'nộp', 'mới', 'hiện', 'giờ', 'cho', 'có', 'không', 'được', 'làm', 'cách', 'thủ', 'tục', 'ra', 'đi', 'lúc', 'vừa', 'nay']);

/** Teen code and shorthand, typed without diacritics, to what they stand for. */
export const TEEN_CODE: Record<string, string> = {
  ko: 'không', k: 'không', kh: 'không', hok: 'không', hk: 'không', khong: 'không', hong: 'không', hem: 'không', kg: 'không', kô: 'không',
  dc: 'được', đc: 'được', dk: 'đăng kí', đk: 'đăng kí', dki: 'đăng kí', đki: 'đăng kí', dky: 'đăng kí', đky: 'đăng kí', đkí: 'đăng kí', dkí: 'đăng kí',
  j: 'gì', ji: 'gì', gj: 'gì', bn: 'bao nhiêu', bnh: 'bao nhiêu', bnhiu: 'bao nhiêu', bnhieu: 'bao nhiêu', baonhieu: 'bao nhiêu', baolau: 'bao lâu', bh: 'bao giờ', bjo: 'bao giờ',
  ntn: 'như thế nào', ntnao: 'như thế nào', lm: 'làm', mk: 'mình', mik: 'mình', mjk: 'mình', mh: 'mình', t: 'tôi', e: 'em', vs: 'với', cx: 'cũng', cg: 'cũng',
  r: 'rồi', z: 'vậy', dz: 'vậy', ck: 'chồng', vk: 'vợ', sdt: 'số điện thoại', sđt: 'số điện thoại', tt: 'thủ tục', ttuc: 'thủ tục', hs: 'hồ sơ', hsơ: 'hồ sơ',
  oline: 'online', onlie: 'online', onine: 'online', ol: 'online', odau: 'ở đâu', wa: 'qua', wá: 'quá', ng: 'người', nc: 'nước', nuoc: 'nước', dt: 'điện thoại',
  kb: 'không biết', kbt: 'không biết', bít: 'biết', bik: 'biết', bjk: 'biết', đag: 'đang', dag: 'đang', ak: 'à', uk: 'ừ', ạk: 'ạ', lun: 'luôn', thik: 'thích', nhìu: 'nhiều', nhiu: 'nhiều',
};

/** Syllables that name a level of government, so the citizen did say which level. */
export const LEVEL_WORDS: Record<string, 'commune' | 'province' | 'ministry'> = {
  xã: 'commune', phường: 'commune', 'thị trấn': 'commune', 'đặc khu': 'commune',
  tỉnh: 'province', 'thành phố': 'province', sở: 'province',
  'trung ương': 'ministry', bộ: 'ministry', 'cục': 'ministry',
};
