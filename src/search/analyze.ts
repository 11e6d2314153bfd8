// Reads a citizen's question: which facet they ask about (papers, fee, time, …), which words
// name the topic, which abbreviations or colloquial names stand for catalogue words, and
// whether they named a level of government. The index turns the result into weighted terms.
import type { Level } from '../catalogue/schema';
import type { Facet } from '../conversation/message';
import { focus, withoutNames, type Segment } from './focus';
import { fold, isBare, isSyllable, tokenize } from './normalize';
import { PhraseTable } from './phrases';
import type { IntentEntry, Lexicon, Origin, OutsideEntry, SynonymEntry } from './lexicon';
import type { Vocabulary } from './vocabulary';
import { defaultSearchTuning, type SearchTuning } from './options';

export interface QueryAnalysis {
  /** Procedure codes typed as such ("1.001193"). */
  codes: string[];
  /** Facets asked about, in the order they were asked. */
  facets: Facet[];
  /** The topic's canonical syllables, filler and question words removed. */
  topic: string[];
  /** How much each topic syllable counts: 1 in the asking sentence, less in a story around it. */
  weights: number[];
  /** Some topic words come from a story around the question (a long message): held to more. */
  long: boolean;
  /** Catalogue phrases that abbreviations or colloquial names in the query stand for. */
  expansions: string[][];
  expansionWeights: number[];
  /** Procedures named by a synonym entry the query used. */
  synonymCodes: string[];
  /**
   * The codes of a `keywords: false` synonym entry when the asking words are nothing but its
   * phrase (and question words): "làm bằng lái quốc tế" is the international driving permit.
   */
  phraseCodes: string[];
  /** Levels of government the citizen named. */
  levels: Level[];
  /** True when nothing but question words, filler and facet words was typed ("còn lệ phí thì sao?"). */
  onlyIntent: boolean;
  /** The lexicon entries the question used, in order (for `motcua search --explain`). */
  used: LexiconUse[];
  /** Ages the message states ("con tôi 10 tuổi"): they choose between "dưới 14 tuổi" and "từ đủ 14 tuổi". */
  ages: number[];
  /** The message speaks of a company or another organisation ("công ty", "doanh nghiệp", "hợp tác xã"). */
  organisation: boolean;
  /** The asking sentence asks for something no office here does (the lexicon's `outside`). */
  outside?: OutsideEntry;
  /**
   * What the message says is already received: the three words after each "đang hưởng",
   * "đã được hưởng"… ("tro cap that" of "đang hưởng trợ cấp thất nghiệp"), folded.
   */
  receiving: string[];
}

/** "đang hưởng trợ cấp thất nghiệp", "đã được hưởng lương hưu": the three words of what is received. */
const RECEIVING = / (?:dang|da)(?: duoc)? huong ((?:\S+ ){2}\S+)/gu;

/** The message's words, folded, spaced at both ends so a phrase is found as ` ${phrase} `. */
function foldedWords(text: string): string {
  return ` ${tokenize(text).map(fold).join(' ')} `;
}

/** What a message says is already received (see `QueryAnalysis.receiving`), from its `foldedWords`. */
function statedReceiving(words: string): string[] {
  return [...words.matchAll(RECEIVING)].map((m) => m[1]!);
}

/** A number followed by "tuổi" ("10 tuổi"; "10t" is too loose), with what bounds it: "dưới 14 tuổi" is 13 or less. */
const AGE = /(?:\b(duoi|chua du|chua den|tren|hon|qua)\s+)?(?<![\d.,])(\d{1,3}) ?tuoi\b/gu;

/** The ages a message states, from its folded text: "dưới 14 tuổi" counts as 13, "trên 14 tuổi" as 15. */
export function statedAges(text: string): number[] {
  const ages = [...fold(text.toLowerCase()).matchAll(AGE)].map((m) => {
    const n = Number(m[2]);
    if (m[1] === 'duoi' || m[1] === 'chua du' || m[1] === 'chua den') return n - 1;
    return m[1] ? n + 1 : n;
  });
  return [...new Set(ages.filter((n) => n >= 0 && n <= 120))];
}

