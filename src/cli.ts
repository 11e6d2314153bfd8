// cli: the `motcua` operator commands, one file each in src/cli/, each a thin call into the
// services that src/main.ts builds; usage errors exit 2, help and output in Vietnamese.
// `motcua <command>`: each command lives in src/cli/<command>.ts and is a thin call into services.
import { CatalogueDirectoryError } from './catalogue/loader';
import { parseConfig } from './config';
import { UsageError, type Command, type CommandIo } from './cli/io';

export { UsageError, type Command, type CommandIo };

const commands: Record<string, () => Promise<{ run: Command }>> = {
  serve: () => import('./cli/serve'),
  'import-portal': () => import('./cli/import-portal'),
  validate: () => import('./cli/validate'),
  listing: () => import('./cli/listing'),
  ask: () => import('./cli/ask'),
  search: () => import('./cli/search'),
  eval: () => import('./cli/eval'),
  alerts: () => import('./cli/alerts'),
  officials: () => import('./cli/officials'),
  dossiers: () => import('./cli/dossiers'),
  keys: () => import('./cli/keys'),
  outbox: () => import('./cli/outbox'),
  db: () => import('./cli/db'),
  report: () => import('./cli/report'),
};

/** One line per command for `motcua --help` (each command's own --help says more). */
const SUMMARIES: Record<string, string> = {
  serve: 'chạy máy chủ: web chat, API, Telegram, Zalo, cảnh báo (npm start)',
  'import-portal': 'chuyển dữ liệu Cổng Dịch vụ công thành danh mục thủ tục',
  validate: 'kiểm tra danh mục thủ tục và lexicon.yaml (lỗi dạng tệp:dòng)',
  listing: 'in bảng niêm yết thủ tục của một xã, phường',
  ask: 'hỏi bot như người dân và xem câu trả lời',
  search: 'tìm thủ tục (JSON từng dòng với --json hoặc từ stdin)',
  eval: 'đo chất lượng câu trả lời trên bộ câu hỏi có nhãn',
  alerts: 'quét hồ sơ đến hạn, quá hạn và gửi cảnh báo ngay',
  officials: 'cán bộ nhận cảnh báo và liên kết chat',
  dossiers: 'nhập hồ sơ từ tệp CSV của hệ thống một cửa',
  keys: 'khoá API của hệ thống một cửa (tạo, liệt kê, thu hồi)',
  outbox: 'hộp thư đi: tin nhắn chưa gửi được và gửi lại',
  db: 'sao lưu cơ sở dữ liệu',
  report: 'câu hỏi bot chưa trả lời được và câu trả lời bị chê, để bổ sung lexicon.yaml',
};

function overview(): string {
  const names = Object.keys(commands).sort();
  const width = Math.max(...names.map((n) => n.length));
  return [
    'Cách dùng (usage): motcua <lệnh> [tuỳ chọn]',
    '',
    'Các lệnh:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${SUMMARIES[n] ?? ''}`),
    '',
    'Trợ giúp từng lệnh: motcua <lệnh> --help',
    'Ví dụ: motcua officials list --json',
    '',
  ].join('\n');
}

export { parseConfig };

export async function runCli(io: CommandIo): Promise<number> {
  let [name, ...rest] = io.argv;
  // `motcua help keys` is `motcua keys --help`.
  if (name === 'help' && rest[0] && commands[rest[0]]) [name, rest] = [rest[0], [...rest.slice(1), '--help']];
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    (name ? io.stdout : io.stderr).write(overview());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.stderr.write(`motcua: unknown command "${name}"; try: ${Object.keys(commands).sort().join(', ')}\n`);
    return 2;
  }
  try {
    const { run } = await load();
    return await run({ ...io, argv: rest });
  } catch (error) {
    let message = error instanceof Error ? error.message : String(error);
    // The folder came from the environment (or its default): say which variable to set.
    if (error instanceof CatalogueDirectoryError && error.dir === (io.env.PROCEDURES_DIR?.trim() || './procedures')) message += ' (set PROCEDURES_DIR to the catalogue folder; default ./procedures)';
    io.stderr.write(`motcua ${name}: ${message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

export async function main(argv: string[]): Promise<void> {
  // `motcua search … | head -1`: the reader closing the pipe early ends the command quietly,
  // as it would a Unix tool, not with an unhandled EPIPE and a stack trace. Not the server:
  // its logs going nowhere must not end it with a success code its supervisor would not restart.
  if (argv[0] !== 'serve') {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(0);
    });
  }
  const code = await runCli({ argv, env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
  // `serve` keeps running until a signal; every other command ends here, once its output
  // has been flushed (a bare process.exit cuts piped output short).
  if (argv[0] === 'serve' && code === 0) return;
  await flush(process.stdout);
  await flush(process.stderr);
  process.exit(code);
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.write('', () => resolve())) stream.once('drain', () => resolve());
  });
}
