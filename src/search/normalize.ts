// Vietnamese text as people type it, reduced to comparable forms. Every syllable gets one
// canonical spelling (NFC, lower case, tone mark at one fixed position, kí/ký and quí/quý
// written alike) and a folded form without any marks (đ → d), so "Hoà", "hòa", "HOÀ" and
// NFD input meet, and "hoa" still finds them all.

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const VOWELS = 'aăâeêioôơuưy';
const QUALITY_VOWELS = 'ăâêôơư';
// Longest first, so "ngh" wins over "ng" and "nh" over "n".
const ONSETS = ['ngh', 'ng', 'gh', 'gi', 'kh', 'nh', 'ph', 'th', 'tr', 'ch', 'qu', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't', 'v', 'x'];
const CODAS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't', 'i', 'o', 'u', 'y']);
// New-style tone position for open two-vowel rhymes where the mark sits on the second vowel.
const SECOND_VOWEL_RHYMES = new Set(['oa', 'oe', 'uy']);

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const SIMPLE = /^[a-z0-9àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$/;

function isVowel(ch: string): boolean {
  return VOWELS.includes(ch);
}

interface Syllable {
  onset: string;
  nucleus: string;
  coda: string;
}

function splitSyllable(base: string): Syllable | undefined {
  let onset = '';
  for (const candidate of ONSETS) {
    if (!base.startsWith(candidate)) continue;
    // "gi" and "qu" are onsets only when a vowel follows: "gì" is g + i, "giá" is gi + a.
    if ((candidate === 'gi' || candidate === 'qu') && !isVowel(base[candidate.length] ?? '')) continue;
    onset = candidate;
    break;
  }
  let i = onset.length;
  while (i < base.length && isVowel(base[i]!)) i++;
  const vowels = base.slice(onset.length, i);
  const rest = base.slice(i);
  if (vowels.length === 0 || vowels.length > 3 || !/^[a-zđ]*$/.test(rest) || !CODAS.has(rest)) return undefined;
  // A vowel-like ending (ai, ao, ay, ...) belongs to the nucleus for tone placement.
  return { onset, nucleus: vowels, coda: rest };
}

function tonePosition(nucleus: string, coda: string): number {
  if (nucleus.length === 1) return 0;
  let quality = -1;
  for (let i = 0; i < nucleus.length; i++) if (QUALITY_VOWELS.includes(nucleus[i]!)) quality = i;
  if (quality >= 0) return quality;
  if (coda !== '') return nucleus.length - 1;
  if (nucleus.length === 2) return SECOND_VOWEL_RHYMES.has(nucleus) ? 1 : 0;
  return 1;
}

// Catalogue text repeats a few thousand syllables: remembering them makes indexing fast.
const CACHE_MAX = 50_000;
const cache = new Map<string, string>();

/** One token (no spaces) to its canonical spelling; tokens that are not Vietnamese syllables only get NFC and lower case. */
export function canonicalSyllable(token: string): string {
  let known = cache.get(token);
  if (known === undefined) {
    known = canonicalize(token);
    // Only word-sized tokens are worth keeping; huge ones would only fill memory.
    if (token.length <= 24) {
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(token, known);
    }
  }
  return known;
}

function canonicalize(token: string): string {
  const lower = token.toLowerCase();
  const decomposed = lower.normalize('NFD');
  let tone = '';
  let stripped = '';
  for (const ch of decomposed) {
    if (TONE_MARKS.has(ch)) tone = ch;
    else stripped += ch;
  }
  const base = stripped.normalize('NFC');
  const parts = splitSyllable(base);
  if (!parts) return lower.normalize('NFC');
  let { nucleus } = parts;
  // kí/ký, lí/lý, quí/quý: a lone "y" after a consonant is written "i".
  if (nucleus === 'y' && parts.onset !== '' && parts.coda === '') nucleus = 'i';
  if (tone === '') return parts.onset + nucleus + parts.coda;
  const at = tonePosition(nucleus, parts.coda);
  const marked = (nucleus[at]! + tone).normalize('NFC');
  return parts.onset + nucleus.slice(0, at) + marked + nucleus.slice(at + 1) + parts.coda;
}

const foldCache = new Map<string, string>();

/** True for a Vietnamese syllable ("khai", "nghiêng"); false for abbreviations like "bhxh" or "cccd". */
export function isSyllable(token: string): boolean {
  return splitSyllable(fold(token.toLowerCase())) !== undefined;
}

/** Without any marks, đ folded to d by hand (it has no decomposition). */
export function fold(text: string): string {
  let folded = foldCache.get(text);
  if (folded === undefined) {
    folded = /^[a-z0-9]*$/.test(text) ? text : text.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    if (text.length <= 24) {
      if (foldCache.size >= CACHE_MAX) foldCache.clear();
      foldCache.set(text, folded);
    }
  }
  return folded;
}

// A raw token's canonical pieces, remembered: catalogue text repeats the same few thousand
// words, and a lookup here replaces a canonical-spelling lookup plus a pattern test per word.
const pieceCache = new Map<string, readonly string[]>();

function pieces(raw: string): readonly string[] {
  let known = pieceCache.get(raw);
  if (known === undefined) {
    const token = canonicalSyllable(raw);
    // Lower-casing can yield characters outside the token class (rare scripts): re-split.
    known = SIMPLE.test(token) ? [token] : Array.from(token.matchAll(TOKEN), (m) => m[0]);
    if (raw.length <= 24) {
      if (pieceCache.size >= CACHE_MAX) pieceCache.clear();
      pieceCache.set(raw, known);
    }
  }
  return known;
}

/** The canonical syllables of a text, in order. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFC').matchAll(TOKEN)) {
    const parts = pieces(match[0]);
    if (parts.length === 1) out.push(parts[0]!);
    else for (const piece of parts) out.push(piece);
  }
  return out;
}

/** Canonical text: syllables in canonical spelling, joined by single spaces. Idempotent. */
export function normalize(text: string): string {
  return tokenize(text).join(' ');
}

/** True when a canonical token carries no Vietnamese marks (typed without diacritics). */
export function isBare(token: string): boolean {
  return fold(token) === token;
}