/** Words that make a message an organisation's: the folded text holds one as whole words. */
const ORGANISATION = /\b(cong ty|doanh nghiep|hop tac xa|htx|to chuc|ngan hang|chi nhanh|van phong dai dien|co so kinh doanh|nha dau tu)\b/u;

/** Whether a message speaks of a company or another organisation, from its folded text. */
export function speaksOfOrganisation(text: string): boolean {
  return ORGANISATION.test(fold(text.toLowerCase()));
}

export interface LexiconUse {
  section: 'synonyms' | 'intents' | 'shorthand' | 'levels' | 'outside';
  /** The words as the citizen typed them. */
  typed: string;
  /** What they were read as: catalogue words, codes, a facet or a level. */
  read: string;
  origin?: Origin;
}

type PhraseValue = { kind: 'intent'; entry: IntentEntry } | { kind: 'synonym'; entry: SynonymEntry } | { kind: 'level'; level: Level; origin?: Origin } | { kind: 'not-level' };

const CODE_PATTERN = /\b\d\.\d{6}\b/g;

export class QueryAnalyzer {
  private readonly phrases = new PhraseTable<PhraseValue>();
  private readonly filler = new Set<string>();
  private readonly fillerFolded = new Set<string>();
  private readonly teen = new Map<string, { means: string[]; origin?: Origin }>();
  private readonly teenExact = new Set<string>();
  private readonly pairedFolded = new Set<string>();
  /** Neighbouring words of the synonyms' phrases, folded: "so hong" is sổ hồng, not "sổ không". */
  private readonly synonymPairs = new Set<string>();
  /** The lexicon's `outside` entries with their phrases as found in `foldedWords`: " visa di ". */
  private readonly outside: { entry: OutsideEntry; say: string[]; unless: string[] }[];

  constructor(
    private readonly lexicon: Lexicon,
    private readonly vocabulary: Vocabulary,
    private readonly reading: SearchTuning['reading'] = defaultSearchTuning.reading,
  ) {
    for (const entry of lexicon.intents) for (const say of entry.say) this.phrases.add(say, { kind: 'intent', entry });
    for (const entry of lexicon.synonyms) {
      for (const say of entry.say) {
        this.phrases.add(say, { kind: 'synonym', entry });
        for (let i = 1; i < say.length; i++) this.synonymPairs.add(`${fold(say[i - 1]!)} ${fold(say[i]!)}`);
      }
    }
    for (const { words, level, origin } of lexicon.levels) this.phrases.add(words, { kind: 'level', level, ...(origin ? { origin } : {}) });
    // "xã hội", "sở hữu": read as the words they are, not as a level (after the entries above,
    // so an intent or synonym of the same words keeps its meaning).
    for (const words of lexicon.notLevels) this.phrases.add(words, { kind: 'not-level' });
    this.outside = lexicon.outside.map((entry) => ({ entry, say: entry.say.map((p) => ` ${p.map(fold).join(' ')} `), unless: entry.unless.map((u) => ` ${u.join(' ')} `) }));
    for (const w of lexicon.filler) {
      this.filler.add(w);
      this.fillerFolded.add(fold(w));
    }
    for (const entry of lexicon.shorthand) {
      for (const code of entry.say) {
        this.teen.set(fold(code), { means: entry.means, ...(entry.origin ? { origin: entry.origin } : {}) });
        this.teenExact.add(code);
      }
    }
    for (const w of lexicon.fillerUnlessPaired) this.pairedFolded.add(fold(w));
  }

  /** Every word the analyser itself understands, so spelling repair leaves them alone. */
  knownWords(): string[] {
    const out = [...this.filler, ...this.teen.keys()];
    for (const entry of this.lexicon.intents) for (const say of entry.say) out.push(...say);
    for (const { words } of this.lexicon.levels) out.push(...words);
    return out;
  }

