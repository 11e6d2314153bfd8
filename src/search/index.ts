// search: reads a citizen's message and ranks procedures (MiniSearch and the stages in README.md);
// owns the index, the lexicon's reading, variants and every search weight (options.ts).
// The procedure search index: MiniSearch over canonical and folded syllables and syllable
// pairs, with field boosts (name > keywords > result > field > papers), synonyms, portal usage
// as a prior, and commune-level variants first when the citizen did not name a level.
import MiniSearch, { type Query, type SearchOptions as MiniSearchOptions, type SearchResult } from 'minisearch';
import type { Level, Procedure } from '../catalogue/schema';
import { QueryAnalyzer, type QueryAnalysis } from './analyze';
import { fold, isSyllable, tokenize } from './normalize';
import { shippedLexicon, type Lexicon } from './lexicon';
import { Vocabulary } from './vocabulary';
import type { PortalOnlyProcedure } from '../catalogue/portal-only';
import { VariantFamilies } from './variants';
import { withTuning, type SearchTuning, type TuningOverrides } from './options';

export interface SearchHit {
  procedure: Procedure;
  score: number;
  /** The text match alone, before usage and level preferences. */
  relevance: number;
  /** Procedures that differ only by level share this key. */
  variantKey: string;
  /** Share of the question's topic words found in this procedure (0–1). */
  coverage: number;
  /** Why it ranked where it did; only when asked for with `explain`. */
  explain?: HitExplanation;
}

export interface HitExplanation {
  /** Index terms matched, by field (a pair of syllables is written "a_b"). */
  fields: Record<string, string[]>;
  /** The factors the text match was multiplied by. */
  factors: { wholeName: number; nameSaid: number; unscoredTerms: number; usage: number; level: number; synonym: number; age: number; applicant: number };
}

export interface SearchOptions {
  limit?: number;
  /** Attach a HitExplanation to each hit (for `motcua search --explain`). */
  explain?: boolean;
}

/** A portal procedure the catalogue lacks, found by its name. */
export interface PortalHit {
  entry: PortalOnlyProcedure;
  score: number;
  coverage: number;
}

export interface QueryOutcome {
  analysis: QueryAnalysis;
  hits: SearchHit[];
  /** Every portal-only procedure among the leading results, best first. */
  portals: PortalHit[];
}

const LEVEL_ORDER: Level[] = ['commune', 'province', 'district', 'ministry', 'other'];
// Names that only say where a variant is handled: "(thực hiện tại cấp tỉnh)".
const LEVEL_SUFFIX = /\((?:thực hiện |áp dụng )?(?:tại |ở )?cấp [^)]*\)|\bthực hiện tại (?:cấp [^,;()]+[,\s]*)+$/giu;
// Without "cấp", which every procedure would share (it costs a scan of them all per query).
const LEVEL_FILLER = new Set(['cấp', 'thực', 'hiện', 'tại', 'ở', 'áp', 'dụng']);
const LEVEL_TERMS: Record<Level, string> = { commune: 'xã phường', province: 'tỉnh', ministry: 'bộ trung ương', district: 'huyện', other: 'cơ quan khác' };
// Names that only say how a variant is submitted: "… thực hiện bằng dịch vụ công trực tuyến toàn trình".
const CHANNEL_SUFFIX = /\s(?:thực hiện )?bằng dịch vụ công trực tuyến (?:toàn trình|một phần(?: hoặc trực tiếp)?)\s*/giu;
/** Applicants who are people: a procedure for none of them is an organisation's. */
const PERSON_APPLICANT = /Công dân|Người nước ngoài|Người Việt Nam định cư|Cán bộ/u;
/** A benefit the employer files for and the worker receives ("Giải quyết hưởng chế độ ốm đau"): the worker's, whoever files. */
const WORKER_BENEFIT = /^Giải quyết hưởng/u;
const CORE_FIELDS = new Set(['name', 'keywords', 'results']);

const FIELDS = ['name', 'keywords', 'results', 'field', 'level', 'papers'] as const;
type Field = (typeof FIELDS)[number];
type Doc = { id: number } & Record<Field, string>;
type DocTerms = Record<Field, string[]>;
// In the supporting fields, a term found in many procedures ("đơn", "bản sao", "đề nghị" among
// papers) separates nothing; leaving it out of those fields keeps its postings from being
// scored on every question that uses the word.
const SUPPORTING_FIELDS: readonly Field[] = ['results', 'field', 'level', 'papers'];
const NAME_FIELDS: Field[] = ['name', 'keywords'];

