// The work list for improving answers: every tune-half question the assistant did not answer
// right, with what it answered, grouped by the most likely cause. Only the tune half is ever
// listed, so rules are never written by looking at the held-out half.
import { GENERIC_NAME_WORDS } from '../assistant/assistant';
import type { SearchIndex } from '../search/index';
import { fold, tokenize } from '../search/normalize';
import { decisionCodes, type Judged } from './judge';

export const CAUSES = {
  'not-in-catalogue': 'Procedure not in the catalogue',
  vocabulary: "Citizen's word not in the catalogue (the right name shares no word with the question)",
  facet: 'Fee or papers facet pulled the search to another procedure',
  variant: 'Wrong variant of the right procedure',
  drift: 'Long-message drift',
  other: 'Other',
} as const;

export type Cause = keyof typeof CAUSES;

function contentWords(text: string): Set<string> {
  return new Set(tokenize(text).map(fold).filter((w) => !GENERIC_NAME_WORDS.has(w)));
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n / Math.min(a.size, b.size);
}

export function causeOf(index: SearchIndex, j: Judged): Cause {
  const q = j.question;
  if (q.codes.length === 0) return 'not-in-catalogue';
  const analysis = index.analyze(j.asked);
  const asked = new Set([...analysis.topic, ...analysis.expansions.flat()].map(fold));
  const rightNames = q.codes.map((c) => index.procedure(c)?.name ?? '');
  if (rightNames.every((name) => overlap(contentWords(name), asked) === 0)) return 'vocabulary';
  const given = decisionCodes(j.decision).map((c) => index.procedure(c)?.name ?? '');
  const first = given[0] ?? (j.top[0] ? (index.procedure(j.top[0])?.name ?? '') : '');
  if (first && analysis.facets.some((f) => f === 'fee' || f === 'papers') && /phí|hồ sơ|giấy tờ/iu.test(first)) return 'facet';
  if (first && rightNames.some((name) => overlap(contentWords(name), contentWords(first)) >= 0.5)) return 'variant';
  if (j.band === 'long') return 'drift';
  return 'other';
}

/** Markdown: causes in order, each question with its label, what the chat said and the search's top 3. */
export function formatReport(index: SearchIndex, judged: readonly Judged[]): string {
  const misses = judged.filter((j) => j.outcome !== 'right');
  const byCause = new Map<Cause, Judged[]>();
  for (const j of misses) {
    const cause = causeOf(index, j);
    byCause.set(cause, [...(byCause.get(cause) ?? []), j]);
  }
  const name = (code: string) => `${code} ${index.procedure(code)?.name.slice(0, 90) ?? '(not in catalogue)'}`;
  const lines = [`# Eval report: tune half, ${misses.length} of ${judged.length} not answered right`, ''];
  for (const cause of Object.keys(CAUSES) as Cause[]) {
    const list = byCause.get(cause) ?? [];
    if (list.length === 0) continue;
    lines.push(`## ${CAUSES[cause]} (${list.length})`, '');
    for (const j of list) {
      const d = j.decision;
      const said =
        d.kind === 'answer' ? `answered ${name(d.code)}` : d.kind === 'missing' ? `named portal procedure ${d.portalCode}` : d.kind === 'other' ? `replied without a procedure: "${(d.reply.blocks[0] && 'text' in d.reply.blocks[0] ? d.reply.blocks[0].text : '').slice(0, 80)}"` : `${d.kind === 'choose' ? 'offered' : 'not found; offered'} ${d.kind === 'choose' ? d.codes.join(', ') : d.near.join(', ') || 'nothing'}`;
      lines.push(`- **${j.outcome}** (${j.marks}, ${j.band}): ${j.asked}`);
      lines.push(`  - want: ${j.question.codes.length > 0 ? j.question.codes.map(name).join('; ') : `missing ${j.question.missing}`}`);
      lines.push(`  - chat: ${said}${d.kind !== 'other' && d.why ? ` [${d.why}]` : ''}`);
      lines.push(`  - search top 3: ${j.top.join(', ') || '(none)'}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
