// The outbox dispatcher against a fake Telegram that enforces the configured rate with 429s:
// target ≥ 95% of the rate sustained, and no 429. `node --import tsx bench/dispatcher.ts [seconds]`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { textReply } from '../src/conversation/message';
import { systemClock } from '../src/clock';
import { createDispatcher } from '../src/delivery/dispatcher';
import { enqueueMany } from '../src/delivery/outbox';
import { silentLogger } from '../src/log';
import { openDatabase } from '../src/store/db';
import { createStores } from '../src/store/stores';
import { startFakeTelegram } from '../tests/fakes/telegram-bot-api';
import { Telegram } from 'telegraf';
import { TelegramSender } from '../src/channels/telegram/sender';
import { result } from './_results';

const SECONDS = Number(process.argv[2] ?? 15);

async function bench(rate: number): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-dispatch-'));
  const telegram = await startFakeTelegram({ sendRatePerSecond: rate });
  telegram.setRecording(false);
  const db = await openDatabase(`sqlite:${path.join(dir, 'outbox.db')}`);
  try {
    const stores = createStores(db);
    const total = rate * SECONDS;
    await enqueueMany(stores.outbox, Array.from({ length: total }, (_, i) => ({ channel: 'telegram' as const, chatId: `${1000 + i}`, kind: 'dossier_update', reply: textReply(`Hồ sơ ${i} đã có kết quả.`) })), new Date());
    const arrivals: number[] = [];
    telegram.onCall = (call) => {
      if (call.method === 'sendMessage' && call.status === 200) arrivals.push(call.at);
    };
    const dispatcher = createDispatcher({
      stores,
      senders: [new TelegramSender(new Telegram(telegram.token, { apiRoot: telegram.apiRoot }), 5000)],
      clock: systemClock,
      logger: silentLogger(),
      options: { ratePerSecond: { telegram: rate }, intervalMs: 50 },
    });
    dispatcher.start();
    const deadline = Date.now() + SECONDS * 3000;
    while (arrivals.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await dispatcher.stop();
    const span = (arrivals[arrivals.length - 1]! - arrivals[0]!) / 1000;
    const achieved = (arrivals.length - 1) / span;
    result(`dispatcher.rate_${rate}_share`, arrivals.length === total ? achieved / rate : 0, 'of the rate');
    rateLimited += telegram.rateLimited;
    const ok = arrivals.length === total && achieved >= 0.95 * rate && telegram.rateLimited === 0;
    console.log(`rate ${rate}/s: ${arrivals.length}/${total} delivered in ${span.toFixed(2)} s = ${achieved.toFixed(2)}/s (${((100 * achieved) / rate).toFixed(1)}% of the rate; target ≥ 95%), ${telegram.rateLimited} × 429 ${ok ? 'OK' : 'FAIL'}`);
    return ok;
  } finally {
    await db.close();
    await telegram.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let rateLimited = 0;
let ok = await bench(30);
ok = (await bench(100)) && ok;
result('dispatcher.rate_limited', rateLimited, '× 429');
process.exit(ok ? 0 : 1);
