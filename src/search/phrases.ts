// Finds known phrases (intent words, filler, synonyms) in a query's syllables, longest first,
// so "mất bao lâu" is a time question while "mất" alone means a lost paper.
import { fold, isBare } from './normalize';

export interface PhraseMatch<T> {
  start: number;
  length: number;
  value: T;
}

interface Entry<T> {
  tokens: string[];
  value: T;
}

export class PhraseTable<T> {
  private readonly byKey = new Map<string, Entry<T>[]>();
  private maxLength = 1;

  add(tokens: readonly string[], value: T): void {
    if (tokens.length === 0) return;
    const key = tokens.map(fold).join(' ');
    const list = this.byKey.get(key) ?? [];
    list.push({ tokens: [...tokens], value });
    this.byKey.set(key, list);
    this.maxLength = Math.max(this.maxLength, tokens.length);
  }

  /** Non-overlapping matches, scanning left to right and preferring the longest phrase. */
  scan(tokens: readonly string[], folded: readonly string[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      let matched: PhraseMatch<T> | undefined;
      for (let len = Math.min(this.maxLength, tokens.length - i); len >= 1 && !matched; len--) {
        const entries = this.byKey.get(folded.slice(i, i + len).join(' '));
        if (!entries) continue;
        const entry = entries.find((e) => this.fits(e.tokens, tokens, i));
        if (entry) matched = { start: i, length: len, value: entry.value };
      }
      if (matched) {
        out.push(matched);
        i += matched.length;
      } else i++;
    }
    return out;
  }

  // A syllable typed with marks must carry the phrase's marks ("dầu" is not "đâu"); one typed
  // bare matches any marks. Phrases of two or more syllables are distinctive enough to match
  // on their folded form alone, which forgives a misplaced mark.
  private fits(phrase: readonly string[], tokens: readonly string[], at: number): boolean {
    if (phrase.length > 1) return true;
    const typed = tokens[at]!;
    return isBare(typed) || typed === phrase[0];
  }
}
