// `npm run bench`: runs every benchmark in bench/ one after another (or those named on the
// command line), each in its own process so one's memory does not skew another's numbers.
//   --quick   the small sizes (passed on to each benchmark); with no names, only the `smoke` suites
//   --check   compare the results with bench/targets.json; exit 1 when one misses its target,
//             is missing, or a benchmark fails. `npm run bench -- --quick --check` is the CI smoke.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './_results';

interface Limit {
  max?: number;
  min?: number;
}
interface Targets {
  smoke: string[];
  targets: Record<string, Limit & { quick?: Limit }>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const check = args.includes('--check');
const wanted = args.filter((a) => !a.startsWith('--'));
const targets = JSON.parse(fs.readFileSync(path.join(here, 'targets.json'), 'utf8')) as Targets;
const suites = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => path.basename(f, '.ts'))
  .filter((s) => (wanted.length > 0 ? wanted.includes(s) : !quick || targets.smoke.includes(s)))
  .sort();
const unknown = wanted.filter((s) => !fs.existsSync(path.join(here, `${s}.ts`)));
if (unknown.length > 0) {
  console.error(`bench: no such benchmark: ${unknown.join(', ')}`);
  process.exit(2);
}

/** The limit a result is held to in this run, if any. */
function limitFor(name: string): Limit | undefined {
  const target = targets.targets[name];
  return quick ? target?.quick : target;
}

function verdict(value: number, limit: Limit): boolean {
  return (limit.max === undefined || value <= limit.max) && (limit.min === undefined || value >= limit.min);
}

const describe = (limit: Limit) => [limit.min !== undefined ? `≥ ${limit.min}` : '', limit.max !== undefined ? `≤ ${limit.max}` : ''].filter(Boolean).join(' and ');

const failures: string[] = [];
const rows: string[] = [];
const started = performance.now();
for (const suite of suites) {
  const suiteStarted = performance.now();
  console.log(`\n=== bench/${suite}.ts${quick ? ' --quick' : ''}`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-results-')), 'results.jsonl');
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(here, `${suite}.ts`), ...(quick ? ['--quick'] : [])], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_RESULTS: file },
  });
  rows.push(`       bench/${suite}.ts took ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`);
  if (run.status !== 0) failures.push(`bench/${suite}.ts exited with ${run.status ?? run.signal}`);
  const results: BenchResult[] = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as BenchResult)
    : [];
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  for (const r of results) {
    const limit = limitFor(r.name);
    // Infinity (nothing measured, e.g. replies that never arrived) is written as null.
    const measured = typeof r.value === 'number' && Number.isFinite(r.value);
    const ok = limit ? measured && verdict(r.value, limit) : true;
    const shown = measured ? `${Number(r.value.toFixed(3))} ${r.unit}` : 'not measured';
    rows.push(`${ok ? '  ok  ' : ' MISS '} ${r.name} = ${shown}${limit ? ` (target ${describe(limit)})` : ''}`);
    if (!ok) failures.push(`${r.name} = ${shown}, target ${describe(limit!)}`);
  }
  // A target whose suite ran but did not report it: the benchmark changed or broke half-way.
  for (const name of Object.keys(targets.targets)) {
    if (!name.startsWith(`${suite}.`) || !limitFor(name) || results.some((r) => r.name === name)) continue;
    rows.push(` MISS  ${name}: not reported`);
    failures.push(`${name} was not reported by bench/${suite}.ts`);
  }
}

console.log(`\n=== results${quick ? ' (quick)' : ''} in ${((performance.now() - started) / 1000).toFixed(0)} s, targets from bench/targets.json`);
for (const row of rows) console.log(row);
if (check) {
  if (failures.length > 0) {
    console.log(`\nbench --check: ${failures.length} failed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nbench --check: every target met');
  process.exit(0);
}
process.exit(failures.some((f) => f.includes(' exited with ')) ? 1 : 0);
