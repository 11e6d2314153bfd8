// The citizens' vocabulary, as data an operator edits (procedures/lexicon.yaml): colloquial
// names and abbreviations ("sổ đỏ", "CCCD") mapped to catalogue words or procedures, the
// question words of each facet ("cần gì", "bao lâu"), filler, phone shorthand ("ko", "dc"),
// the words that name a level of government, and what no office here does ("làm visa đi nước
// ngoài": an embassy's). A section a province leaves out of its own file is taken from the
// lexicon motcua ships.
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FACETS, type Facet } from '../conversation/message';
import { formatProblem, type CatalogueProblem } from '../catalogue/problems';
import { procedureCodeSchema, type Level } from '../catalogue/schema';
import { parseYaml, validateValue } from '../catalogue/yaml-file';
import { buildLineMap } from '../catalogue/yaml-lines';
import { fold, tokenize } from './normalize';

export const LEXICON_FILE = 'lexicon.yaml';
/** The lexicon shipped with motcua, beside its catalogue. */
export const SHIPPED_LEXICON = fileURLToPath(new URL(`../../procedures/${LEXICON_FILE}`, import.meta.url));

const phrases = z.array(z.string().min(1)).min(1);

const synonymSchema = z
  .strictObject({
    /** What people type: abbreviations, colloquial names, common misspellings. */
    say: phrases,
    /** The words the catalogue uses instead. */
    means: z.string().min(1).optional(),
    /** Procedures this name stands for. */
    codes: z.array(procedureCodeSchema).optional(),
    /** Keep the typed words in the query too (when they also appear in procedure names). */
    keep: z.boolean().default(false),
    /**
     * false: read only in a message without a story. Typed alone, "bố tôi mất" asks for the death
     * registration; in a story it is the background of another question (an inheritance, a
     * pension). Such an entry gives no codes: its phrases would name the procedure in any story.
     */
    in_story: z.boolean().default(true),
    /**
     * false: the phrases are not indexed as the coded procedures' keywords, and a message that
     * says nothing but one of them is answered with the first code. For a rarely used procedure
     * whose phrases share words with a common one: "bằng lái" as a keyword of the international
     * driving permit pulled "xin bằng lái xe" to it.
     */
    keywords: z.boolean().default(true),
  })
  .refine((e) => e.means !== undefined || (e.codes?.length ?? 0) > 0, { message: 'give means, codes, or both' })
  .refine((e) => e.in_story || (e.codes?.length ?? 0) === 0, { message: 'an entry read only without a story (in_story: false) gives means, not codes' })
  .refine((e) => e.keywords || (e.codes?.length ?? 0) > 0, { message: 'keywords: false is for an entry with codes' });

const intentSchema = z.strictObject({
  /** The facet these words ask about; none for words that only mark a question ("thủ tục"). */
  facet: z.enum(FACETS).optional(),
  /** Also part of the topic in some procedure names ("lệ phí trước bạ"): keep it for search. */
  keep: z.boolean().default(false),
  say: phrases,
});

const shorthandSchema = z.strictObject({ say: phrases, means: z.string().min(1) });

const variantSchema = z.strictObject({
  /** The words that mark the variant in procedure names ("cấp lại", "doanh nghiệp"). */
  name: z.string().min(1),
  /** What a question says when it means that variant ("bị mất", "đổi"). */
  cue: phrases,
  /**
   * Cues that name the variant only when no other variant's `cue` is said: "cấp lại" and
   * "làm lại" are what citizens say of any new paper, so a torn certificate they ask to "cấp
   * lại" ("rách nát": a `cue` of the exchange) is exchanged.
   */
  weak: z.array(z.string().min(1)).optional(),
  /** Longer phrases holding a cue that do not mean the variant ("thay đổi" holds "đổi"). */
  unless: z.array(z.string().min(1)).optional(),
});

const outsideSchema = z.strictObject({
  /** What people type when they ask for something no office here does ("làm visa đi nước ngoài"). */
  say: phrases,
  /** The short Vietnamese reply: who does it instead. */
  reply: z.string().min(1).max(400),
  /** Procedures that help on the way (a passport before a visa), offered as buttons. */
  codes: z.array(procedureCodeSchema).max(3).optional(),
  /** Phrases anywhere in the message that make it a question for an office here after all ("người nước ngoài"). */
  unless: z.array(z.string().min(1)).optional(),
});

