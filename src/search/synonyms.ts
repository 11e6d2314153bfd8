// The operator-editable dictionary of abbreviations and colloquial names (procedures/synonyms.yaml):
// "sổ đỏ" means "giấy chứng nhận quyền sử dụng đất", "CCCD" means "căn cước". An entry may also
// name procedure codes; those procedures then carry the phrases as keywords.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { formatProblem, type CatalogueProblem } from '../catalogue/problems';
import { procedureCodeSchema } from '../catalogue/schema';
import { validateYamlText } from '../catalogue/yaml-file';
import { fold, tokenize } from './normalize';

const entrySchema = z
  .strictObject({
    /** What people type: abbreviations, colloquial names, common misspellings. */
    say: z.array(z.string().min(1)).min(1),
    /** The words the catalogue uses instead. */
    means: z.string().min(1).optional(),
    /** Procedures this name stands for. */
    codes: z.array(procedureCodeSchema).optional(),
    /** Keep the typed words in the query too (when they also appear in procedure names). */
    keep: z.boolean().default(false),
  })
  .refine((e) => e.means !== undefined || (e.codes?.length ?? 0) > 0, { message: 'give means, codes, or both' });

export const synonymsFileSchema = z.strictObject({
  synonyms: z.array(entrySchema),
});

export interface SynonymEntry {
  /** Each phrase as canonical syllables. */
  say: string[][];
  means: string[];
  codes: string[];
  keep: boolean;
}

export type SynonymTable = readonly SynonymEntry[];

export class SynonymsError extends Error {
  override readonly name = 'SynonymsError';
  constructor(readonly problems: readonly CatalogueProblem[]) {
    super(`synonyms: ${problems.length} problem(s); first: ${problems[0] ? formatProblem(problems[0]) : ''}`);
  }
}

export function compileSynonyms(data: z.output<typeof synonymsFileSchema>): SynonymEntry[] {
  return data.synonyms.map((entry) => ({
    say: entry.say.map((s) => tokenize(s)).filter((t) => t.length > 0),
    means: entry.means ? tokenize(entry.means) : [],
    codes: entry.codes ?? [],
    keep: entry.keep,
  }));
}

/** Parses synonyms YAML text; problems carry `file:line`. */
export function parseSynonyms(text: string, file: string): { table: SynonymEntry[]; problems: CatalogueProblem[] } {
  const result = validateYamlText(text, file, synonymsFileSchema);
  if (!result.ok) return { table: [], problems: result.problems };
  const problems: CatalogueProblem[] = [];
  return { table: compileSynonyms(result.data), problems };
}

/** Reads `<dir>/synonyms.yaml`; a missing file is an empty table, a bad one throws SynonymsError. */
export async function loadSynonyms(dir: string): Promise<SynonymEntry[]> {
  const file = path.join(dir, 'synonyms.yaml');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const { table, problems } = parseSynonyms(text, file);
  if (problems.length > 0) throw new SynonymsError(problems);
  return table;
}

/** Folded phrase key, for matching queries typed with or without diacritics. */
export function phraseKey(tokens: readonly string[]): string {
  return tokens.map(fold).join(' ');
}
