// A citizen's question made safe to keep: the log scrubber (src/log.ts) removes phone numbers,
// dossier codes, full names and secrets; then every remaining digit goes too (ID card numbers,
// dates of birth, house numbers), and the text is lower-cased and trimmed so the same question
// asked twice is counted as one.
import { scrubLogLine } from '../log';

export const MAX_QUESTION_CHARS = 300;

export function scrubQuestion(text: string): string {
  const scrubbed = scrubLogLine(text)
    .replace(/\[phone\]/g, '[số]')
    .replace(/\[name\]/g, '[tên]')
    .replace(/\[redacted\]/g, '[…]')
    .replace(/\d+(?:[.,/:-]\d+)*/g, '[số]')
    .replace(/\*{2,}/g, '[số]')
    .toLocaleLowerCase('vi')
    .replace(/\s+/g, ' ')
    .trim();
  return [...scrubbed].slice(0, MAX_QUESTION_CHARS).join('');
}
