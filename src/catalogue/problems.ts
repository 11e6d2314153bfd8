// What the catalogue checks report: one problem per place, printed as `file:line: field: message`.

export interface CatalogueProblem {
  /** Relative to the catalogue directory (or as given to validateYamlFile). */
  file: string;
  /** 1-based. */
  line: number;
  /** Where in the file's data, e.g. `channels[0].time.value`; absent for whole-file problems. */
  field?: string;
  message: string;
}

export function formatProblem(p: CatalogueProblem): string {
  return `${p.file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/** `['papers', 0, 'name']` → `papers[0].name`, the way operators read a YAML path. */
export function formatField(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Files, then lines, then fields, so output is stable whatever order checks ran in. */
export function compareProblems(a: CatalogueProblem, b: CatalogueProblem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  return (a.field ?? '').localeCompare(b.field ?? '');
}
