// Splitting long messages for channels with a length limit (Telegram 4096, Zalo 2000):
// whole paragraphs first, then lines, then words, and characters only as a last resort.

export type Measure = (text: string) => number;
const plainLength: Measure = (text) => text.length;

/** Splits one piece of text into parts each measuring at most `limit`. */
export function splitLong(text: string, limit: number, measure: Measure = plainLength): string[] {
  if (measure(text) <= limit) return [text];
  for (const separator of ['\n', ' ']) {
    const pieces = text.split(separator);
    if (pieces.length > 1) return pack(pieces.flatMap((piece) => splitLong(piece, limit, measure)), limit, separator, measure);
  }
  const parts: string[] = [];
  let current = '';
  for (const char of text) {
    if (current && measure(current + char) > limit) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  if (current) parts.push(current);
  return parts;
}

/** Joins pieces (each within the limit) greedily with `separator` into as few parts as fit. */
export function pack(pieces: string[], limit: number, separator = '\n\n', measure: Measure = plainLength): string[] {
  const parts: string[] = [];
  let current: string | undefined;
  for (const piece of pieces) {
    if (current === undefined) current = piece;
    else if (measure(current + separator + piece) <= limit) current += separator + piece;
    else {
      parts.push(current);
      current = piece;
    }
  }
  if (current !== undefined) parts.push(current);
  return parts;
}

/** Splits paragraphs into messages within the limit, keeping paragraphs whole when they fit. */
export function splitParagraphs(paragraphs: string[], limit: number, measure: Measure = plainLength): string[] {
  return pack(paragraphs.flatMap((p) => splitLong(p, limit, measure)), limit, '\n\n', measure);
}