/**
 * Drops stop terms from the supporting fields of each document (in place) and returns how
 * many postings each remaining term has over all fields: the cost of searching it.
 */
function indexable(docs: DocTerms[], fields: SearchTuning['fields']): { all: Map<string, number>; core: Map<string, number> } {
  if (docs.length >= fields.pruneMinDocs) {
    const limit = fields.supportingStopShare * docs.length;
    for (const field of SUPPORTING_FIELDS) {
      const df = new Map<string, number>();
      for (const doc of docs) for (const t of new Set(doc[field])) df.set(t, (df.get(t) ?? 0) + 1);
      for (const doc of docs) doc[field] = doc[field].filter((t) => df.get(t)! <= limit);
    }
  }
  const all = new Map<string, number>();
  const core = new Map<string, number>();
  for (const doc of docs) {
    for (const field of FIELDS) {
      const counts = NAME_FIELDS.includes(field) ? [all, core] : [all];
      for (const t of new Set(doc[field])) for (const map of counts) map.set(t, (map.get(t) ?? 0) + 1);
    }
  }
  return { all, core };
}

/** Unigrams (canonical and folded) and folded pairs, as index terms. Exact pairs would add a
 * quarter more terms for little gain: the exact unigrams already reward correct marks. */
function terms(tokens: readonly string[], withExact = true): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const f = fold(t);
    if (withExact && f !== t) out.push(t);
    out.push(f);
    const next = tokens[i + 1];
    if (next !== undefined) {
      const nf = fold(next);
      out.push(`${f}_${nf}`);
    }
  }
  return out;
}

interface AgeRange {
  min: number;
  max: number;
}

/** "dưới 14 tuổi" → 0–13; "từ đủ 14 tuổi trở lên" → 14 and over; "từ đủ 75 tuổi đến 80 tuổi" → 75–80. */
export function ageRange(name: string): AgeRange | undefined {
  const f = fold(name.toLowerCase());
  const between = /tu (?:du )?(\d+) tuoi den (?:duoi )?(\d+) tuoi/u.exec(f);
  if (between) return { min: Number(between[1]), max: Number(between[2]) };
  const under = /duoi (\d+) tuoi/u.exec(f);
  if (under) return { min: 0, max: Number(under[1]) - 1 };
  const over = /tu (?:du )?(\d+) tuoi tro len/u.exec(f);
  if (over) return { min: Number(over[1]), max: Number.POSITIVE_INFINITY };
  return undefined;
}

export function indexName(name: string): string {
  return name.replace(LEVEL_SUFFIX, ' ').replace(/^\s*thủ tục\s+/iu, '');
}

export class SearchIndex {
  private readonly mini: MiniSearch<Doc>;
  private readonly analyzer: QueryAnalyzer;
  /** log usage, 0 (unused) to 1 (the most used procedure). */
  private readonly popularityOf: number[] = [];
  private readonly levelSets: Level[][];
  /** Procedures that differ only by the level that handles them share a key. */
  private readonly variantKeys: string[] = [];
  /** Each procedure's distinct name syllables (canonical, level suffix removed). */
  private readonly nameWords: string[][] = [];
  /** Each procedure's distinct folded name syllables that say which procedure it is (not "cấp", "giấy"). */
  private nameContent: string[][] = [];
  private readonly families: VariantFamilies;
  /** The variants' cue words, computed when first asked for. */
  private cueWords: Set<string> | undefined;
  /** The ages a procedure is for, from its name ("… cho người dưới 14 tuổi"); undefined for most. */
  private readonly ageRanges: (AgeRange | undefined)[] = [];
  private readonly organisationOnly: boolean[] = [];
  private readonly byCode = new Map<string, number>();
  /** Portal-only procedures by code; their ids follow the catalogue's. */
  private readonly portalByCode = new Map<string, number>();
  /** Portal-only ids whose whole name a catalogue procedure's name holds: that procedure, under an older code. */
  private readonly portalSameAs = new Map<number, number>();
  private readonly vocabulary: Vocabulary;
  /** Postings per index term over all fields, and over the name fields: what searching it costs. */
  private readonly postings: { all: Map<string, number>; core: Map<string, number> };

