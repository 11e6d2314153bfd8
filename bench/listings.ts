// How long a commune listing takes to render: 300 procedures, every format. QR encoding is the
// cost in HTML; codes are cached, so the first render (cold) and later ones (warm) are shown.
// Target (issue 7): 300 procedures in <= 500 ms.
import { buildListing } from '../src/listings/listing';
import { renderHtml } from '../src/listings/html';
import { renderListingAs } from '../src/listings/render';
import { generatedProcedures, makeCatalogue } from '../tests/listings/fixture';

const COUNT = 300;
const links = { botUsername: 'motcua_bot', webBaseUrl: 'http://localhost:3000' };
const catalogue = makeCatalogue(generatedProcedures(COUNT));
const now = new Date();

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

const cold = time(() => renderHtml(buildListing(catalogue, 'xa-thu-nghiem', { links, now })));
console.log(`html, ${COUNT} procedures, cold (QR codes encoded): ${cold.ms.toFixed(1)} ms, ${(cold.value.length / 1024).toFixed(0)} KiB`);

const runs = 20;
const warm: number[] = [];
for (let i = 0; i < runs; i++) warm.push(time(() => renderHtml(buildListing(catalogue, 'xa-thu-nghiem', { links, now }))).ms);
warm.sort((a, b) => a - b);
console.log(`html, ${COUNT} procedures, warm (QR cache): median ${warm[runs / 2]!.toFixed(1)} ms, max ${warm.at(-1)!.toFixed(1)} ms`);

// A different bot name means new links: every QR code encoded again.
const fresh = time(() => renderHtml(buildListing(catalogue, 'xa-thu-nghiem', { links: { ...links, botUsername: 'other_bot' }, now })));
console.log(`html, ${COUNT} procedures, cold again with new links: ${fresh.ms.toFixed(1)} ms`);

for (const format of ['md', 'txt'] as const) {
  const r = time(() => renderListingAs(buildListing(catalogue, 'xa-thu-nghiem', { links, now }), format));
  console.log(`${format}, ${COUNT} procedures: ${r.ms.toFixed(1)} ms`);
}
const worst = Math.max(cold.ms, fresh.ms);
console.log(`target <= 500 ms for the cold HTML render: ${worst <= 500 ? 'met' : 'MISSED'} (${worst.toFixed(1)} ms)`);
