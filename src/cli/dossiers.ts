// `motcua dossiers import <file.csv>`: loads or updates dossiers from a one-stop system's
// export. Prints each bad row as `file:line: reason` and each row loaded with a warning (an
// official_id no registered official has) as `file:line: field: warning: …`, then a summary;
// exit 1 if any row was bad (warnings alone keep 0).
import fs from 'node:fs/promises';
import { UsageError, type CommandIo } from './io';
import { loadCatalogue } from '../catalogue/loader';
import { configSecrets, parseConfig } from '../config';
import { CSV_COLUMNS, importDossiersCsv } from '../dossiers/csv-import';
import { createLogger } from '../log';
import { buildContext, buildDossiers } from '../main';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Hồ sơ của người dân từ hệ thống một cửa.',
  subcommands: {
    import: {
      usage: 'motcua dossiers import <file.csv>',
      summary: 'Nạp hoặc cập nhật hồ sơ từ tệp CSV xuất từ hệ thống một cửa; dòng sai in dạng tệp:dòng: lý do, thoát 1 nếu có dòng sai.',
      example: 'motcua dossiers import ho-so-2026-11-28.csv',
      notes: [`Các cột: ${CSV_COLUMNS.join(',')}`],
    },
  },
};


const USAGE = `usage: motcua dossiers import <file.csv>   (columns: ${CSV_COLUMNS.join(',')})`;

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const args = io.argv.filter((a) => a !== '--');
  if (args[0] !== 'import' || args.length !== 2 || args[1]!.startsWith('-')) throw new UsageError(USAGE);
  const file = args[1]!;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}; ${USAGE}`);
  }
  const config = parseConfig(io.env);
  const { catalogue, problems } = await loadCatalogue(config.PROCEDURES_DIR);
  if (problems.length > 0) io.stderr.write(`motcua dossiers: cảnh báo: danh mục thủ tục có ${problems.length} lỗi; xem bằng "motcua validate"\n`);
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, undefined, { secrets: configSecrets(config) });
  const context = await buildContext(config, { logger });
  try {
    const service = buildDossiers(context, catalogue);
    const summary = await importDossiersCsv(service, text, { officialExists: async (id) => (await context.stores.officials.get(id)) !== undefined });
    // Problems and warnings in file order.
    const lines = [...summary.problems, ...summary.warnings].sort((a, b) => a.line - b.line);
    for (const p of lines) io.stdout.write(`${file}:${p.line}: ${p.message}\n`);
    io.stdout.write(
      `${file}: ${summary.rows} dòng: ${summary.created} hồ sơ mới, ${summary.updated} cập nhật, ${summary.unchanged} không đổi, ${summary.problems.length} dòng sai` +
        (summary.warnings.length ? `, ${summary.warnings.length} cảnh báo` : '') +
        `${summary.problems.length ? ' (xem các dòng tệp:dòng ở trên, sửa rồi nhập lại: dòng đúng không bị nhập hai lần)' : ''}\n`,
    );
    return summary.problems.length > 0 ? 1 : 0;
  } finally {
    await context.close();
  }
}
