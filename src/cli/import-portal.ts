// `motcua import-portal <file.jsonl[.gz]> [--out procedures] [--popularity <file>]`: converts the
// national portal crawl into the catalogue and prints the parse-quality report.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CommandIo } from './io';
import { UsageError } from './io';
import { importPortal } from '../catalogue/portal/import';
import { popularityByCode, readPopularityRows, readRecords } from '../catalogue/portal/record';
import { loadPortalOnly, PORTAL_ONLY_FILE, portalOnlyEntries, portalOnlyYaml } from '../catalogue/portal-only';
import { formatReport } from '../catalogue/portal/report';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Chuyển bản thu thập Cổng Dịch vụ công Quốc gia (JSON Lines, có thể nén gzip) thành danh mục thủ tục YAML và in báo cáo chất lượng.',
  usage: 'motcua import-portal <file.jsonl[.gz]> [--out procedures] [--popularity portal-popularity.jsonl]',
  example: 'motcua import-portal data/portal.jsonl.gz --out procedures',
};


const USAGE = 'usage: motcua import-portal <file.jsonl[.gz]> [--out procedures] [--popularity portal-popularity.jsonl]';

function parseArgs(argv: string[]): { input: string; out: string; popularity?: string } {
  let input: string | undefined;
  let out = 'procedures';
  let popularity: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out' || arg === '--popularity') {
      const value = argv[++i];
      if (!value) throw new UsageError(`${arg} needs a value; ${USAGE}`);
      if (arg === '--out') out = value;
      else popularity = value;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}; ${USAGE}`);
    else if (input === undefined) input = arg;
    else throw new UsageError(`one input file only; ${USAGE}`);
  }
  if (!input) throw new UsageError(USAGE);
  return { input, out, ...(popularity ? { popularity } : {}) };
}

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const args = parseArgs(io.argv);
  // Without --popularity, the usage counts are looked for next to the crawl, where SOURCES.md puts them.
  const popularityFile = args.popularity ?? path.join(path.dirname(args.input), 'portal-popularity.jsonl');
  const hasPopularity = await fs.access(popularityFile).then(() => true, () => false);
  if (args.popularity && !hasPopularity) throw new UsageError(`cannot read ${args.popularity}`);
  const rows = hasPopularity ? await readPopularityRows(popularityFile) : [];
  const popularity = popularityByCode(rows);
  const records = await readRecords(args.input);
  const { report, procedures } = await importPortal(records, { outDir: args.out, popularity });
  io.stdout.write(formatReport(report));
  if (hasPopularity) {
    // The portal's used procedures the catalogue lacks: named honestly when asked for.
    // An office a province wrote for an entry stays through the import.
    const offices = new Map((await loadPortalOnly(args.out)).entries.flatMap((e) => (e.office ? [[e.code, e.office] as const] : [])));
    const missing = portalOnlyEntries(rows, new Set(procedures.map((p) => p.code))).map((e) => (offices.has(e.code) ? { ...e, office: offices.get(e.code)! } : e));
    await fs.writeFile(path.join(args.out, PORTAL_ONLY_FILE), portalOnlyYaml(missing));
    io.stdout.write(`portal-only procedures (used on the portal, not in the catalogue): ${missing.length}, written to ${PORTAL_ONLY_FILE}\n`);
  }
  if (!hasPopularity) io.stderr.write(`import-portal: no ${popularityFile}; every popularity is 0\n`);
  return report.failures.length > 0 ? 1 : 0;
}
