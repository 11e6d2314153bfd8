// The syllables and syllable pairs the catalogue uses, in folded form, for spelling repair:
// a typo ("khai sihn") or two syllables typed together ("khaisinh") is mapped back to words
// the index knows before searching.
import { fold } from './normalize';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const MIN_REPAIR_LENGTH = 3;
// Vietnamese syllables are at most 7 letters; pairs typed together at most ~14. Longer tokens
// are not words to repair, and trying would cost time in proportion to their length squared.
const MAX_REPAIR_LENGTH = 16;

export class Vocabulary {
  private readonly counts = new Map<string, number>();
  /** Folded pair → number of documents using it. */
  private readonly pairs = new Map<string, number>();
  private readonly extra = new Set<string>();

  private documents = 0;

  /** Adds one document's texts (each a list of canonical syllables); counts are per document. */
  addDocument(texts: readonly (readonly string[])[]): void {
    this.documents++;
    const seen = new Set<string>();
    const seenPairs = new Set<string>();
    for (const tokens of texts) {
      let prev: string | undefined;
      for (const token of tokens) {
        const f = fold(token);
        seen.add(f);
        if (prev !== undefined) seenPairs.add(`${prev} ${f}`);
        prev = f;
      }
    }
    for (const f of seen) this.counts.set(f, (this.counts.get(f) ?? 0) + 1);
    for (const p of seenPairs) this.pairs.set(p, (this.pairs.get(p) ?? 0) + 1);
  }

  /** Share of documents using a folded syllable (0–1). */
  share(folded: string): number {
    return this.documents === 0 ? 0 : (this.counts.get(folded) ?? 0) / this.documents;
  }

  /** Share of documents using a folded pair of syllables (0–1). */
  pairShare(a: string, b: string): number {
    return this.documents === 0 ? 0 : (this.pairs.get(`${a} ${b}`) ?? 0) / this.documents;
  }

  /** Known words that are not in the catalogue (question words, teen code) still count as known. */
  addWords(words: Iterable<string>): void {
    for (const w of words) this.extra.add(fold(w));
  }

  has(folded: string): boolean {
    return this.counts.has(folded) || this.extra.has(folded);
  }

  /** True when the syllables occur in this order in some procedure ("khai sinh", not "sổ đỏ"). */
  isCatalogueText(tokens: readonly string[]): boolean {
    if (tokens.length === 1) return this.counts.has(fold(tokens[0]!));
    for (let i = 0; i + 1 < tokens.length; i++) if (!this.hasPair(tokens[i]!, tokens[i + 1]!)) return false;
    return true;
  }

  hasPair(a: string, b: string): boolean {
    return this.pairs.has(`${fold(a)} ${fold(b)}`);
  }

  get size(): number {
    return this.counts.size;
  }

  /**
   * The most frequent known syllable one edit away (insert, delete, replace, swap of
   * neighbours), preferring one that pairs with a neighbour; undefined when none or when
   * the token is too short to repair safely.
   */
  /** True for question words and teen code added by addWords, which are never repaired. */
  isQuestionWord(folded: string): boolean {
    return this.extra.has(folded);
  }

  /** True when the syllable forms a known pair with one of its neighbours. */
  pairsWith(folded: string, neighbours: readonly string[]): boolean {
    return neighbours.some((n) => this.pairs.has(`${n} ${folded}`) || this.pairs.has(`${folded} ${n}`));
  }

  /** Like correct(), but only a candidate that pairs with a neighbour ("ho chiu" → "chieu"). */
  correctPaired(folded: string, neighbours: readonly string[]): string | undefined {
    const candidate = this.correct(folded, neighbours);
    return candidate !== undefined && this.pairsWith(candidate, neighbours) ? candidate : undefined;
  }

  correct(folded: string, neighbours: readonly string[] = []): string | undefined {
    if (folded.length < MIN_REPAIR_LENGTH || folded.length > MAX_REPAIR_LENGTH || !/^[a-z]+$/.test(folded)) return undefined;
    let best: string | undefined;
    let bestScore = 0;
    for (const candidate of edits1(folded)) {
      const count = this.counts.get(candidate) ?? (this.extra.has(candidate) ? 1 : undefined);
      if (count === undefined) continue;
      // Pairs with the neighbours decide ("bằg lái" → "bằng", from "bằng lái"); frequency breaks ties.
      const pairCount = neighbours.reduce((sum, n) => sum + (this.pairs.get(`${n} ${candidate}`) ?? 0) + (this.pairs.get(`${candidate} ${n}`) ?? 0), 0);
      const score = count + pairCount * 1e6;
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }

  /** "khaisinh" → ["khai", "sinh"] when the two halves are a known pair. */
  split(folded: string): [string, string] | undefined {
    if (folded.length < 4 || folded.length > MAX_REPAIR_LENGTH || !/^[a-z]+$/.test(folded)) return undefined;
    for (let i = 1; i < folded.length; i++) {
      const a = folded.slice(0, i);
      const b = folded.slice(i);
      if (this.pairs.has(`${a} ${b}`)) return [a, b];
    }
    return undefined;
  }
}

function edits1(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of LETTERS) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(word);
  return out;
}
