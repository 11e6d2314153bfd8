// Checks on offices.yaml against the rest of the catalogue: ids are unique (they are URLs),
// every listed procedure code exists, and (a warning) is handled at the office's level.
import { formatField, type CatalogueProblem } from './problems';
import type { Office, Procedure } from './schema';
import type { LineMap } from './yaml-lines';

export function checkOffices(
  offices: readonly Office[],
  byCode: ReadonlyMap<string, Procedure>,
  file: string,
  lines: () => LineMap,
  /** Codes whose files have errors of their own: not reported again here. */
  broken: ReadonlySet<string> = new Set(),
): { problems: CatalogueProblem[]; warnings: CatalogueProblem[] } {
  const problems: CatalogueProblem[] = [];
  const warnings: CatalogueProblem[] = [];
  const at = (path: PropertyKey[], message: string): CatalogueProblem => ({ file, line: lines().nearest(path), field: formatField(path), message });
  const firstById = new Map<string, number>();
  offices.forEach((office, index) => {
    const first = firstById.get(office.id);
    if (first === undefined) firstById.set(office.id, index);
    else problems.push(at(['offices', index, 'id'], `office id "${office.id}" is already used at line ${lines().nearest(['offices', first, 'id'])}`));
    office.procedures?.forEach((code, n) => {
      const procedure = byCode.get(code);
      if (!procedure && broken.has(code)) return;
      if (!procedure) problems.push(at(['offices', index, 'procedures', n], `no procedure ${code} in the catalogue`));
      // A listing would show citizens a procedure this desk does not handle.
      else if (!procedure.levels.includes(office.level)) {
        warnings.push(at(['offices', index, 'procedures', n], `${code} is not a ${office.level}-level procedure (levels: ${procedure.levels.join(', ')})`));
      }
    });
  });
  return { problems, warnings };
}
