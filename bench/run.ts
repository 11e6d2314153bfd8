// `npm run bench`: runs every benchmark in bench/ one after another (or those named on the
// command line), each in its own process so one's memory does not skew another's numbers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const suites = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => wanted.length === 0 || wanted.includes(path.basename(f, '.ts')))
  .sort();

let failed = 0;
for (const suite of suites) {
  console.log(`\n=== bench/${suite}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(here, suite)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.log(`bench/${suite} exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