export const lexiconFileSchema = z.strictObject({
  synonyms: z.array(synonymSchema).optional(),
  intents: z.array(intentSchema).optional(),
  filler: z.array(z.string().min(1)).optional(),
  filler_unless_paired: z.array(z.string().min(1)).optional(),
  shorthand: z.array(shorthandSchema).optional(),
  levels: z
    .strictObject({
      commune: phrases,
      province: phrases,
      ministry: phrases,
      /** Longer phrases holding a level word that name no level ("xã hội" holds "xã", "sở hữu" holds "sở"). */
      unless: phrases,
    })
    .partial()
    .optional(),
  variants: z.array(variantSchema).optional(),
  outside: z.array(outsideSchema).optional(),
});
type LexiconFile = z.output<typeof lexiconFileSchema>;

/** Where an entry was written, for `search --explain` and error messages. */
export interface Origin {
  file: string;
  line: number;
}

export interface SynonymEntry {
  /** Each phrase as canonical syllables. */
  say: string[][];
  means: string[];
  codes: string[];
  keep: boolean;
  /** False: read only in a message without a story. */
  inStory: boolean;
  /** False: not indexed as the codes' keywords; said alone, answered with the first code. */
  keywords: boolean;
  origin?: Origin;
}

export type SynonymTable = readonly SynonymEntry[];

export interface IntentEntry {
  say: string[][];
  facet?: Facet;
  keep: boolean;
  origin?: Origin;
}

export interface ShorthandEntry {
  /** As typed (some carry marks: "đc"). */
  say: string[];
  means: string[];
  origin?: Origin;
}

export interface VariantEntry {
  /** Folded syllables marking the variant in names. */
  name: string[];
  /** Folded cue phrases. */
  cue: string[][];
  /** Folded cue phrases that count only when no variant's `cue` is said. */
  weak: string[][];
  /** Folded phrases holding a cue that do not count. */
  unless: string[][];
  origin?: Origin;
}

/** A question about something no public office here does, and the honest reply to it. */
export interface OutsideEntry {
  say: string[][];
  reply: string;
  codes: string[];
  /** Folded phrases that cancel it anywhere in the message. */
  unless: string[][];
  origin?: Origin;
}

export interface Lexicon {
  synonyms: SynonymEntry[];
  intents: IntentEntry[];
  filler: string[];
  fillerUnlessPaired: string[];
  shorthand: ShorthandEntry[];
  /** Syllables (as typed in the file) that name a level of government. */
  levels: { words: string[]; level: Level; origin?: Origin }[];
  /** Phrases holding a level word that name no level ("xã hội", "sở hữu"). */
  notLevels: string[][];
  variants: VariantEntry[];
  outside: OutsideEntry[];
}

export const EMPTY_LEXICON: Lexicon = { synonyms: [], intents: [], filler: [], fillerUnlessPaired: [], shorthand: [], levels: [], notLevels: [], variants: [], outside: [] };

export class LexiconError extends Error {
  override readonly name = 'LexiconError';
  constructor(readonly problems: readonly CatalogueProblem[]) {
    super(`lexicon: ${problems.length} problem(s); first: ${problems[0] ? formatProblem(problems[0]) : ''}`);
  }
}