  private constructor(
    private readonly procedures: readonly Procedure[],
    lexicon: Lexicon,
    private readonly portalOnly: readonly PortalOnlyProcedure[],
    private readonly tuning: SearchTuning,
  ) {
    const vocabulary = new Vocabulary();
    this.vocabulary = vocabulary;
    const synonyms = lexicon.synonyms;
    const abbreviations = new Map<string, string[]>();
    for (const entry of synonyms) {
      if (entry.means.length === 0) continue;
      for (const say of entry.say) if (say.length === 1 && !isSyllable(say[0]!) && !/\d/.test(say[0]!)) abbreviations.set(fold(say[0]!), entry.means);
    }
    const extraKeywords = new Map<string, string[]>();
    for (const entry of synonyms) {
      if (!entry.keywords) continue;
      for (const code of entry.codes) {
        const list = extraKeywords.get(code) ?? [];
        for (const say of entry.say) list.push(say.join(' '));
        if (entry.means.length > 0) list.push(entry.means.join(' '));
        extraKeywords.set(code, list);
      }
    }
    this.mini = new MiniSearch<Doc>({
      fields: [...FIELDS],
      idField: 'id',
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term || null,
      searchOptions: { boost: tuning.fields.boost, combineWith: 'OR' },
    });
    const maxLogPopularity = Math.log10(1 + Math.max(1, ...procedures.map((p) => p.popularity)));
    this.levelSets = [];
    const docs: DocTerms[] = procedures.map((p, id) => {
      this.byCode.set(p.code, id);
      this.popularityOf.push(Math.log10(1 + (p.popularity || tuning.rerank.unlistedUses)) / maxLogPopularity);
      this.levelSets.push(p.levels);
      this.ageRanges.push(ageRange(p.name));
      this.organisationOnly.push(p.applicants !== undefined && !PERSON_APPLICANT.test(p.applicants) && !WORKER_BENEFIT.test(p.name));
      const indexed = indexName(p.name);
      const nameTokens = tokenize(indexed);
      this.variantKeys.push(tokenize(indexed.replace(CHANNEL_SUFFIX, ' ')).map(fold).join(' '));
      this.nameWords.push([...new Set(nameTokens)]);
      const keywordTokens = [...p.keywords, ...(extraKeywords.get(p.code) ?? [])].map((k) => tokenize(k));
      // The name with its abbreviations written out, so their words and pairs are name words too
      // ("sổ BHXH" is found as "sổ bảo hiểm xã hội"); the abbreviations themselves are kept.
      const expanded = nameTokens.flatMap((t) => abbreviations.get(fold(t)) ?? [t]);
      const abbreviated = nameTokens.filter((t) => abbreviations.has(fold(t)));
      const resultTokens = tokenize(p.results.map((r) => r.name).join(' . ')).slice(0, tuning.fields.resultsMaxTokens);
      const fieldTokens = tokenize(p.field);
      vocabulary.addDocument([nameTokens, ...keywordTokens, resultTokens, fieldTokens]);
      const paperTokens = tokenize(p.papers.flatMap((g) => g.papers.map((x) => x.name)).join(' . ').slice(0, tuning.fields.papersMaxChars)).slice(0, tuning.fields.papersMaxTokens);
      return {
        name: [...terms(expanded), ...terms(abbreviated)],
        keywords: [...new Set(keywordTokens.flatMap((k) => terms(k)))],
        results: terms(resultTokens, false),
        field: terms(fieldTokens),
        level: terms(tokenize(`${p.levels.map((l) => LEVEL_TERMS[l]).join(' ')} ${p.name.match(LEVEL_SUFFIX)?.join(' ') ?? ''}`).filter((t) => !LEVEL_FILLER.has(t)), false),
        papers: [...new Set(terms(paperTokens, false))],
      };
    });
    // Portal-only procedures follow the catalogue's ids, searchable by their names and by the
    // phrases of the lexicon entries that name their codes (as for a catalogue procedure).
    const maxLogAll = Math.max(maxLogPopularity, ...portalOnly.map((e) => Math.log10(1 + e.uses)));
    for (const [i, e] of portalOnly.entries()) {
      this.portalByCode.set(e.code, procedures.length + i);
      const nameTokens = tokenize(indexName(e.name));
      const keywordTokens = (extraKeywords.get(e.code) ?? []).map((k) => tokenize(k));
      this.variantKeys.push(`portal ${nameTokens.map(fold).join(' ')}`);
      this.nameWords.push([...new Set(nameTokens)]);
      this.levelSets.push([]);
      this.popularityOf.push(Math.min(1, Math.log10(1 + e.uses) / maxLogAll));
      this.ageRanges.push(ageRange(e.name));
      // The usage list says which portal an entry was counted on, not who applies: never lowered.
      this.organisationOnly.push(false);
      vocabulary.addDocument([nameTokens, ...keywordTokens]);
      docs.push({ name: terms(nameTokens), keywords: [...new Set(keywordTokens.flatMap((k) => terms(k)))], results: [], field: [], level: [], papers: [] });
    }
    this.matchPortalNames(procedures, portalOnly);
    this.postings = indexable(docs, tuning.fields);
    this.mini.addAll(docs.map((d, id) => ({ id, ...(Object.fromEntries(FIELDS.map((f) => [f, d[f].join(' ')])) as Record<Field, string>) })));
    for (const entry of synonyms) for (const say of entry.say) vocabulary.addWords(say);
    this.analyzer = new QueryAnalyzer(lexicon, vocabulary, tuning.reading);
    this.families = new VariantFamilies(procedures, this.variantKeys.slice(0, procedures.length), lexicon.variants, indexName, tuning.variants);
    this.nameContent = this.nameWords.map((words) => [...new Set(words.map(fold))].filter((f) => vocabulary.share(f) <= tuning.terms.veryCommonShare));
    vocabulary.addWords(this.analyzer.knownWords());
  }

