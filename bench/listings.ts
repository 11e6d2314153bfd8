// How long a commune listing takes to render: 300 procedures, every format. QR encoding is the
// cost in HTML; codes are cached, so the first render (cold) and later ones (warm) are shown.
// Target (issue 7): 300 procedures in <= 500 ms. A desk without its own list is rendered with
// `all` (every procedure at its level), as `motcua listing --all` does.
import { loadCatalogue } from '../src/catalogue/loader';
import { buildListing } from '../src/listings/listing';
import { renderHtml } from '../src/listings/html';
import { renderListingAs } from '../src/listings/render';
import { generatedProcedures, makeCatalogue } from '../tests/listings/fixture';
import { quick, result } from './_results';

const COUNT = 300;
const links = { botUsername: 'motcua_bot', webBaseUrl: 'http://localhost:3000' };
const catalogue = makeCatalogue(generatedProcedures(COUNT));
const now = new Date();

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

const cold = time(() => renderHtml(buildListing(catalogue, 'xa-thu-nghiem', { links, now, all: true })));
console.log(`html, ${COUNT} procedures, cold (QR codes encoded): ${cold.ms.toFixed(1)} ms, ${(cold.value.length / 1024).toFixed(0)} KiB`);

const runs = 20;
const warm: number[] = [];
for (let i = 0; i < runs; i++) warm.push(time(() => renderHtml(buildListing(catalogue, 'xa-thu-nghiem', { links, now, all: true }))).ms);
warm.sort((a, b) => a - b);
console.log(`html, ${COUNT} procedures, warm (QR cache): median ${warm[runs / 2]!.toFixed(1)} ms, max ${warm.at(-1)!.toFixed(1)} ms`);

// A different bot name means new links: every QR code encoded again.
const fresh = time(() => renderHtml(buildListing(catalogue, 'xa-thu-nghiem', { links: { ...links, botUsername: 'other_bot' }, now, all: true })));
console.log(`html, ${COUNT} procedures, cold again with new links: ${fresh.ms.toFixed(1)} ms`);

for (const format of ['md', 'txt'] as const) {
  const r = time(() => renderListingAs(buildListing(catalogue, 'xa-thu-nghiem', { links, now, all: true }), format));
  console.log(`${format}, ${COUNT} procedures: ${r.ms.toFixed(1)} ms`);
}
const worst = Math.max(cold.ms, fresh.ms);
console.log(`target <= 500 ms for the cold HTML render: ${worst <= 500 ? 'met' : 'MISSED'} (${worst.toFixed(1)} ms)`);
result('listings.html_300_cold_ms', worst, 'ms');

// The same on the real catalogue, when one is checked out: its first 300 commune procedures,
// then every commune procedure (what a desk without its own list prints).
// (Not in the quick CI smoke: bench/catalogue.ts loads the catalogue there.)
if (quick) process.exit(0);
const { catalogue: real } = await loadCatalogue(process.env.PROCEDURES_DIR ?? 'procedures');
const communeCodes = real.procedures.filter((p) => p.levels.includes('commune')).map((p) => p.code);
if (communeCodes.length >= COUNT) {
  const desk = { id: 'bench-desk', name: 'UBND xã Thử Nghiệm', level: 'commune' as const, address: 'Thôn 1', hours: '7:30–17:00' };
  const withDesks = { ...real, offices: [{ ...desk, procedures: communeCodes.slice(0, COUNT) }, { ...desk, id: 'bench-all' }] };
  const first = time(() => renderHtml(buildListing(withDesks, 'bench-desk', { links, now, all: true })));
  console.log(`real catalogue, html, ${COUNT} commune procedures, cold: ${first.ms.toFixed(1)} ms, ${(first.value.length / 1024).toFixed(0)} KiB`);
  const all = time(() => renderHtml(buildListing(withDesks, 'bench-all', { links, now, all: true })));
  console.log(`real catalogue, html, all ${communeCodes.length} commune procedures (${COUNT} QR codes cached): ${all.ms.toFixed(1)} ms, ${(all.value.length / 1024).toFixed(0)} KiB`);
} else {
  console.log(`real catalogue: ${communeCodes.length} commune procedures, fewer than ${COUNT}; skipped`);
}