  analyze(text: string): QueryAnalysis {
    const codes = [...new Set(text.match(CODE_PATTERN) ?? [])];
    const words = foldedWords(text);
    const segments = focus(text.replace(CODE_PATTERN, ' '), this.reading);
    const long = segments.length > 1 || segments[0]!.weight < 1;
    const out: QueryAnalysis = { codes, facets: [], topic: [], weights: [], long: false, expansions: [], expansionWeights: [], synonymCodes: [], phraseCodes: [], levels: [], onlyIntent: true, used: [], ages: statedAges(text), organisation: speaksOfOrganisation(text), receiving: statedReceiving(words) };
    let budget = this.reading.maxQueryTokens;
    let substantive = codes.length > 0;
    let beyondSynonyms = 0;
    for (const segment of segments) {
      if (budget <= 0) break;
      const clean = long ? withoutNames(segment.text, (words) => this.isCatalogueRun(words)) : segment.text;
      const raw = tokenize(clean).slice(0, budget);
      budget -= raw.length;
      const asking = segment.weight >= 1;
      const part = this.analyzeTokens(raw, long, asking ? out : undefined, out.used);
      for (const [i, t] of part.topic.entries()) {
        out.topic.push(t);
        out.weights.push(segment.weight);
        if (!part.intentOnly[i]) substantive = true;
        if (asking && !part.inSynonym[i] && !part.intentOnly[i]) beyondSynonyms++;
      }
      for (const e of part.expansions) {
        substantive = true;
        // One phrase once, at the weight of its most important sentence.
        const key = e.join(' ');
        if (out.expansions.some((x) => x.join(' ') === key)) continue;
        out.expansions.push(e);
        out.expansionWeights.push(segment.weight);
      }
      if (asking) for (const c of part.synonymCodes) if (!out.synonymCodes.includes(c)) out.synonymCodes.push(c);
      if (asking) for (const c of part.phraseCodes) if (!out.phraseCodes.includes(c)) out.phraseCodes.push(c);
    }
    // "cấp lại giấy chứng nhận đăng ký hộ kinh doanh" says more than its synonym does: the
    // synonym's own procedure is then not preferred, the words decide.
    if (beyondSynonyms >= 2) out.synonymCodes.length = 0;
    if (beyondSynonyms > 0) out.phraseCodes.length = 0;
    const outside = this.outsideAsked(segments, words);
    if (outside) {
      out.outside = outside.entry;
      out.used.push(use('outside', outside.typed, 'not an office here', outside.entry.origin));
    }
    out.onlyIntent = !substantive;
    out.long = out.weights.some((w) => w < 1);
    return out;
  }

  /**
   * The lexicon's `outside` entry an asking sentence says ("làm visa đi Nhật"; told in the story
   * it is background), unless the message says one of its `unless` phrases anywhere ("Tôi là
   * người nước ngoài, visa đi làm của tôi…": an immigration office's after all). Read apart from
   * the other entries, so the words are still read as usual for the search.
   */
  private outsideAsked(segments: readonly Segment[], said: string): { entry: OutsideEntry; typed: string[] } | undefined {
    if (this.outside.length === 0) return undefined;
    for (const segment of segments) {
      if (segment.weight < 1) continue;
      const folded = foldedWords(segment.text);
      for (const { entry, say, unless } of this.outside) {
        const i = say.findIndex((p) => folded.includes(p));
        if (i >= 0 && !unless.some((u) => said.includes(u))) return { entry, typed: entry.say[i]! };
      }
    }
    return undefined;
  }

  /** A run of capitalised words that is catalogue text ("Giấy khai sinh"), not a name. */
  private isCatalogueRun(words: string[]): boolean {
    const tokens = words.flatMap((w) => tokenize(w));
    for (let i = 0; i + 1 < tokens.length; i++) if (this.vocabulary.hasPair(tokens[i]!, tokens[i + 1]!)) return true;
    return false;
  }

