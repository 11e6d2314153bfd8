// What each rule of the search and the assistant brings, measured on the tune half: every rule
// is switched off in turn (through the search's options object, the lexicon or the answer
// policy) and the tune half is asked again. `npm run eval -- --ablate` prints the table that
// src/search/README.md quotes.
import type { AnswerPolicy } from '../assistant/assistant';
import type { Catalogue } from '../catalogue/loader';
import type { PortalOnlyProcedure } from '../catalogue/portal-only';
import { SearchIndex } from '../search/index';
import type { Lexicon } from '../search/lexicon';
import type { TuningOverrides } from '../search/options';
import { judgeAll, rows } from './judge';
import type { Question } from './questions';

export interface Ablation {
  rule: string;
  tuning?: TuningOverrides;
  lexicon?: Partial<Lexicon>;
  policy?: Partial<AnswerPolicy>;
}

/** Each rule, and how to switch it off. */
export const ABLATIONS: readonly Ablation[] = [
  { rule: 'story weighting (asking sentence 1, lead-in 0.5, story 0.3)', tuning: { reading: { focusMinWords: Number.MAX_SAFE_INTEGER } } },
  { rule: 'lexicon synonyms', lexicon: { synonyms: [] } },
  { rule: 'lexicon variants (bị mất → cấp lại)', lexicon: { variants: [] } },
  { rule: 'syllable-pair weight', tuning: { terms: { pairWeight: 1 } } },
  { rule: 'portal usage prior', tuning: { rerank: { popularityWeight: 0, longPopularityWeight: 0 } } },
  { rule: 'a procedure the usage list does not name counts as 74 uses (vs none)', tuning: { rerank: { unlistedUses: 0 } } },
  { rule: 'share of the name said (long questions)', tuning: { rerank: { nameSaidWeight: 0 } } },
  { rule: 'whole name typed', tuning: { rerank: { wholeNameBoost: 1 } } },
  { rule: 'level preference (named level, else commune)', tuning: { rerank: { communeBoost: 1, provinceBoost: 1, namedLevelBoost: 1 } } },
  { rule: 'a stated age outside the ages a name is for lowers it (10 tuổi vs từ đủ 14 tuổi)', tuning: { rerank: { ageMismatch: 1 } } },
  { rule: 'a procedure for organisations only counts less in a message that names no company or organisation (×0.8)', tuning: { rerank: { organisationOnly: 1 } } },
  { rule: 'field boosts (name 5 … papers 0.3)', tuning: { fields: { boost: { name: 1, keywords: 1, results: 1, field: 1, level: 1, papers: 1 } } } },
  { rule: '64 terms kept per long question (vs 24)', tuning: { terms: { maxQueryTerms: 24 } } },
  { rule: 'answer when the asking words hold half the name (with half of them found, or a clear winner)', policy: { namedShare: Number.POSITIVE_INFINITY } },
  { rule: 'answer a clear winner (no rival over 50% of its score) that covers 20% of the asking words', policy: { clearRatio: 0 } },
  { rule: 'in a story, a well-covered match needs 28% of its name said (vs one word)', policy: { longMinNameShare: Number.MIN_VALUE } },
  { rule: 'a lacking portal procedure near the top makes a question back', policy: { portalRivalRatio: Number.POSITIVE_INFINITY } },
  { rule: '"did you mean" buttons down to 15% of the asking words (vs 40%)', policy: { nearCoverage: 0.4 } },
  { rule: 'choices down to 30% of the best score (vs 50%)', policy: { choiceRatio: 0.5 } },
  { rule: 'up to two portal procedures the catalogue lacks among the buttons', policy: { maxPortalChoices: 0 } },
  { rule: 'a portal procedure the catalogue lacks is not named when another portal procedure the asking words name scores 90% of it (a question back)', policy: { portalCloseRatio: Number.POSITIVE_INFINITY } },
  { rule: 'a portal procedure scoring twice the best catalogue match is named with a fifth of the asking words (vs half)', policy: { portalDominance: Number.POSITIVE_INFINITY } },
  { rule: 'a portal procedure the catalogue lacks is named only as a catalogue answer would be (its variant said, an organisation\'s name only for an organisation, in a story 28% of its name said and no rival within 75%)', policy: { portalNamedAsAnswer: false } },
  { rule: 'the decision reads 10 results (vs 5), enough for four distinct buttons', policy: { resultsRead: 5 } },
  { rule: "a confident answer's name has its head said, not only its modifiers (tại…, cho…)", policy: { headNamed: false } },
  { rule: 'a procedure that ends or undoes something (chấm dứt, giải thể, xóa…) answers a short message only when that is asked', policy: { undoingAsked: false } },
  { rule: 'a variant (cấp đổi, cấp lại, gia hạn…) answers a short message only when that variant is asked', policy: { variantAsked: false } },
  { rule: 'a message naming two variants (làm lại … đổi lại) gets a question back when the answer has the other as a sibling', policy: { variantDisputed: false } },
  { rule: 'a procedure for one group (Công an nhân dân, quân nhân…) answers only a message that names it', policy: { groupNamed: false } },
  { rule: 'a short message made only of its field\'s name (chứng thực, thuế, đất đai) gets a question back', policy: { fieldAsked: false } },
  { rule: 'a short message whose best match covers under 40% of its asking words gets "not found" without buttons', policy: { shortMinCoverage: 0 } },
  { rule: 'a confident answer shares a word with the asking words beyond the variant cues (mất, làm lại, hỏng…)', policy: { topicNamed: false } },
  { rule: 'a benefit the message says is already received (đang hưởng trợ cấp thất nghiệp) is not answered with its grant', policy: { receivedNotGranted: false } },
];

interface Row {
  rule: string;
  right: number;
  helpful: number;
  wrong: number;
  top1: number;
  top3: number;
}

function measure(index: SearchIndex, questions: readonly Question[], policy?: Partial<AnswerPolicy>): Omit<Row, 'rule'> {
  const [all] = rows(judgeAll(index, questions, { withoutMarks: false, ...(policy ? { policy } : {}) }));
  const o = all!.outcomes;
  return { right: o.right / all!.n, helpful: (o.right + o.choices) / all!.n, wrong: o.wrong / all!.n, top1: all!.top1 / all!.ranked, top3: all!.top3 / all!.ranked };
}

/** A markdown table: today's figures, then each rule switched off (as written, tune half only). */
export function ablationTable(catalogue: Catalogue, lexicon: Lexicon, portalOnly: readonly PortalOnlyProcedure[], tune: readonly Question[]): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const today = measure(SearchIndex.build(catalogue.procedures, lexicon, portalOnly), tune);
  const lines = [
    `| without this rule (tune half, ${tune.length} questions, as written) | right | right or among choices | WRONG | top-1 | top-3 |`,
    '|---|---|---|---|---|---|',
    `| (all rules: today) | ${pct(today.right)} | ${pct(today.helpful)} | ${pct(today.wrong)} | ${pct(today.top1)} | ${pct(today.top3)} |`,
  ];
  for (const a of ABLATIONS) {
    const index = SearchIndex.build(catalogue.procedures, { ...lexicon, ...a.lexicon }, portalOnly, a.tuning ?? {});
    const m = measure(index, tune, a.policy);
    lines.push(`| ${a.rule} | ${pct(m.right)} | ${pct(m.helpful)} | ${pct(m.wrong)} | ${pct(m.top1)} | ${pct(m.top3)} |`);
  }
  return `${lines.join('\n')}\n`;
}
