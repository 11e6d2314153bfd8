// Every weight and threshold of the search pipeline, with its default, in the order the stages
// run (src/search/README.md describes each stage and what its rule brought on the tune half of
// the real questions). `SearchIndex.build(…, tuning)` takes any part of it to override.

export interface SearchTuning {
  /** Reading a message: which sentences ask, and how much the story around them counts. */
  reading: {
    /** Messages up to this many words are read whole, every word at full weight. */
    focusMinWords: number;
    /** Weight of the sentence just before the asking one. */
    leadInWeight: number;
    /** Weight of the other (narrative) sentences. */
    narrativeWeight: number;
    /** Syllables read from one message, the asking sentences first. */
    maxQueryTokens: number;
  };
  /** What each procedure is indexed with. */
  fields: {
    /** MiniSearch field boosts. */
    boost: { name: number; keywords: number; results: number; field: number; level: number; papers: number };
    papersMaxTokens: number;
    papersMaxChars: number;
    resultsMaxTokens: number;
    /** A term in more than this share of procedures is left out of the supporting fields. */
    supportingStopShare: number;
    /** Catalogues smaller than this are not pruned (every word looks common in a small one). */
    pruneMinDocs: number;
    /** A portal-only name of at least this many words, held whole by a catalogue name, is that procedure. */
    portalAliasMinWords: number;
  };
  /** Turning the question into weighted terms. */
  terms: {
    /** A syllable pair counts this much more than a single syllable. */
    pairWeight: number;
    /** A lexicon expansion's words count this much of the typed ones. */
    expansionWeight: number;
    /** A syllable in more than this share of procedures is "common": dropped when a pair carries it. */
    commonShare: number;
    /** … and in more than this share "very common": left out of long questions. */
    veryCommonShare: number;
    /** Terms a long question keeps, the asking sentence's and the rarest first. */
    maxQueryTerms: number;
    /** Postings one question may score; past it the most common terms count in the rerank only. */
    postingsBudget: number;
  };
  /** Finding the candidates of a question of common words from its rarest terms first. */
  candidates: {
    selectiveShare: number;
    minCandidates: number;
    seedGain: number;
    seedMinPostings: number;
  };
  /** Reordering the leading results. */
  rerank: {
    /** Results reordered (the others keep MiniSearch's order). */
    depth: number;
    /** Every word of the name typed. */
    wholeNameBoost: number;
    /** Up to this much more when the citizen said all of a procedure's own name words (long questions). */
    nameSaidWeight: number;
    /** … applied from this many topic words on, or to a message with a story. */
    nameSaidMinTopic: number;
    /** Portal usage as a prior: 1 + weight × log-usage share. */
    popularityWeight: number;
    longPopularityWeight: number;
    /**
     * A procedure the portal's usage list does not name (popularity 0) is used less than the
     * list's cutoff, not never: it counts as this many uses, the smallest count of the list's
     * 1,000 citizen procedures. As 0, counter-only procedures (nationality, marriage abroad)
     * lost to any name with a few hundred online uses (aircraft registration).
     */
    unlistedUses: number;
    /** The level the citizen named; else the commune, then the province variant first. */
    namedLevelBoost: number;
    communeBoost: number;
    provinceBoost: number;
    /** A procedure the lexicon's synonym names by code. */
    synonymBoost: number;
    /**
     * A stated age ("con tôi 10 tuổi") outside the ages a name is for ("từ đủ 14 tuổi trở lên").
     * One inside them is no reason to prefer that name over one for every age, so it counts 1.
     */
    ageMismatch: number;
    /**
     * A procedure only organisations apply for (the catalogue's applicants name no person: no
     * "Công dân Việt Nam", "Người nước ngoài", "Người Việt Nam định cư ở nước ngoài" nor "Cán
     * bộ…"), in a message that names no company or organisation: a citizen asks for themselves.
     * A benefit the employer files for ("Giải quyết hưởng chế độ ốm đau") is the worker's: not lowered.
     * 38% of the catalogue is such, 4% of the tune half's answers.
     */
    organisationOnly: number;
  };
  /** Siblings of a procedure (re-issue, exchange…). */
  variants: {
    /** Name words (after the leading action) below which two names make a family only when their stems are the same. */
    minStem: number;
    /** Share of the smaller name's words two siblings share. */
    stemShare: number;
  };
  limits: { defaultLimit: number; maxLimit: number };
}

export const defaultSearchTuning: SearchTuning = {
  reading: { focusMinWords: 26, leadInWeight: 0.5, narrativeWeight: 0.3, maxQueryTokens: 90 },
  fields: {
    boost: { name: 5, keywords: 3.5, results: 1.2, field: 0.8, level: 0.6, papers: 0.3 },
    papersMaxTokens: 12,
    papersMaxChars: 400,
    resultsMaxTokens: 15,
    supportingStopShare: 0.08,
    pruneMinDocs: 200,
    portalAliasMinWords: 6,
  },
  terms: { pairWeight: 1.6, expansionWeight: 0.9, commonShare: 0.05, veryCommonShare: 0.15, maxQueryTerms: 64, postingsBudget: 6000 },
  candidates: { selectiveShare: 0.02, minCandidates: 20, seedGain: 4, seedMinPostings: 2000 },
  rerank: {
    depth: 50,
    wholeNameBoost: 1.3,
    nameSaidWeight: 1,
    nameSaidMinTopic: 8,
    popularityWeight: 0.4,
    longPopularityWeight: 3,
    unlistedUses: 74,
    namedLevelBoost: 1.15,
    communeBoost: 1.06,
    provinceBoost: 1.03,
    synonymBoost: 1.1,
    ageMismatch: 0.5,
    organisationOnly: 0.8,
  },
  variants: { minStem: 3, stemShare: 0.6 },
  limits: { defaultLimit: 10, maxLimit: 100 },
};

export type TuningOverrides = { [K in keyof SearchTuning]?: Partial<SearchTuning[K]> };

/** The defaults with some values replaced, one stage at a time. */
export function withTuning(overrides: TuningOverrides = {}): SearchTuning {
  const out = { ...defaultSearchTuning } as Record<keyof SearchTuning, unknown>;
  for (const key of Object.keys(overrides) as (keyof SearchTuning)[]) out[key] = { ...defaultSearchTuning[key], ...overrides[key] };
  return out as SearchTuning;
}
