// Maps the portal's "Cấp thực hiện" list onto the catalogue's levels.
import type { Level } from '../schema';

const LEVELS: Record<string, Level> = {
  'cấp bộ': 'ministry',
  'cấp tỉnh': 'province',
  'cấp huyện': 'district',
  'cấp xã': 'commune',
  'cơ quan khác': 'other',
};

/** Known levels in the order given; unknown labels are returned separately for the report. */
export function parseLevels(text: string): { levels: Level[]; unknown: string[] } {
  const levels: Level[] = [];
  const unknown: string[] = [];
  for (const part of text.split(',')) {
    const label = part.trim();
    if (!label) continue;
    const level = LEVELS[label.toLowerCase()];
    if (!level) unknown.push(label);
    else if (!levels.includes(level)) levels.push(level);
  }
  return { levels, unknown };
}