  /** The index over `procedures`, reading questions with `lexicon` (by default the one motcua ships). */
  static build(procedures: readonly Procedure[], lexicon: Lexicon = shippedLexicon(), portalOnly: readonly PortalOnlyProcedure[] = [], tuning: TuningOverrides = {}): SearchIndex {
    return new SearchIndex(procedures, lexicon, portalOnly, withTuning(tuning));
  }

  get size(): number {
    return this.procedures.length;
  }

  procedure(code: string): Procedure | undefined {
    const id = this.byCode.get(code);
    return id === undefined ? undefined : this.procedures[id];
  }

  /**
   * The portal's usage list names some catalogue procedures under an older code and a shorter
   * name: "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"
   * (2.002621) is the catalogue's "Liên thông thủ tục hành chính về đăng ký khai sinh, …"
   * (2.000986). A portal name of six words or more that a catalogue name holds whole, word for
   * word, finds the catalogue procedure, so the chat never calls it missing.
   */
  private matchPortalNames(procedures: readonly Procedure[], portalOnly: readonly PortalOnlyProcedure[]): void {
    const words = (name: string) => tokenize(indexName(name)).map(fold);
    // A catalogue procedure's variant key is its name's folded words.
    const catalogueNames = procedures.map((_, id) => ` ${this.variantKeys[id]} `);
    // Only names holding the portal name's rarest word can hold the whole of it.
    const byWord = new Map<string, number[]>();
    procedures.forEach((_, id) => {
      for (const w of new Set(this.variantKeys[id]!.split(' '))) {
        const ids = byWord.get(w);
        if (ids) ids.push(id);
        else byWord.set(w, [id]);
      }
    });
    portalOnly.forEach((e, i) => {
      const list = words(e.name);
      if (list.length < this.tuning.fields.portalAliasMinWords) return;
      const name = ` ${list.join(' ')} `;
      const rarest = list.reduce((a, b) => ((byWord.get(b)?.length ?? 0) < (byWord.get(a)?.length ?? 0) ? b : a));
      const same = (byWord.get(rarest) ?? []).find((id) => catalogueNames[id]!.includes(name));
      if (same !== undefined) this.portalSameAs.set(procedures.length + i, same);
    });
  }

  /** A procedure the portal lists and the catalogue does not describe yet. */
  portalProcedure(code: string): PortalOnlyProcedure | undefined {
    const id = this.portalByCode.get(code);
    return id === undefined ? undefined : this.portalOnly[id - this.procedures.length];
  }

  analyze(text: string): QueryAnalysis {
    return this.analyzer.analyze(text);
  }

  /** Ranked procedures for a question; never throws on odd input. */
  search(text: string, options: SearchOptions = {}): SearchHit[] {
    return this.query(text, options).hits;
  }

  query(text: string, options: SearchOptions = {}): QueryOutcome {
    const analysis = this.analyzer.analyze(typeof text === 'string' ? text : String(text));
    const found: { portals: PortalHit[] } = { portals: [] };
    const hits = this.searchAnalyzed(analysis, options, found);
    return { analysis, hits, portals: found.portals };
  }

