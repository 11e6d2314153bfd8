// Loading and validating the whole catalogue (target: ≤ 1.5 s for 2,642 procedures), plus
// where the time goes: reading files, parsing YAML, checking the schema.
// `node --import tsx bench/catalogue.ts [--quick] [dir] [runs]` (default: ./procedures, 7 runs; 2 with --quick).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import yaml from 'js-yaml';
import { loadCatalogue } from '../src/catalogue/loader';
import { procedureSchema } from '../src/catalogue/schema';
import { CATALOGUE_YAML_SCHEMA } from '../src/catalogue/yaml-schema';
import { quick, result } from './_results';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dir = positional[0] ?? 'procedures';
const runs = Number(positional[1] ?? (quick ? 2 : 7));

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `min ${sorted[0]!.toFixed(0)} ms, median ${median(times).toFixed(0)} ms (${times.length} runs)`;
}

async function time<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

async function measure(label: string, cache: string | false, metric: string): Promise<void> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let summary = '';
  for (let i = 0; i < runs; i += 1) {
    const before = process.cpuUsage();
    const [ms, result] = await time(() => loadCatalogue(dir, { cache }));
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
    wall.push(ms);
    summary = `${result.catalogue.procedures.length} procedures, ${result.problems.length} errors, ${result.warnings.length} warnings`;
  }
  console.log(`${label} (${summary})`);
  console.log(`  wall: ${stats(wall)}   target ≤ 1500 ms`);
  // On a shared machine wall time includes waiting for a core; CPU time shows the work itself.
  console.log(`  CPU:  ${stats(cpu)}`);
  result(`catalogue.${metric}_ms`, median(wall), 'ms');
  result(`catalogue.${metric}_cpu_ms`, median(cpu), 'ms CPU');
}

console.log(`catalogue ${dir}`);
await measure('load + validate, parsing every file (no cache, as on a first start)', false, 'load');
const cacheDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
const cacheFile = path.join(cacheDir, 'cache.json');
await loadCatalogue(dir, { cache: cacheFile });
await measure('load + validate, unchanged files from the parse cache (every later start)', cacheFile, 'load_cached');
rmSync(cacheDir, { recursive: true, force: true });

// The phases on their own, to see which one to work on if the total is over target.
if (quick) process.exit(0);
const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
const files = entries.filter((e) => e.isFile() && e.name.endsWith('.yaml') && !['calendar.yaml', 'offices.yaml', 'lexicon.yaml', 'portal-only.yaml'].includes(e.name));
const [readMs, texts] = await time(() => files.map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8')));
const [parseMs, docs] = await time(() => texts.map((t) => yaml.load(t, { schema: CATALOGUE_YAML_SCHEMA })));
const [checkMs] = await time(() => docs.map((d) => procedureSchema.safeParse(d)));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
console.log(
  `phases (one run): read ${readMs.toFixed(0)} ms, YAML ${parseMs.toFixed(0)} ms, schema ${checkMs.toFixed(0)} ms ` +
    `— ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`,
);
