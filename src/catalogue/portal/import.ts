// catalogue/portal: turns the national portal crawl into procedure files and reports what it
// could not parse.
// The portal import: records in, one YAML file per procedure out (procedures/<field>/<code>.yaml),
// stale generated files removed, and a report of what was parsed.
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Procedure } from '../schema';
import { convertRecord } from './convert';
import type { PortalRecord } from './record';
import { countProcedure, emptyReport, gap, type ImportReport } from './report';
import { GENERATED_MARKER, procedureToYaml } from './yaml-out';

export interface ImportOptions {
  outDir: string;
  popularity: ReadonlyMap<string, number>;
}

/** How much a record says: with duplicate codes, the fuller page is kept. */
function weight(record: PortalRecord): number {
  return record.raw_text.length;
}

/** One record per code: the fullest, and the earliest of equally full ones. */
export function dedupe(records: readonly PortalRecord[]): { kept: PortalRecord[]; duplicates: ImportReport['duplicates'] } {
  const byCode = new Map<string, number[]>();
  records.forEach((r, i) => {
    const code = r.ma_thu_tuc.trim();
    byCode.set(code, [...(byCode.get(code) ?? []), i]);
  });
  const kept: PortalRecord[] = [];
  const duplicates: ImportReport['duplicates'] = [];
  for (const [code, indexes] of byCode) {
    let best = indexes[0]!;
    for (const i of indexes) if (weight(records[i]!) > weight(records[best]!)) best = i;
    kept.push(records[best]!);
    if (indexes.length > 1) duplicates.push({ code, kept: best + 1, dropped: indexes.filter((i) => i !== best).map((i) => i + 1) });
  }
  return { kept, duplicates };
}

/** Generated files under `dir` (any depth), as relative paths. */
async function generatedFiles(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const e of entries) {
    if (!e.isFile() || !/^\d\.\d{6}\.yaml$/.test(e.name)) continue;
    const file = path.join(e.parentPath, e.name);
    const handle = await fs.open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(GENERATED_MARKER.length * 2), 0, GENERATED_MARKER.length * 2, 0);
      if (buffer.subarray(0, bytesRead).toString('utf8').startsWith(GENERATED_MARKER)) found.push(path.relative(dir, file));
    } finally {
      await handle.close();
    }
  }
  return found;
}

export interface ImportResult {
  report: ImportReport;
  procedures: Procedure[];
}

/** Converts and writes every record; files are rewritten only when their text changes. */
export async function importPortal(records: readonly PortalRecord[], options: ImportOptions): Promise<ImportResult> {
  const report = emptyReport(records.length);
  const { kept, duplicates } = dedupe(records);
  report.duplicates = duplicates;
  const files = new Map<string, string>();
  const procedures: Procedure[] = [];
  for (const record of kept) {
    const converted = convertRecord(record, options.popularity);
    if (!converted.ok) {
      report.failures.push({ code: converted.code, reason: converted.reason });
      continue;
    }
    countProcedure(report, converted.procedure, converted.published);
    for (const note of converted.notes) gap(report, note, converted.procedure.code);
    procedures.push(converted.procedure);
    files.set(path.join(converted.folder, `${converted.procedure.code}.yaml`), procedureToYaml(converted.procedure));
  }
  const stale = (await generatedFiles(options.outDir)).filter((f) => !files.has(f));
  for (const file of stale) await fs.rm(path.join(options.outDir, file));
  for (const [file, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const target = path.join(options.outDir, file);
    const current = await fs.readFile(target, 'utf8').catch(() => undefined);
    if (current === text) continue;
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, text);
  }
  // Folders emptied by the removal of stale files go too.
  for (const dir of new Set(stale.map((f) => path.dirname(f)))) {
    const left = await fs.readdir(path.join(options.outDir, dir)).catch(() => ['?']);
    if (left.length === 0) await fs.rmdir(path.join(options.outDir, dir));
  }
  report.written = files.size;
  report.removed = stale.length;
  report.failures.sort((a, b) => (a.code < b.code ? -1 : 1));
  return { report, procedures };
}
