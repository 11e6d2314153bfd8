// QR codes as small inline SVG: one path of horizontal runs per code, cached by text, because
// a 300-procedure listing would otherwise spend most of its time re-encoding the same links.
import { LRUCache } from 'lru-cache';
import QRCode from 'qrcode';

/** Modules of white border the QR specification asks for around the symbol. */
const QUIET_ZONE = 4;
const cache = new LRUCache<string, string>({ max: 10_000 });

/**
 * The SVG path (`d`) drawing the dark modules as 1-unit-wide horizontal strokes (half the bytes
 * of filled rectangles), and the symbol's size with its quiet zone.
 */
export function qrPath(text: string): { d: string; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const parts: string[] = [];
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && modules.get(y, x)) x++;
      parts.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE + 0.5}h${x - start}`);
    }
  }
  return { d: parts.join(''), size: n + 2 * QUIET_ZONE };
}

/** An `<svg>` element; `label` is used as its accessible name and must already be escaped. */
export function qrSvg(text: string, label: string): string {
  const key = `${text}\u0000${label}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const { d, size } = qrPath(text);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="${label}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path stroke="#000" stroke-width="1" d="${d}"/></svg>`;
  cache.set(key, svg);
  return svg;
}
