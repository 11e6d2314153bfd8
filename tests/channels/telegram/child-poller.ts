// A Telegram poller in its own process, for the restart test: killed with SIGKILL while it
// is answering. Its engine answers at once, except a message containing "treo" (hang), which
// it announces on stdout and never answers. Its inbox claims last 2 s (20 s in production).
// Env: DATABASE_URL, TG_ROOT, TG_TOKEN.
import { createTelegram } from '../../../src/channels/telegram';
import { textReply } from '../../../src/conversation/message';
import { silentLogger } from '../../../src/log';
import { openDatabase } from '../../../src/store/db';
import { createStores } from '../../../src/store/stores';

const env = process.env;
const db = await openDatabase(env.DATABASE_URL!);
const channel = createTelegram(
  { TELEGRAM_BOT_TOKEN: env.TG_TOKEN, TELEGRAM_API_ROOT: env.TG_ROOT!, TELEGRAM_WEBHOOK_URL: undefined, TELEGRAM_WEBHOOK_SECRET: undefined },
  {
    handle: async (incoming) => {
      if (!incoming.text.includes('treo')) return textReply(`Trả lời: ${incoming.text}`);
      process.stdout.write(`handling ${incoming.text}\n`);
      return new Promise(() => undefined);
    },
  },
  { logger: silentLogger(), stores: createStores(db), inboxTiming: { leaseMs: 2_000 } },
);
await channel.start();
// Keeps the process alive while the answer hangs.
setInterval(() => undefined, 1000);