  searchAnalyzed(analysis: QueryAnalysis, options: SearchOptions = {}, found: { portals: PortalHit[] } = { portals: [] }): SearchHit[] {
    const limit = Math.max(1, Math.min(this.tuning.limits.maxLimit, Math.floor(options.limit ?? this.tuning.limits.defaultLimit)));
    const weights = new Map<string, number>();
    // Coverage units: each topic syllable and each synonym phrase, at its sentence's weight.
    const syllables = new Map<string, number>();
    const phrases: { words: string[]; weight: number }[] = [];
    const add = (list: string[], weight: number) => {
      for (const term of list) {
        const w = term.includes('_') ? weight * this.tuning.terms.pairWeight : weight;
        weights.set(term, Math.max(weights.get(term) ?? 0, w));
      }
    };
    // Each syllable and each pair with its neighbour, at the weight of the sentence it is in.
    const topic = analysis.topic;
    for (let i = 0; i < topic.length; i++) {
      const w = analysis.weights[i] ?? 1;
      add(terms([topic[i]!]), w);
      if (i + 1 < topic.length) add([`${fold(topic[i]!)}_${fold(topic[i + 1]!)}`], Math.min(w, analysis.weights[i + 1] ?? 1));
      const key = fold(topic[i]!);
      syllables.set(key, Math.max(syllables.get(key) ?? 0, w));
    }
    analysis.expansions.forEach((phrase, k) => {
      const w = analysis.expansionWeights[k] ?? 1;
      // Expansions are long catalogue phrases: their pairs carry them, single words only when rare.
      add(terms(phrase).filter((t) => t.includes('_') || phrase.length === 1 || this.vocabulary.share(fold(t)) < this.tuning.terms.commonShare), this.tuning.terms.expansionWeight * w);
      phrases.push({ words: phrase.map(fold), weight: w });
    });
    // What the asking sentence named decides coverage; a story around it only when nothing was asked.
    const top = Math.max(0, ...syllables.values(), ...phrases.map((p) => p.weight));
    const units = [...[...syllables].filter(([, w]) => w === top).map(([k]) => [k]), ...phrases.filter((p) => p.weight === top).map((p) => p.words)];

    const exact: SearchHit[] = [];
    for (const code of analysis.codes) {
      const p = this.procedure(code);
      if (p) exact.push({ procedure: p, score: 1000, relevance: 1000, variantKey: this.variantKeys[this.byCode.get(code)!]!, coverage: 1 });
    }
    if (weights.size === 0) return exact.slice(0, limit);

    const pruned = this.prune(weights);
    const levelHint = analysis.levels;
    const synonymIds = new Set(analysis.synonymCodes.map((c) => this.byCode.get(c) ?? this.portalByCode.get(c)).filter((id): id is number => id !== undefined));
    // A question made only of common words matches a large share of the catalogue; scoring
    // it on the name alone keeps it fast, and the other fields would not separate it anyway.
    const generic = [...weights.keys()].every((t) => this.termShare(t) > this.tuning.terms.commonShare);
    const plan = this.plan([...weights.keys()], generic);
    const scoring: MiniSearchOptions = { boostTerm: (term) => weights.get(term) ?? 1 };
    const candidates = this.candidates(plan.everywhere, scoring);
    const query: Query = {
      combineWith: 'OR',
      queries: [
        ...(plan.everywhere.length > 0 ? [{ queries: plan.everywhere }] : []),
        ...(plan.names.length > 0 ? [{ queries: plan.names, fields: [...NAME_FIELDS] }] : []),
      ],
    };
    const results = this.mini.search(query, {
      ...scoring,
      ...(candidates ? { boostDocument: (id) => (candidates.has(id as number) ? 1 : 0) } : {}),
    });
    // Terms not scored count in the rerank when the citizen typed them (not a synonym's
    // expansion), unless a kept pair already carries the word.
    const typed = new Set(terms(analysis.topic));
    const kept = new Set([...weights.keys()].flatMap((t) => (t.includes('_') ? t.split('_') : [])));
    const left = [...pruned, ...plan.left].filter((t) => typed.has(t) && (t.includes('_') || !kept.has(fold(t)))).map((t) => ` ${t.split('_').map(fold).join(' ')} `);
    // The prior is applied to the leading candidates only: it reorders near neighbours, it
    // cannot lift a procedure that matched a fraction of the words.
    // Syllables typed with marks must match exactly ("lái" is not "lại"); bare ones match either.
    // Only what was typed counts: a synonym's expansion names its procedure by design.
    const asked = new Set(analysis.topic);
    const covered = (w: string) => asked.has(w) || asked.has(fold(w));
    const said = new Set([...analysis.topic, ...analysis.expansions.flat()].map(fold));
    const rerank = this.tuning.rerank;
    const scored = results.slice(0, rerank.depth).map((r) => {
      const id = r.id as number;
      // A question that names a procedure in full ("cấp giấy phép lái xe") means that one,
      // even when a sibling with one different word ("đổi …") is used more often.
      const wholeName = this.nameWords[id]!.every(covered) ? rerank.wholeNameBoost : 1;
      const factors = {
        wholeName,
        nameSaid: analysis.long || analysis.topic.length >= rerank.nameSaidMinTopic ? this.nameSaid(id, said) : 1,
        unscoredTerms: this.leftBoost(id, r, left),
        ...this.documentBoost(id, levelHint, synonymIds, analysis.long),
        age: this.ageFit(id, analysis.ages),
        applicant: !analysis.organisation && this.organisationOnly[id] ? rerank.organisationOnly : 1,
      };
      return { r, factors, score: r.score * Object.values(factors).reduce((a, b) => a * b, 1) };
    });
    scored.sort((a, b) => b.score - a.score);
    this.orderVariants(scored, levelHint);
    const hits: SearchHit[] = [...exact];
    const seen = new Set(exact.map((h) => h.procedure.code));
    const catalogued = this.procedures.length;
    for (const { r, score, factors } of scored) {
      if (hits.length >= limit) break;
      let id = r.id as number;
      if (id >= catalogued) {
        const same = this.portalSameAs.get(id);
        if (same === undefined) {
          // Portal-only names are reported apart; they are never catalogue hits.
          found.portals.push({ entry: this.portalOnly[id - catalogued]!, score, coverage: coverage(r, units) });
          continue;
        }
        // An older name of a catalogue procedure finds that procedure.
        id = same;
      }
      const p = this.procedures[id]!;
      if (seen.has(p.code)) continue;
      seen.add(p.code);
      const hit: SearchHit = { procedure: p, score, relevance: r.score, variantKey: this.variantKeys[id]!, coverage: coverage(r, units) };
      if (options.explain) hit.explain = { fields: byField(r), factors };
      hits.push(hit);
    }
    return this.preferAskedVariant(hits, analysis);
  }

