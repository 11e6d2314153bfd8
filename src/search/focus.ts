// Finds the question inside a long message. Citizens often tell a story first ("Vợ chồng tôi
// lên Hà Nội làm ăn… có đăng ký tạm trú…") and ask last ("…có được đăng ký thường trú không?").
// The asking sentences keep full weight; the story's words count less, so a message of 80
// words does not drift to a procedure that merely shares its filler. Place and person names
// written with capitals in the middle of a sentence are not topic at all.
import { fold } from './normalize';
import { defaultSearchTuning, type SearchTuning } from './options';

export interface Segment {
  text: string;
  /** 1 for an asking sentence (or a short message), less for narrative. */
  weight: number;
}


// Sentence ends: . ! ? ; or a line break, followed by a space or the end ("TP.HCM" stays whole).
const SENTENCE_END = /(?<=[.!?;…])\s+|\n+/u;
// Cues of an asking sentence, on folded text.
const ASKING =
  /\?|\b(xin hoi|cho (toi |em |minh |chau |con )?hoi|(toi|em|minh) (muon )?hoi|hoi (la|ve)|thu tuc|ho so|giay to gi|can (nhung )?(gi|giay)|nhu the nao|the nao|ra sao|o dau|bao lau|bao nhieu|duoc khong|co duoc|co phai|phai lam|lam gi|lam sao|can lam|muon|du dinh|tu van|huong dan)\b/u;
const GREETING = /^(xin chao|chao|kinh (gui|chao)|cam on|xin cam on|mong|rat mong|tran trong)\b/u;
// A closing courtesy anywhere in a short sentence: "Tôi xin chân thành cảm ơn.", "Rất mong được giải đáp."
const COURTESY = /\b(cam on|chan thanh|tran trong|giai dap giup|mong (duoc )?(luat su |quy co quan |anh chi )?(giai dap|tra loi|tu van|phan hoi))\b/u;
// An either-or question without a question mark: "…tại phường hay ở sở tư pháp ạ."
const EITHER_OR = /\bhay\b.*\b(a|khong|nhi)\W*$/u;

/** Words as a citizen counts them (syllables, numbers). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The message as weighted sentences, question first. */
export function focus(text: string, reading: SearchTuning['reading'] = defaultSearchTuning.reading): Segment[] {
  if (wordCount(text) < reading.focusMinWords) return [{ text, weight: 1 }];
  const sentences = text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  const folded = sentences.map((s) => fold(s.toLowerCase()));
  const courtesy = folded.map((s, i) => (GREETING.test(s) || COURTESY.test(s)) && wordCount(sentences[i]!) <= 12);
  const asking = folded.map((s, i) => (ASKING.test(s) || EITHER_OR.test(s)) && !GREETING.test(s) && !courtesy[i]);
  // Nothing asks: the last sentence that is not a courtesy is the question.
  if (!asking.some(Boolean)) asking[Math.max(0, courtesy.lastIndexOf(false))] = true;
  const out: Segment[] = [];
  sentences.forEach((s, i) => {
    if (courtesy[i]) return;
    const weight = asking[i] ? 1 : asking[i + 1] ? reading.leadInWeight : reading.narrativeWeight;
    out.push({ text: s, weight });
  });
  // The question first: when a long message is cut, the story goes, not the question.
  return out.sort((a, b) => b.weight - a.weight);
}

/**
 * Capitalised words in the middle of a sentence ("Lào Cai", "Phú Thọ", "Nguyễn Văn A") are
 * names of places and people. Returns the text with them blanked, unless `keep` says a run
 * of them is catalogue text ("Giấy khai sinh" written with a capital).
 */
export function withoutNames(text: string, keep: (words: string[]) => boolean): string {
  // The run, and the word after it: "Giấy khai sinh" is one capital, then catalogue words.
  return text.replace(/(?<=[\p{L}\p{N},)]\s+)(\p{Lu}[\p{Ll}\p{M}]+(?:\s+\p{Lu}[\p{Ll}\p{M}]+)*)(?=(\s+[\p{Ll}\p{M}]+)?)/gu, (run: string, _name: string, next: string | undefined) => {
    const parts = [...run.split(/\s+/), ...(next ? [next.trim()] : [])];
    return keep(parts) ? run : ' '.repeat(run.length);
  });
}
