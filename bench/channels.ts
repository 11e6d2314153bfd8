// Channel speed and memory:
//  1. Zalo webhook: acknowledgement latency at 500 requests/s (target p99 <= 20 ms).
//  2. Telegram webhook: update posted → sendMessage arriving at the fake Bot API (p99 <= 30 ms).
//  3. 100,000 Zalo messages from 10,000 distinct users: server RSS before and after (bounded).
// The server (express app, channels, ConversationEngine, SQLite chat-activity store) runs in
// this process; the fake Telegram and Zalo APIs and the load generator run in a child process,
// so the server's event loop and RSS are its own.
// Run: node --import tsx --expose-gc bench/channels.ts [--quick]
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ConversationEngine } from '../src/conversation/engine';
import { procedurePayload, reply, type Incoming } from '../src/conversation/message';
import { createTelegram, TELEGRAM_WEBHOOK_PATH } from '../src/channels/telegram';
import { createZaloChannel, ZALO_WEBHOOK_PATH } from '../src/channels/zalo';
import { createHttpApp } from '../src/http/app';
import { silentLogger } from '../src/log';
import { createMetrics } from '../src/metrics';
import { StoreChatActivity } from '../src/store/chat-activity';
import { openDatabase } from '../src/store/db';
import { createStores } from '../src/store/stores';
import { startFakeTelegram, type FakeTelegram } from '../tests/fakes/telegram-bot-api';
import { signedZaloEvent, startFakeZalo, type FakeZalo } from '../tests/fakes/zalo-api';
import { result } from './_results';

const quick = process.argv.includes('--quick');
const OA_SECRET = 'bench-oa-secret';
const TG_SECRET = 'bench-telegram-secret';

interface FakesReady { type: 'fakes'; zaloUrl: string; appId: string; appSecret: string; tgRoot: string; tgToken: string }
type FromLoad = FakesReady | { type: 'memory' | 'drain' | 'idle'; id: number } | { type: 'done' };
type ToLoad = { type: 'server'; url: string } | { type: 'memory'; id: number; rss: number; heapUsed: number; cpuMs: number } | { type: 'drained'; id: number };

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

// ---------------------------------------------------------------- server (this process)
async function server(): Promise<void> {
  const logger = silentLogger();
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--load', ...(quick ? ['--quick'] : [])], { execArgv: ['--import', 'tsx'] });
  const fakes = await new Promise<FakesReady>((resolve) => child.once('message', (m) => resolve(m as FakesReady)));

  const db = await openDatabase('sqlite::memory:');
  const answer = (incoming: Incoming) =>
    reply([{ type: 'heading', text: 'Đăng ký khai sinh' }, { type: 'text', text: `Bạn hỏi: ${incoming.text.slice(0, 40)}` }, { type: 'list', items: ['Tờ khai', 'Giấy chứng sinh'] }], {
      buttons: [{ label: 'Lệ phí', payload: procedurePayload('1.001193', 'fee') }],
    });
  const engine = new ConversationEngine([], { handle: async (i) => answer(i) }, logger, new StoreChatActivity(db.kysely));
  const zalo = createZaloChannel(
    { ZALO_APP_ID: fakes.appId, ZALO_APP_SECRET: fakes.appSecret, ZALO_OA_SECRET_KEY: OA_SECRET, ZALO_ACCESS_TOKEN: 'access-1', ZALO_REFRESH_TOKEN: 'refresh-1', ZALO_API_ROOT: fakes.zaloUrl, ZALO_OAUTH_ROOT: fakes.zaloUrl },
    engine,
    { stores: createStores(db), logger },
  );
  const httpServer = http.createServer();
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const telegram = createTelegram({ TELEGRAM_BOT_TOKEN: fakes.tgToken, TELEGRAM_API_ROOT: fakes.tgRoot, TELEGRAM_WEBHOOK_URL: `${url}${TELEGRAM_WEBHOOK_PATH}`, TELEGRAM_WEBHOOK_SECRET: TG_SECRET }, engine, { logger });
  const app = createHttpApp({ logger, metrics: createMetrics({ defaults: false }), mounts: [{ path: ZALO_WEBHOOK_PATH, router: zalo.router }, { path: TELEGRAM_WEBHOOK_PATH, router: telegram.router! }] });
  httpServer.on('request', app);
  httpServer.keepAliveTimeout = 60_000;
  await telegram.start();

  const gc = () => (globalThis as { gc?: () => void }).gc?.();
  const send = (message: ToLoad) => child.send(message);
  await new Promise<void>((resolve) => {
    child.on('message', (raw) => {
      const message = raw as FromLoad;
      if (message.type === 'memory') {
        gc();
        const usage = process.memoryUsage();
        const cpu = process.cpuUsage();
        send({ type: 'memory', id: message.id, rss: usage.rss, heapUsed: usage.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 });
      } else if (message.type === 'idle') {
        // Lets replies still in flight finish before a timed phase starts.
        void zalo.stop().then(() => send({ type: 'drained', id: message.id }));
      } else if (message.type === 'drain') {
        void Promise.all([zalo.stop(), telegram.stop()]).then(() => send({ type: 'drained', id: message.id }));
      } else if (message.type === 'done') resolve();
    });
    send({ type: 'server', url });
  });
  httpServer.closeAllConnections();
  httpServer.close();
  await db.close();
}