  /**
   * "bị mất thẻ căn cước": when the question names a variant (the lexicon's `variants`) that
   * the first hit is not, and a sibling is, the sibling takes the first place and its score.
   */
  private preferAskedVariant(hits: SearchHit[], analysis: QueryAnalysis): SearchHit[] {
    const top = hits[0];
    if (!top || analysis.codes.includes(top.procedure.code)) return hits;
    const sibling = this.families.preferred(this.byCode.get(top.procedure.code)!, this.families.asked(analysis));
    if (sibling === undefined) return hits;
    const procedure = this.procedures[sibling]!;
    const rest = hits.filter((h) => h.procedure.code !== procedure.code);
    const found = hits.find((h) => h.procedure.code === procedure.code);
    const chosen: SearchHit = { ...(found ?? top), procedure, variantKey: this.variantKeys[sibling]!, score: top.score, relevance: Math.max(top.relevance, found?.relevance ?? 0), coverage: Math.max(top.coverage, found?.coverage ?? 0) };
    return [chosen, ...rest];
  }

  /** Words that only say which sibling (re-issue, exchange, renewal) is meant: "mất", "hỏng", "làm lại"… */
  get variantCueWords(): ReadonlySet<string> {
    this.cueWords ??= this.families.cueWords();
    return this.cueWords;
  }

  /** The procedure's name starts with a variant (cấp lại, cấp đổi, gia hạn…) the question does not ask for. */
  variantUnasked(code: string, analysis: QueryAnalysis): boolean {
    const id = this.byCode.get(code);
    if (id !== undefined) return this.families.leadsWithUnasked(id, analysis);
    // A portal procedure the catalogue lacks: its name says it is a variant, siblings listed or not.
    const portal = this.portalByCode.get(code);
    return portal !== undefined && this.families.nameLeadsWithUnasked(this.portalOnly[portal - this.procedures.length]!.name, analysis);
  }

  /** The question names two variants (cấp lại and cấp đổi, say) and the procedure has a sibling that is the other. */
  variantDisputed(code: string, analysis: QueryAnalysis): boolean {
    const id = this.byCode.get(code);
    return id !== undefined && this.families.disputed(id, analysis);
  }

  /** Other variants of a procedure (re-issue, exchange, for organisations…), the most used first. */
  siblings(code: string, limit = 3): Procedure[] {
    const id = this.byCode.get(code);
    if (id === undefined) return [];
    return this.families.siblings(id).slice(0, limit).map((s) => this.procedures[s]!);
  }