function compile(data: LexiconFile, text: string, file: string, base: Lexicon): Lexicon {
  const lines = buildLineMap(text);
  const at = (...key: PropertyKey[]): Origin => ({ file, line: lines.nearest(key) });
  const tokens = (list: readonly string[]) => list.map((s) => tokenize(s)).filter((t) => t.length > 0);
  return {
    synonyms: data.synonyms
      ? data.synonyms.map((e, i) => ({ say: tokens(e.say), means: e.means ? tokenize(e.means) : [], codes: e.codes ?? [], keep: e.keep, inStory: e.in_story, keywords: e.keywords, origin: at('synonyms', i) }))
      : base.synonyms,
    intents: data.intents ? data.intents.map((e, i) => ({ say: tokens(e.say), ...(e.facet ? { facet: e.facet } : {}), keep: e.keep, origin: at('intents', i) })) : base.intents,
    filler: data.filler ? data.filler.map((w) => w.normalize('NFC').toLowerCase()) : base.filler,
    fillerUnlessPaired: data.filler_unless_paired ? data.filler_unless_paired.map((w) => w.normalize('NFC').toLowerCase()) : base.fillerUnlessPaired,
    shorthand: data.shorthand
      ? data.shorthand.map((e, i) => ({ say: e.say.map((s) => s.normalize('NFC').toLowerCase()), means: tokenize(e.means), origin: at('shorthand', i) }))
      : base.shorthand,
    levels: data.levels
      ? (['commune', 'province', 'ministry'] as const).flatMap((level) => (data.levels![level] ?? []).map((w) => ({ words: tokenize(w), level, origin: at('levels', level) })))
      : base.levels,
    notLevels: data.levels ? tokens(data.levels.unless ?? []) : base.notLevels,
    variants: data.variants
      ? data.variants.map((v, i) => ({ name: tokenize(v.name).map(fold), cue: v.cue.map((c) => tokenize(c).map(fold)).filter((c) => c.length > 0), weak: (v.weak ?? []).map((c) => tokenize(c).map(fold)).filter((c) => c.length > 0), unless: (v.unless ?? []).map((c) => tokenize(c).map(fold)), origin: at('variants', i) }))
      : base.variants,
    outside: data.outside
      ? data.outside.map((e, i) => ({ say: tokens(e.say), reply: e.reply.trim(), codes: e.codes ?? [], unless: tokens(e.unless ?? []).map((t) => t.map(fold)), origin: at('outside', i) }))
      : base.outside,
  };
}

/** Codes the synonyms and the outside entries name, each with where it was written (for `motcua validate`). */
export function namedCodes(text: string, file: string): { code: string; origin: Origin; field: PropertyKey[] }[] {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return [];
  const lines = buildLineMap(text);
  return (['synonyms', 'outside'] as const).flatMap((section) => {
    const entries = (parsed.value as Record<string, unknown> | null)?.[section];
    if (!Array.isArray(entries)) return [];
    return entries.flatMap((entry: { codes?: unknown } | null, i) =>
      (Array.isArray(entry?.codes) ? entry.codes : []).flatMap((code: unknown, n) => {
        const field = [section, i, 'codes', n];
        return typeof code === 'string' ? [{ code, origin: { file, line: lines.nearest(field) }, field }] : [];
      }),
    );
  });
}

/** Parses lexicon YAML text over a base lexicon (sections left out come from it); problems carry `file:line`. */
export function parseLexicon(text: string, file: string, base: Lexicon = EMPTY_LEXICON): { lexicon: Lexicon; problems: CatalogueProblem[] } {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { lexicon: base, problems: [parsed.problem] };
  const result = validateValue(parsed.value ?? {}, text, file, lexiconFileSchema);
  if (!result.ok) return { lexicon: base, problems: result.problems };
  return { lexicon: compile(result.data, text, file, base), problems: [] };
}

let shipped: Lexicon | undefined;

/** The lexicon motcua ships (procedures/lexicon.yaml of this package); read once. */
export function shippedLexicon(): Lexicon {
  if (shipped) return shipped;
  const text = readFileSync(SHIPPED_LEXICON, 'utf8');
  const { lexicon, problems } = parseLexicon(text, SHIPPED_LEXICON);
  if (problems.length > 0) throw new LexiconError(problems);
  shipped = lexicon;
  return lexicon;
}

/** The shipped lexicon with some sections replaced, e.g. a test's own synonyms. */
export function lexiconWith(text: string, file = LEXICON_FILE): Lexicon {
  const { lexicon, problems } = parseLexicon(text, file, shippedLexicon());
  if (problems.length > 0) throw new LexiconError(problems);
  return lexicon;
}

/**
 * Reads `<dir>/lexicon.yaml` over the shipped lexicon; without one, the shipped lexicon is
 * used. A broken file throws LexiconError (with `file:line` problems).
 */
export async function loadLexicon(dir: string): Promise<Lexicon> {
  const file = path.join(dir, LEXICON_FILE);
  if (path.resolve(file) === SHIPPED_LEXICON) return shippedLexicon();
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return shippedLexicon();
    throw error;
  }
  const { lexicon, problems } = parseLexicon(text, file, shippedLexicon());
  if (problems.length > 0) throw new LexiconError(problems);
  return lexicon;
}
