// Labelled questions for measuring answers: the real set (citizens' questions copied from
// public pages, with their source) and the chat-style band (short messages written by the
// team). The real set is split once, by a fixed hash of each question's text, into a *tune*
// half (rules, weights and vocabulary may be changed by looking at it) and a *held-out*
// half (only ever quoted).
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { z } from 'zod';
import { wordCount } from '../search/focus';
import { fold, normalize } from '../search/normalize';

const code = z.string().regex(/^\d\.\d{6}$/);

export const questionSchema = z
  .strictObject({
    q: z.string().min(1),
    /** Every catalogue procedure that answers the question; empty when the catalogue lacks it. */
    codes: z.array(code),
    /** When the catalogue lacks the procedure: the portal's code for it, or "none". */
    missing: z.union([code, z.literal('none')]).nullable().optional(),
    /** The page the question was copied from (real questions only). */
    source: z.url().optional(),
    /** Why the label is what it is. */
    why: z.string().optional(),
    /** Chat-style questions: how they were written (with or without diacritics, typos…). */
    group: z.string().optional(),
    note: z.string().optional(),
  })
  .refine((q) => q.codes.length > 0 || (q.missing !== undefined && q.missing !== null), { message: 'give codes, or missing when the catalogue lacks the procedure' });

export type Question = z.infer<typeof questionSchema>;

export type Half = 'tune' | 'held-out';

/** Share of the real set in the tune half. */
export const TUNE_SHARE = 0.6;

/**
 * The fixed split: the first four bytes of the SHA-256 of the question's canonical text, as a
 * number from 0 to 1, below TUNE_SHARE is *tune*. Adding questions never moves old ones.
 */
export function halfOf(question: Pick<Question, 'q'>): Half {
  const digest = createHash('sha256').update(normalize(question.q)).digest();
  return digest.readUInt32BE(0) / 2 ** 32 < TUNE_SHARE ? 'tune' : 'held-out';
}

export class QuestionsError extends Error {
  override readonly name = 'QuestionsError';
}

/** Reads a JSONL file of questions; a bad line is reported as `file:line: message`. */
export async function readQuestions(file: string): Promise<Question[]> {
  const text = await fs.readFile(file, 'utf8');
  const out: Question[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new QuestionsError(`${file}:${i + 1}: not valid JSON`);
    }
    const parsed = questionSchema.safeParse(value);
    if (!parsed.success) throw new QuestionsError(`${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    out.push(parsed.data);
  }
  return out;
}

export type LengthBand = 'short' | 'medium' | 'long';

/** Short: up to 8 words; long: over 25 (a story, then the question); medium between. */
export function lengthBand(text: string): LengthBand {
  const n = wordCount(text);
  return n <= 8 ? 'short' : n <= 25 ? 'medium' : 'long';
}

/** The question as typed without any diacritics ("đăng ký" → "dang ky"). */
export function withoutMarks(text: string): string {
  return fold(text);
}