  /**
   * One sentence's syllables: facets and levels go to `asked` (the asking sentence only),
   * the topic and synonym expansions are returned.
   */
  private analyzeTokens(
    raw: string[],
    careful: boolean,
    asked: Pick<QueryAnalysis, 'facets' | 'levels'> | undefined,
    used: LexiconUse[],
  ): { topic: string[]; intentOnly: boolean[]; inSynonym: boolean[]; expansions: string[][]; synonymCodes: string[]; phraseCodes: string[] } {
    const tokens = this.repair(this.expandTeenCode(raw, used), careful);
    const folded = tokens.map(fold);
    const expansions: string[][] = [];
    const synonymCodes: string[] = [];
    const phraseCodes: string[] = [];
    const keep = new Array<boolean>(tokens.length).fill(true);
    const intentOnly = new Array<boolean>(tokens.length).fill(false);
    const inSynonym = new Array<boolean>(tokens.length).fill(false);

    for (const m of this.phrases.scan(tokens, folded)) {
      const v = m.value;
      const span = Array.from({ length: m.length }, (_, k) => m.start + k);
      const typed = span.map((k) => tokens[k]!);
      if (v.kind === 'intent') {
        // Typed bare, "dau" is "đâu" (where) in "o dau" but "đầu" in "lan dau": a single
        // syllable that pairs with its neighbour in the catalogue stays topic.
        if (m.length === 1 && isBare(tokens[m.start]!) && this.pairsWithNeighbour(tokens, m.start)) continue;
        const facet = v.entry.facet;
        if (facet && asked && !asked.facets.includes(facet)) asked.facets.push(facet);
        for (const k of span) {
          intentOnly[k] = true;
          if (!v.entry.keep) keep[k] = false;
        }
        used.push(use('intents', typed, facet ? `facet ${facet}` : 'a question word', v.entry.origin));
      } else if (v.kind === 'synonym') {
        if (careful && !v.entry.inStory) continue;
        const read = [v.entry.means.join(' '), ...v.entry.codes].filter(Boolean).join(', ');
        used.push(use('synonyms', typed, read, v.entry.origin));
        for (const k of span) inSynonym[k] = true;
        if (v.entry.means.length > 0) expansions.push(v.entry.means);
        for (const c of v.entry.codes) if (!synonymCodes.includes(c)) synonymCodes.push(c);
        if (!v.entry.keywords) for (const c of v.entry.codes) if (!phraseCodes.includes(c)) phraseCodes.push(c);
        // Words the catalogue itself uses ("khai sinh", "TNHH") stay in the topic, so the
        // rest of the question ("đăng ký lại khai sinh") still picks the right variant.
        if (!v.entry.keep && !this.vocabulary.isCatalogueText(typed)) for (const k of span) keep[k] = false;
      } else if (v.kind === 'level') {
        if (asked && !asked.levels.includes(v.level)) asked.levels.push(v.level);
        used.push(use('levels', typed, `level ${v.level}`, v.origin));
      }
    }

    const topic: string[] = [];
    const topicIntent: boolean[] = [];
    const topicSynonym: boolean[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!keep[i]) continue;
      if (this.isFiller(tokens, i)) continue;
      topic.push(tokens[i]!);
      topicIntent.push(intentOnly[i]!);
      topicSynonym.push(inSynonym[i]!);
    }
    return { topic, intentOnly: topicIntent, inSynonym: topicSynonym, expansions, synonymCodes, phraseCodes };
  }

  private expandTeenCode(tokens: readonly string[], used: LexiconUse[]): string[] {
    const out: string[] = [];
    for (const [i, t] of tokens.entries()) {
      // Part of a synonym typed without marks ("so hong"): the phrase, not shorthand ("hong" → không).
      const inPhrase = [tokens[i - 1], tokens[i + 1]].some((n, side) => n !== undefined && this.synonymPairs.has(side === 0 ? `${fold(n)} ${fold(t)}` : `${fold(t)} ${fold(n)}`));
      const entry = !inPhrase && (isBare(t) || this.teenExact.has(t)) ? this.teen.get(fold(t)) : undefined;
      if (entry) used.push(use('shorthand', [t], entry.means.join(' '), entry.origin));
      out.push(...(entry?.means ?? [t]));
    }
    return out;
  }

  /**
   * Typos and run-together syllables, repaired against the catalogue's own words. In a long,
   * careful message a syllable typed with its marks is a real word, not a typo ("Thọ" is not
   * "thu"), and is left alone.
   */
  private repair(tokens: readonly string[], careful = false): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const f = fold(t);
      if (careful && !isBare(t) && isSyllable(t)) {
        out.push(t);
        continue;
      }
      const neighbourWords = [tokens[i - 1], tokens[i + 1]].filter((n): n is string => n !== undefined).map(fold);
      if (this.vocabulary.has(f) || /\d/.test(f)) {
        // A real word can still be a typo for another ("hộ chíu" → "chịu" is a word, but
        // "hộ chiếu" is the pair the catalogue knows): switch only to a word that pairs.
        const swap =
          f.length >= 3 && !this.vocabulary.isQuestionWord(f) && neighbourWords.length > 0 && !this.vocabulary.pairsWith(f, neighbourWords)
            ? this.vocabulary.correctPaired(f, neighbourWords)
            : undefined;
        out.push(swap ?? t);
        continue;
      }
      const halves = this.vocabulary.split(f);
      if (halves) {
        out.push(...halves);
        continue;
      }
      const neighbours = [tokens[i - 1], tokens[i + 1]].filter((n): n is string => n !== undefined).map(fold);
      out.push(this.vocabulary.correct(f, neighbours) ?? t);
    }
    return out;
  }

  private isFiller(tokens: readonly string[], i: number): boolean {
    const t = tokens[i]!;
    const hit = isBare(t) ? this.fillerFolded.has(t) : this.filler.has(t);
    if (!hit) return false;
    // "hộ" in "hộ chiếu", "có" in "có yếu tố nước ngoài": kept when it pairs with a neighbour.
    // Typed without marks, a filler word may be a content word in disguise ("dang" is "đang"
    // but also "đăng"): then it too is dropped only when it pairs with no neighbour.
    if (!isBare(t) && !this.pairedFolded.has(fold(t))) return true;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const pairsBefore = prev !== undefined && !this.isPlainFiller(prev) && this.vocabulary.hasPair(prev, t);
    const pairsAfter = next !== undefined && !this.isPlainFiller(next) && this.vocabulary.hasPair(t, next);
    return !(pairsBefore || pairsAfter);
  }

  private pairsWithNeighbour(tokens: readonly string[], i: number): boolean {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    return (prev !== undefined && this.vocabulary.hasPair(prev, t)) || (next !== undefined && this.vocabulary.hasPair(t, next));
  }

  private isPlainFiller(t: string): boolean {
    return isBare(t) ? this.fillerFolded.has(t) : this.filler.has(t);
  }
}

/**
 * What the asking sentences said, folded (or, with `marks`, as typed): the topic syllables at
 * the top weight, in order, and the lexicon expansions of the same weight. A story around the
 * question is left out.
 */
export function askingPart(analysis: QueryAnalysis, marks = false): { topic: string[]; expansions: string[][] } {
  const top = Math.max(0, ...analysis.weights, ...analysis.expansionWeights);
  const word = marks ? (w: string) => w : fold;
  return {
    topic: analysis.topic.filter((_, i) => (analysis.weights[i] ?? 1) >= top).map(word),
    expansions: analysis.expansions.filter((_, i) => (analysis.expansionWeights[i] ?? 1) >= top).map((e) => e.map(word)),
  };
}

function use(section: LexiconUse['section'], typed: readonly string[], read: string, origin: Origin | undefined): LexiconUse {
  return { section, typed: typed.join(' '), read, ...(origin ? { origin } : {}) };
}