// ---------------------------------------------------------------- load (child process)
async function load(): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const zaloFake: FakeZalo = await startFakeZalo();
  const tgFake: FakeTelegram = await startFakeTelegram();
  zaloFake.setRecording(false);
  tgFake.setRecording(false);
  let nextId = 0;
  const pending = new Map<number, (m: ToLoad) => void>();
  let serverUrl = '';
  const ready = new Promise<void>((resolve) => {
    process.on('message', (raw) => {
      const message = raw as ToLoad;
      if (message.type === 'server') {
        serverUrl = message.url;
        resolve();
      } else {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      }
    });
  });
  const ask = <T extends ToLoad>(type: 'memory' | 'drain' | 'idle') =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (m: ToLoad) => void);
      process.send!({ type, id } satisfies FromLoad);
    });
  process.send!({ type: 'fakes', zaloUrl: zaloFake.url, appId: zaloFake.appId, appSecret: zaloFake.appSecret, tgRoot: tgFake.apiRoot, tgToken: tgFake.token } satisfies FromLoad);
  await ready;

  const post = (url: URL, headers: Record<string, string>, body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  const summary = (latencies: number[]) => {
    const s = [...latencies].sort((a, b) => a - b);
    return `n=${s.length} p50=${percentile(s, 50).toFixed(2)} ms p99=${percentile(s, 99).toFixed(2)} ms max=${(s.at(-1) ?? NaN).toFixed(2)} ms`;
  };
  const zaloUrl = new URL(`${serverUrl}${ZALO_WEBHOOK_PATH}`);
  const tgUrl = new URL(`${serverUrl}${TELEGRAM_WEBHOOK_PATH}`);
  const zaloEvent = (user: string, text: string) => signedZaloEvent({ appId: zaloFake.appId, oaSecretKey: OA_SECRET, userId: user, text });

  /** Open loop: request i is due at start + i/rate; latency counts from when it was due. */
  async function openLoop(total: number, rate: number, fire: (i: number) => Promise<void>): Promise<number> {
    const start = performance.now();
    await Promise.all(
      Array.from({ length: total }, (_, i) => new Promise<void>((resolve, reject) => {
        setTimeout(() => fire(i).then(resolve, reject), Math.max(0, start + (i * 1000) / rate - performance.now()));
      })),
    );
    return (performance.now() - start) / 1000;
  }

  // 1. Zalo acknowledgement at 500/s.
  // Warm-up (JIT, sockets, SQLite statements), closed loop.
  let warm = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (warm < 2000) {
      const e = zaloEvent(`warm${warm++ % 50}`, 'lam giay khai sinh can gi');
      await post(zaloUrl, e.headers, e.body);
    }
  }));
  await ask('idle');
  const rate = 500;
  const seconds = quick ? 2 : 6;
  const events = Array.from({ length: rate * seconds }, (_, i) => zaloEvent(`u${i % 1000}`, `lam giay khai sinh can gi ${i}`));
  const acks: number[] = [];
  const zaloStart = performance.now();
  const zaloElapsed = await openLoop(events.length, rate, async (i) => {
    const due = zaloStart + (i * 1000) / rate;
    const t0 = performance.now();
    const status = await post(zaloUrl, events[i]!.headers, events[i]!.body);
    if (status !== 200) throw new Error(`zalo ack ${status}`);
    acks.push(performance.now() - Math.min(t0, due));
  });
  result('channels.zalo_ack_p99_ms', percentile([...acks].sort((a, b) => a - b), 99), 'ms');
  console.log(`zalo webhook ack @ ${rate}/s for ${seconds} s (${(events.length / zaloElapsed).toFixed(0)}/s achieved): ${summary(acks)}  [target p99 <= 20 ms]`);

  // 2. Telegram update → sendMessage at the fake.
  const postedAt = new Map<string, number>();
  const tgLatencies: number[] = [];
  tgFake.onCall = (call) => {
    if (call.method !== 'sendMessage') return;
    const key = String(call.body.chat_id);
    const t0 = postedAt.get(key);
    if (t0 !== undefined) {
      tgLatencies.push(performance.now() - t0);
      postedAt.delete(key);
    }
  };
  const tgHeaders = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET };
  for (let i = 0; i < 200; i++) await post(tgUrl, tgHeaders, JSON.stringify({ update_id: i, ...tgFake.textUpdate(1, 'warm') }));
  const tgRate = 200;
  const tgTotal = quick ? 400 : 2000;
  const tgElapsed = await openLoop(tgTotal, tgRate, async (i) => {
    const chatId = 100_000 + i;
    const body = JSON.stringify({ update_id: 1000 + i, ...tgFake.textUpdate(chatId, 'lam giay khai sinh can gi') });
    postedAt.set(String(chatId), performance.now());
    await post(tgUrl, tgHeaders, body);
  });
  const deadline = Date.now() + 10_000;
  while (tgLatencies.length < tgTotal && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  result('channels.telegram_reply_p99_ms', tgLatencies.length === tgTotal ? percentile([...tgLatencies].sort((a, b) => a - b), 99) : Infinity, 'ms');
  console.log(`telegram webhook update → sendMessage at the fake @ ${tgRate}/s (${(tgTotal / tgElapsed).toFixed(0)}/s achieved): ${summary(tgLatencies)}  [target p99 <= 30 ms]`);

  // 3. 100,000 messages from 10,000 chats: server memory.
  const messages = quick ? 20_000 : 100_000;
  const chats = 10_000;
  let replies = 0;
  zaloFake.onCall = () => {
    replies += 1;
  };
  const before = await ask<{ type: 'memory'; id: number; rss: number; heapUsed: number; cpuMs: number }>('memory');
  let next = 0;
  const memStart = performance.now();
  const sendUpTo = (limit: number) => Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < limit) {
        const i = next++;
        const e = zaloEvent(`chat${i % chats}`, `thu tuc so ${i}`);
        const status = await post(zaloUrl, e.headers, e.body);
        if (status !== 200) throw new Error(`zalo ack ${status}`);
      }
    }),
  );
  await sendUpTo(messages / 2);
  const half = await ask<{ type: 'memory'; id: number; rss: number; heapUsed: number; cpuMs: number }>('memory');
  await sendUpTo(messages);
  await ask('drain');
  const memSeconds = (performance.now() - memStart) / 1000;
  const after = await ask<{ type: 'memory'; id: number; rss: number; heapUsed: number; cpuMs: number }>('memory');
  console.log(`${messages.toLocaleString('en')} Zalo messages from ${chats.toLocaleString('en')} chats in ${memSeconds.toFixed(1)} s (${(messages / memSeconds).toFixed(0)}/s), ${replies.toLocaleString('en')} replies delivered`);
  console.log(`  server CPU per message (ack, engine, SQLite, reply to Zalo): ${((after.cpuMs - before.cpuMs) / messages).toFixed(2)} ms`);
  console.log(`  server RSS before ${mb(before.rss)} → half-way ${mb(half.rss)} → after ${mb(after.rss)}; heap used ${mb(before.heapUsed)} → ${mb(half.heapUsed)} → ${mb(after.heapUsed)}`);

  process.send!({ type: 'done' } satisfies FromLoad);
  agent.destroy();
  await zaloFake.close();
  await tgFake.close();
  process.disconnect();
}

(process.argv.includes('--load') ? load() : server()).catch((error) => {
  console.error(error);
  process.exit(1);
});