  /**
   * Among variants of one procedure at different levels, the citizen's level (or the commune,
   * closest to them, when they named none) takes the group's best place; the others follow
   * in level order. Positions held by the group do not change, only who holds them.
   */
  private orderVariants<T extends { r: SearchResult; score: number }>(scored: T[], levelHint: readonly Level[]): void {
    const groups = new Map<string, number[]>();
    scored.forEach((s, i) => {
      const key = this.variantKeys[s.r.id as number]!;
      const list = groups.get(key);
      if (list) list.push(i);
      else groups.set(key, [i]);
    });
    const rank = (id: number) => {
      const levels = this.levelSets[id]!;
      if (levelHint.some((l) => levels.includes(l))) return -1;
      return Math.min(...levels.map((l) => LEVEL_ORDER.indexOf(l)));
    };
    for (const positions of groups.values()) {
      if (positions.length < 2) continue;
      const members = positions.map((i) => scored[i]!);
      const scores = members.map((m) => m.score);
      members.sort((a, b) => rank(a.r.id as number) - rank(b.r.id as number) || b.score - a.score);
      positions.forEach((pos, k) => {
        scored[pos] = { ...members[k]!, score: scores[k]! };
      });
    }
  }

  // Syllables in a large share of names ("đăng", "kí", "cấp", "giấy") cost the most to score
  // and say little on their own; when a pair already carries them, the single term is dropped.
  private termShare(term: string): number {
    const parts = term.split('_');
    return parts.length === 2 ? this.vocabulary.pairShare(parts[0]!, parts[1]!) : this.vocabulary.share(fold(term));
  }

  /**
   * Common words ("cấp", "giấy", "đăng kí") match a large share of the catalogue and cost the
   * most to score. The documents worth ranking are those that match one of the question's
   * selective terms: those are found first, from the rarest terms alone, and the full
   * question is then scored on them only. Undefined when every term is needed to seed.
   */
  private candidates(list: readonly string[], scoring: MiniSearchOptions): Set<number> | undefined {
    const c = this.tuning.candidates;
    if (this.procedures.length < this.tuning.fields.pruneMinDocs) return undefined;
    const cost = (t: string) => this.cost(t, 'all');
    const ranked = [...list].sort((a, b) => cost(a) - cost(b));
    const total = ranked.reduce((sum, t) => sum + cost(t), 0);
    const seeds: string[] = [];
    let reach = 0;
    for (const t of ranked) {
      if (cost(t) > c.selectiveShare * this.procedures.length && reach >= c.minCandidates) break;
      seeds.push(t);
      reach += cost(t);
    }
    // Seeding pays when the whole question would score many postings and the seeds a small
    // part of them; below that, the second pass costs more than it saves (in garbage too).
    if (total < c.seedMinPostings || reach * c.seedGain > total) return undefined;
    const found = this.mini.search(seeds.join(' '), scoring);
    if (found.length < c.minCandidates / 2) return undefined;
    return new Set(found.map((r) => r.id as number));
  }

  /** Postings of a term over all fields, or over the name fields only. */
  private cost(term: string, fields: 'all' | 'core'): number {
    return this.postings[fields].get(term) ?? 0;
  }

  /**
   * Which terms to search in every field, which in the names only, and which to leave to the
   * rerank, so that the postings scored stay within budget: the rarest terms first, and
   * always at least one. A question of common words only searches the names.
   */
  private plan(list: readonly string[], generic: boolean): { everywhere: string[]; names: string[]; left: string[] } {
    const budget = this.tuning.terms.postingsBudget;
    const everywhere: string[] = [];
    const names: string[] = [];
    const left: string[] = [];
    const all = (t: string) => this.cost(t, 'all');
    const core = (t: string) => this.cost(t, 'core');
    let spent = 0;
    for (const t of [...list].sort((a, b) => core(a) - core(b))) {
      if (!generic && spent + all(t) <= budget) {
        everywhere.push(t);
        spent += all(t);
      } else if (spent + core(t) <= budget || spent === 0) {
        names.push(t);
        spent += core(t);
      } else left.push(t);
    }
    return { everywhere, names, left };
  }

