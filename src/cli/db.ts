// `motcua db backup <file>`: an online copy of the SQLite database while the server runs
// (src/store/backup.ts), checked with PRAGMA integrity_check. On
// PostgreSQL the tool for this is pg_dump: the command prints how to use it and exits 1,
// so a backup script that was written for SQLite fails loudly instead of saving nothing.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError, type CommandIo } from './io';
import { parseConfig } from '../config';
import { formatLocalDateTime } from '../local-time';
import { backupSqlite } from '../store/backup';
import { answerHelp, usageLines, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Cơ sở dữ liệu của motcua.',
  subcommands: {
    backup: {
      usage: 'motcua db backup <tệp sao lưu> [--json]',
      summary: 'Sao lưu trực tuyến cơ sở dữ liệu SQLite (DATABASE_URL) sang một tệp mới trong khi máy chủ vẫn chạy, rồi kiểm tra bản sao (integrity_check).',
      example: 'motcua db backup /var/lib/motcua/backup/motcua-$(date +%F).db',
      notes: [
        'Tệp đích phải chưa tồn tại. Phục hồi: dừng dịch vụ, chép tệp sao lưu đè lên tệp cơ sở dữ liệu, khởi động lại (docs/van-hanh.md).',
        'Với PostgreSQL, lệnh này không sao lưu mà in cách dùng pg_dump (và thoát với mã 1):',
        '  pg_dump --format=custom --file=motcua.dump "$DATABASE_URL"',
      ],
    },
  },
};

/** What an operator on PostgreSQL runs instead; the URL's password is not repeated. */
export function pgDumpAdvice(file: string): string {
  return [
    'motcua db backup: DATABASE_URL là PostgreSQL; lệnh này chỉ sao lưu SQLite. Với PostgreSQL, dùng pg_dump (cùng phiên bản chính với máy chủ hoặc mới hơn):',
    `  pg_dump --format=custom --file=${shellQuote(file)} "$DATABASE_URL"`,
    'Phục hồi:',
    `  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" ${shellQuote(file)}`,
    'Chi tiết: docs/van-hanh.md (mục sao lưu và phục hồi).',
    '',
  ].join('\n');
}

function shellQuote(text: string): string {
  return /^[\w./:@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const args = io.argv.filter((a) => a !== '--json');
  const json = args.length !== io.argv.length;
  const [sub, target, extra] = args;
  if (sub !== 'backup' || !target || extra !== undefined || target.startsWith('-')) {
    throw new UsageError(sub && sub !== 'backup' ? `unknown subcommand "${sub}"\n${usageLines(HELP)}` : usageLines(HELP));
  }
  const config = parseConfig(io.env);
  const url = config.DATABASE_URL;
  if (!url.startsWith('sqlite:')) {
    io.stderr.write(pgDumpAdvice(target));
    return 1;
  }
  const file = url.slice('sqlite:'.length);
  if (file === ':memory:' || file === '') throw new UsageError('DATABASE_URL is an in-memory database; there is nothing to back up');
  if (!fs.existsSync(file)) {
    io.stderr.write(`motcua db backup: không có cơ sở dữ liệu tại ${file} (DATABASE_URL)\n`);
    return 1;
  }
  if (fs.existsSync(target)) {
    io.stderr.write(`motcua db backup: ${target} đã có; hãy chọn tên tệp mới (không ghi đè bản sao lưu cũ)\n`);
    return 1;
  }
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const check = await backupSqlite(file, target);
  if (check !== 'ok') {
    io.stderr.write(`motcua db backup: bản sao không qua kiểm tra toàn vẹn: ${check}\n`);
    return 1;
  }
  const bytes = fs.statSync(target).size;
  const at = new Date();
  if (json) io.stdout.write(`${JSON.stringify({ source: file, backup: target, bytes, integrity: 'ok', at: at.toISOString() })}\n`);
  else io.stdout.write(`Đã sao lưu ${file} sang ${target} lúc ${formatLocalDateTime(at)} (${bytes.toLocaleString('vi-VN')} byte, kiểm tra toàn vẹn: tốt).\n`);
  return 0;
}
