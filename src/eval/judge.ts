// eval: measures answers on labelled real questions (held-out and tune halves), reports misses by
// cause and what each search rule brings; never used by the server.
// Runs labelled questions through the assistant, as the web chat would, and judges what the
// citizen got: the right procedure answered, the right one among the choices offered, an
// honest "not found", or — the worst outcome — a confident answer naming a wrong procedure.
import { Assistant, decisionButtons, type AnswerPolicy, type Decision } from '../assistant/assistant';
import { ConversationMemory } from '../assistant/memory';
import type { SearchIndex } from '../search/index';
import { halfOf, lengthBand, withoutMarks, type Half, type LengthBand, type Question } from './questions';

export type Outcome = 'right' | 'choices' | 'not-found' | 'wrong';
export const OUTCOMES: readonly Outcome[] = ['right', 'choices', 'not-found', 'wrong'];

export interface Judged {
  question: Question;
  /** The text that was asked: the question as written, or with its marks removed. */
  asked: string;
  marks: 'as-written' | 'removed';
  band: LengthBand;
  outcome: Outcome;
  decision: Decision;
  /** The search's first three procedures, for top-1/top-3. */
  top: string[];
}

/** The codes a decision puts before the citizen, best first. */
export function decisionCodes(d: Decision): string[] {
  return d.kind === 'answer' ? [d.code] : decisionButtons(d);
}

export function outcomeOf(question: Question, decision: Decision): Outcome {
  const right = (c: string) => question.codes.includes(c);
  switch (decision.kind) {
    case 'answer':
      return right(decision.code) ? 'right' : 'wrong';
    case 'missing':
      // Naming a portal procedure the catalogue lacks is right only when that is the one asked;
      // naming another one is as wrong as answering another procedure: the citizen is told a
      // name and a code that are not what they need.
      return question.codes.length === 0 && question.missing === decision.portalCode ? 'right' : 'wrong';
    case 'choose':
    case 'not-found':
      // A button may name a portal procedure the catalogue lacks: the one asked is a right choice.
      return decisionCodes(decision).some((c) => right(c) || (question.codes.length === 0 && question.missing === c)) ? 'choices' : 'not-found';
    case 'other':
      return 'not-found';
  }
}

/** Asks each question in a fresh chat, as written and (unless told not to) with its marks removed. */
export function judgeAll(index: SearchIndex, questions: readonly Question[], options: { withoutMarks?: boolean; policy?: Partial<AnswerPolicy> } = {}): Judged[] {
  const assistant = new Assistant({ index, memory: new ConversationMemory({ maxChats: 16 }), ...(options.policy ? { policy: options.policy } : {}) });
  const out: Judged[] = [];
  let chat = 0;
  for (const question of questions) {
    const variants: [string, Judged['marks']][] = [[question.q, 'as-written']];
    if (options.withoutMarks !== false) variants.push([withoutMarks(question.q), 'removed']);
    for (const [asked, marks] of variants) {
      const decision = assistant.decide({ channel: 'web', chatId: `eval-${chat++}`, text: asked, receivedAt: new Date(0) });
      const top = index.search(asked, { limit: 3 }).map((h) => h.procedure.code);
      out.push({ question, asked, marks, band: lengthBand(question.q), outcome: outcomeOf(question, decision), decision, top });
    }
  }
  return out;
}

export interface Tally {
  label: string;
  n: number;
  outcomes: Record<Outcome, number>;
  /** Questions the catalogue answers (search rank is measured on those only). */
  ranked: number;
  top1: number;
  top3: number;
}

export function tally(label: string, judged: readonly Judged[]): Tally {
  const t: Tally = { label, n: 0, outcomes: { right: 0, choices: 0, 'not-found': 0, wrong: 0 }, ranked: 0, top1: 0, top3: 0 };
  for (const j of judged) {
    t.n++;
    t.outcomes[j.outcome]++;
    if (j.question.codes.length === 0) continue;
    t.ranked++;
    if (j.top[0] !== undefined && j.question.codes.includes(j.top[0])) t.top1++;
    if (j.top.some((c) => j.question.codes.includes(c))) t.top3++;
  }
  return t;
}

export const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/** The rows `npm run eval` prints for one half (or band) of questions. */
export function rows(judged: readonly Judged[]): Tally[] {
  const written = judged.filter((j) => j.marks === 'as-written');
  const removed = judged.filter((j) => j.marks === 'removed');
  const out = [tally('all', written)];
  for (const band of ['short', 'medium', 'long'] as const) out.push(tally(`${band} (${BAND_LABELS[band]})`, written.filter((j) => j.band === band)));
  out.push(tally('catalogue lacks it', written.filter((j) => j.question.codes.length === 0)));
  if (removed.length > 0) out.push(tally('marks removed', removed));
  return out;
}

const BAND_LABELS: Record<LengthBand, string> = { short: '≤8 words', medium: '9–25', long: '>25' };

export function formatTallies(title: string, tallies: readonly Tally[]): string {
  const pct = (n: number, d: number) => (d === 0 ? '-' : `${(100 * share(n, d)).toFixed(1)}%`);
  const head = `${title.padEnd(22)} ${'n'.padStart(4)} ${'right'.padStart(7)} ${'choices'.padStart(8)} ${'not found'.padStart(10)} ${'WRONG'.padStart(7)} ${'top-1'.padStart(7)} ${'top-3'.padStart(7)}`;
  const lines = tallies.map(
    (t) =>
      `  ${t.label.padEnd(20)} ${String(t.n).padStart(4)} ${pct(t.outcomes.right, t.n).padStart(7)} ${pct(t.outcomes.choices, t.n).padStart(8)} ${pct(t.outcomes['not-found'], t.n).padStart(10)} ${pct(t.outcomes.wrong, t.n).padStart(7)} ${pct(t.top1, t.ranked).padStart(7)} ${pct(t.top3, t.ranked).padStart(7)}`,
  );
  return [head, ...lines].join('\n');
}

export function splitHalves(questions: readonly Question[]): Record<Half, Question[]> {
  const out: Record<Half, Question[]> = { tune: [], 'held-out': [] };
  for (const q of questions) out[halfOf(q)].push(q);
  return out;
}