  /**
   * Terms left out of the search still count for the leading results: like MiniSearch, which
   * multiplies a score by the number of query terms matched, each one found in the name
   * raises the count.
   */
  private leftBoost(id: number, result: SearchResult, left: readonly string[]): number {
    if (left.length === 0) return 1;
    const name = ` ${this.variantKeys[id]!} `;
    let found = 0;
    for (const words of left) if (name.includes(words)) found++;
    const matched = result.queryTerms.length;
    return (matched + found) / matched;
  }

  /**
   * How much of the procedure's own name the citizen said: a short name said in full ("tách
   * thửa đất") beats a long one that merely shares many of a story's words.
   */
  private nameSaid(id: number, said: ReadonlySet<string>): number {
    const words = this.nameContent[id]!;
    if (words.length === 0) return 1;
    return 1 + this.tuning.rerank.nameSaidWeight * (words.filter((w) => said.has(w)).length / words.length);
  }

  /** Drops the terms not worth scoring from the question, and returns them. */
  private prune(weights: Map<string, number>): string[] {
    if (this.procedures.length < this.tuning.fields.pruneMinDocs) return [];
    const before = [...weights.keys()];
    const inPairs = new Set<string>();
    for (const term of weights.keys()) if (term.includes('_')) for (const part of term.split('_')) inPairs.add(part);
    const share = (term: string) => this.termShare(term);
    for (const term of [...weights.keys()]) {
      if (term.includes('_')) continue;
      const f = fold(term);
      if (inPairs.has(f) && this.vocabulary.share(f) > this.tuning.terms.commonShare) weights.delete(term);
    }
    // A word no procedure uses (a place, a person, a story's detail) can match nothing.
    for (const term of [...weights.keys()]) if (this.cost(term, 'all') === 0) weights.delete(term);
    if (weights.size <= 4) return before.filter((t) => !weights.has(t));
    // Long questions: the asking sentence's terms first, then the rarest; very common pairs
    // ("đăng kí") only add cost.
    const ranked = [...weights.keys()]
      .map((t) => ({ t, s: share(t), w: weights.get(t)! / (t.includes('_') ? this.tuning.terms.pairWeight : 1) }))
      .sort((a, b) => b.w - a.w || a.s - b.s);
    const { veryCommonShare, maxQueryTerms } = this.tuning.terms;
    const rare = ranked.filter((x) => x.s <= veryCommonShare).length;
    // Made only of very common words, a question is vague anyway: its three rarest terms decide.
    const keep = rare >= 2 ? maxQueryTerms : 3;
    ranked.forEach((x, i) => {
      if (i >= keep || (x.s > veryCommonShare && rare >= 2)) weights.delete(x.t);
    });
    return before.filter((t) => !weights.has(t));
  }

  /** A stated age against the ages a name is for ("dưới 14 tuổi", "từ đủ 14 tuổi trở lên"). */
  private ageFit(id: number, ages: readonly number[]): number {
    const range = this.ageRanges[id];
    if (!range || ages.length === 0) return 1;
    return ages.some((a) => a >= range.min && a <= range.max) ? 1 : this.tuning.rerank.ageMismatch;
  }

  private documentBoost(id: number, levelHint: readonly Level[], synonymIds: ReadonlySet<number>, long: boolean): { usage: number; level: number; synonym: number } {
    const r = this.tuning.rerank;
    const usage = 1 + (long ? r.longPopularityWeight : r.popularityWeight) * this.popularityOf[id]!;
    const levels = this.levelSets[id]!;
    let level = 1;
    if (levelHint.length > 0) {
      if (levels.some((l) => levelHint.includes(l))) level = r.namedLevelBoost;
    } else if (levels.includes('commune')) level = r.communeBoost;
    else if (levels.includes('province')) level = r.provinceBoost;
    return { usage, level, synonym: synonymIds.has(id) ? r.synonymBoost : 1 };
  }
}

/** The terms a result matched, by field. */
function byField(result: SearchResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [term, fields] of Object.entries(result.match)) {
    for (const f of fields) {
      const list = out[f] ?? [];
      list.push(term);
      out[f] = list;
    }
  }
  return out;
}

/** Share of query units (topic syllables, synonym phrases) matched by a result. */
function coverage(result: SearchResult, units: readonly string[][]): number {
  if (units.length === 0) return 1;
  const matched = new Set<string>();
  for (const [term, fields] of Object.entries(result.match)) {
    if (!fields.some((f) => CORE_FIELDS.has(f))) continue;
    for (const part of term.split('_')) matched.add(fold(part));
  }
  let hit = 0;
  for (const unit of units) if (unit.some((u) => matched.has(u))) hit++;
  return hit / units.length;
}
