// Measures search quality on labelled questions: the share whose first result (top-1) or one
// of the first three (top-3) is an accepted procedure, per group and overall.
import fs from 'node:fs/promises';
import { z } from 'zod';
import type { SearchIndex } from './index';

export const questionSchema = z.strictObject({
  q: z.string().min(1),
  codes: z.array(z.string().regex(/^\d\.\d{6}$/)).min(1),
  group: z.string().min(1),
  note: z.string().optional(),
});

export type Question = z.infer<typeof questionSchema>;

export interface Score {
  group: string;
  count: number;
  top1: number;
  top3: number;
}

export interface Miss {
  question: Question;
  got: string[];
}

export interface Evaluation {
  groups: Score[];
  overall: Score;
  misses: Miss[];
}

export class QuestionsError extends Error {
  override readonly name = 'QuestionsError';
}

export async function readQuestions(file: string): Promise<Question[]> {
  const text = await fs.readFile(file, 'utf8');
  const out: Question[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new QuestionsError(`eval: ${file}:${i + 1}: not valid JSON`);
    }
    const parsed = questionSchema.safeParse(value);
    if (!parsed.success) throw new QuestionsError(`eval: ${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    out.push(parsed.data);
  }
  return out;
}

export function evaluate(index: SearchIndex, questions: readonly Question[]): Evaluation {
  const byGroup = new Map<string, Score>();
  const overall: Score = { group: 'overall', count: 0, top1: 0, top3: 0 };
  const misses: Miss[] = [];
  for (const question of questions) {
    const got = index.search(question.q, { limit: 3 }).map((h) => h.procedure.code);
    const score = byGroup.get(question.group) ?? { group: question.group, count: 0, top1: 0, top3: 0 };
    byGroup.set(question.group, score);
    const first = got[0] !== undefined && question.codes.includes(got[0]);
    const three = got.some((c) => question.codes.includes(c));
    for (const s of [score, overall]) {
      s.count++;
      if (first) s.top1++;
      if (three) s.top3++;
    }
    if (!first) misses.push({ question, got });
  }
  return { groups: [...byGroup.values()].sort((a, b) => a.group.localeCompare(b.group)), overall, misses };
}

export function formatEvaluation(e: Evaluation): string {
  const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
  const rows = [...e.groups, e.overall].map((s) => `${s.group.padEnd(16)} ${String(s.count).padStart(5)}  ${pct(s.top1, s.count).padStart(7)}  ${pct(s.top3, s.count).padStart(7)}`);
  return [`${'group'.padEnd(16)} ${'n'.padStart(5)}  ${'top-1'.padStart(7)}  ${'top-3'.padStart(7)}`, ...rows].join('\n');
}
