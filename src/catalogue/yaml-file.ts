// Parses one YAML file and checks it against a zod schema, reporting every problem with its
// real line. Used by the catalogue loader and by anything else that reads a YAML data file
// (lexicon.yaml): `validateYamlFile(file, schema)`.
import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { formatField, type CatalogueProblem } from './problems';
import { suggestKey } from './schema-keys';
import { buildLineMap, type LineMap } from './yaml-lines';
import { CATALOGUE_YAML_SCHEMA } from './yaml-schema';

/** See yaml-schema.ts: codes and dates stay strings. */
export const YAML_SCHEMA = CATALOGUE_YAML_SCHEMA;

export type YamlResult<T> =
  | { ok: true; data: T; problems: [] }
  | { ok: false; data: undefined; problems: CatalogueProblem[] };

/** Parses YAML text; on failure, the problem carries js-yaml's own line. */
export function parseYaml(text: string, file: string): { ok: true; value: unknown } | { ok: false; problem: CatalogueProblem } {
  try {
    return { ok: true, value: yaml.load(text, { schema: YAML_SCHEMA, filename: file }) };
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      // At the end of the stream js-yaml's mark can sit one line past the file's last line.
      const line = Math.min((error.mark?.line ?? 0) + 1, lineCount(text));
      return { ok: false, problem: { file, line, message: `invalid YAML: ${error.reason}` } };
    }
    throw error;
  }
}

/** Lines as an editor numbers them: a final newline does not start another line. */
function lineCount(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

/** Checks YAML text against `schema`; `file` is the name problems carry. */
export function validateYamlText<S extends z.ZodType>(text: string, file: string, schema: S): YamlResult<z.output<S>> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { ok: false, data: undefined, problems: [parsed.problem] };
  return validateValue(parsed.value, text, file, schema);
}

/** Checks an already parsed value; its text is only needed (for lines) when the check fails. */
export function validateValue<S extends z.ZodType>(
  value: unknown,
  text: string | (() => string),
  file: string,
  schema: S,
): YamlResult<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data, problems: [] };
  const lines = buildLineMap(typeof text === 'string' ? text : text(), YAML_SCHEMA);
  return { ok: false, data: undefined, problems: issuesToProblems(result.error.issues, value, file, lines, schema) };
}

/**
 * Reads and checks one YAML file. Problems name the file relative to `relativeTo` (default:
 * the current directory), so `validateYamlFile('procedures/lexicon.yaml', schema)` reports
 * `procedures/lexicon.yaml:12: …`. A missing or unreadable file is one problem at line 1.
 */
export async function validateYamlFile<S extends z.ZodType>(
  file: string,
  schema: S,
  options: { relativeTo?: string } = {},
): Promise<YamlResult<z.output<S>>> {
  const name = path.relative(options.relativeTo ?? process.cwd(), file) || file;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(error)})`;
    return { ok: false, data: undefined, problems: [{ file: name, line: 1, message }] };
  }
  return validateYamlText(text, name, schema);
}

/** One problem per zod issue (one per unknown key), each at the line an operator should edit. */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  file: string,
  lines: LineMap,
  schema?: z.ZodType,
): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  for (const issue of issues) {
    const at = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const keyPath = [...at, key];
        const suggestion = schema ? suggestKey(schema, at, key) : undefined;
        const message = suggestion ? `unknown field (did you mean ${suggestion}?)` : 'unknown field';
        problems.push({ file, line: lines.nearest(keyPath), field: formatField(keyPath), message });
      }
      continue;
    }
    if (at.length === 0 && value == null) {
      problems.push({ file, line: 1, message: 'the file is empty' });
      continue;
    }
    if (issue.code === 'invalid_type' && isMissing(value, at)) {
      // Nothing to point at but the object that should hold the field.
      problems.push({ file, line: lines.nearest(at.slice(0, -1)), field: formatField(at), message: 'required field is missing' });
      continue;
    }
    problems.push({ file, line: lines.nearest(at), field: formatField(at) || undefined, message: describe(issue, valueAt(value, at)) });
  }
  return problems;
}

function valueAt(root: unknown, at: readonly PropertyKey[]): unknown {
  let current = root;
  for (const part of at) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function isMissing(root: unknown, at: readonly PropertyKey[]): boolean {
  if (at.length === 0) return false;
  const parent = valueAt(root, at.slice(0, -1));
  return typeof parent === 'object' && parent !== null && !Array.isArray(parent) && !Object.hasOwn(parent, at[at.length - 1]!);
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type') return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${kindOf(value)}`;
  if (issue.code === 'invalid_key') return issue.issues[0]?.message ?? issue.message;
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}; got ${kindOf(value)}`;
  if (issue.code === 'too_small' && issue.origin === 'array') return `must have at least ${String(issue.minimum)} item(s)`;
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}; got ${String(value)}`;
  return issue.message;
}

const EXPECTED: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'text' };

function kindOf(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}
