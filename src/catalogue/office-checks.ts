// Checks on offices.yaml against the rest of the catalogue: ids are unique (they are URLs)
// and every listed procedure code exists.
import { formatField, type CatalogueProblem } from './problems';
import type { Office } from './schema';
import type { LineMap } from './yaml-lines';

export function checkOffices(
  offices: readonly Office[],
  knownCodes: ReadonlySet<string>,
  file: string,
  lines: () => LineMap,
): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const report = (at: PropertyKey[], message: string) =>
    problems.push({ file, line: lines().nearest(at), field: formatField(at), message });
  const firstById = new Map<string, number>();
  offices.forEach((office, index) => {
    const first = firstById.get(office.id);
    if (first === undefined) firstById.set(office.id, index);
    else report(['offices', index, 'id'], `office id "${office.id}" is already used at line ${lines().nearest(['offices', first, 'id'])}`);
    office.procedures?.forEach((code, n) => {
      if (!knownCodes.has(code)) report(['offices', index, 'procedures', n], `no procedure ${code} in the catalogue`);
    });
  });
  return problems;
}
