// Machine-readable results: a benchmark calls `result(name, value, unit)` for each number that
// has a target in bench/targets.json; `npm run bench -- --check` compares them. Each result is one
// JSON line appended to the file named by BENCH_RESULTS (set by bench/run.ts; child processes
// inherit it), and nothing is written when a benchmark runs on its own.
import fs from 'node:fs';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

export function result(name: string, value: number, unit: string): void {
  const file = process.env.BENCH_RESULTS;
  if (!file) return;
  fs.appendFileSync(file, `${JSON.stringify({ name, value, unit } satisfies BenchResult)}\n`);
}

/** Whether the benchmark was asked for its small, CI-sized run (`--quick`). */
export const quick = process.argv.includes('--quick');
