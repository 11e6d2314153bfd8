// `motcua serve` (what `npm start` runs): serves until SIGINT or SIGTERM.
import type { CommandIo } from './io';
import { parseConfig } from '../config';
import { serve } from '../main';
import { answerHelp, type CommandHelp } from './help';

export const HELP: CommandHelp = {
  summary: 'Chạy máy chủ: web chat, API hồ sơ, webhook Telegram/Zalo, bảng niêm yết, quét cảnh báo hằng ngày và gửi hộp thư đi, đến khi nhận SIGINT/SIGTERM. Cấu hình bằng biến môi trường (README, mục cấu hình).',
  usage: 'motcua serve',
  example: 'DATABASE_URL=sqlite:./data/motcua.db PORT=3000 motcua serve   (hoặc: npm start)',
};


export async function run(io: CommandIo): Promise<number> {
  if (answerHelp(io, HELP)) return 0;
  const server = await serve(parseConfig(io.env));
  // A crash report goes through the logger too, so its scrubber sees it (no token, no phone).
  const logger = server.context.logger;
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'motcua: unhandled promise rejection'));
  process.once('uncaughtException', (err) => {
    logger.fatal({ err }, 'motcua: uncaught exception; exiting');
    process.exit(1);
  });
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
