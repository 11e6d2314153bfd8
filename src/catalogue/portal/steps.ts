// Splits "Trình tự thực hiện" into steps: on "Bước N" when the text numbers its steps, otherwise
// one step per paragraph line.
import { present } from './text';

export function parseSteps(text: string): string[] {
  const body = present(text);
  if (!body) return [];
  const numbered = [...body.matchAll(/(?:^|\n)\s*Bước\s*\d+\s*[:.\-–]?/gi)];
  if (numbered.length >= 2) {
    const steps: string[] = [];
    const head = body.slice(0, numbered[0]!.index).trim();
    if (head) steps.push(head);
    numbered.forEach((m, i) => {
      const end = i + 1 < numbered.length ? numbered[i + 1]!.index : body.length;
      const step = body.slice(m.index, end).trim();
      if (step) steps.push(step);
    });
    return steps;
  }
  return body.split(/\n+/).map((line) => line.trim()).filter(Boolean);
}
