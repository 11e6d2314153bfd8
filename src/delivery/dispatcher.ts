// delivery: the outbox — messages queued by alerts and dossier updates, sent in order per
// chat at each channel's rate, retried with backoff, dead letters kept for `motcua outbox`.
// The outbox dispatcher: claims due rows, sends each through its channel's ChannelSender at a
// paced rate, and records the outcome. Rows are marked sent only after the channel accepted
// them, so a crash re-sends at most the messages in flight once their claim expires — at most
// one per chat, since only a chat's oldest pending message is ever claimed (claim.ts). Failures
// are retried with backoff until the message outlives its kind's age limit; then it is a dead
// letter (state failed, failed_at set), counted in motcua_outbox_dead_letters_total.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Reply } from '../conversation/message';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { Db } from '../store/db';
import type { Database } from '../store/database';
import { claimDue } from './claim';
import { DeliveryError, type ChannelSender, type SendingChannel } from './ports';
import { ChatGaps, Pacer, realSleep, type Sleep } from './rate-limit';
import { backoffMs, defaultRetryPolicy, maxAgeMs, type RetryPolicy } from './retry';
import type { OutboxRow } from './tables';
import { zaloWindow } from './zalo-window';

export interface DispatcherOptions {
  /** Messages per second per channel (TELEGRAM_RATE_PER_SECOND, ZALO_RATE_PER_SECOND). */
  ratePerSecond: Partial<Record<SendingChannel, number>>;
  /** Minimum gap between two messages to one chat (default 1000 ms). */
  chatGapMs?: number;
  /** Idle wait between polls when nothing is due (DISPATCH_INTERVAL_MS). */
  intervalMs?: number;
  /** Rows claimed per pass (default: two seconds' worth at the fastest channel rate). */
  batchSize?: number;
  /** How long a claim lasts; after a crash its rows are retried this much later (default 120 s). */
  claimMs?: number;
  /** Sends in flight at once, each to a different chat (default 8); a crash may re-send up to this many. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
}

export interface DispatcherDeps {
  db: Db;
  senders: readonly ChannelSender[];
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  options: DispatcherOptions;
  /** This process's name in claimed_by. */
  owner?: string;
  sleep?: Sleep;
  random?: () => number;
}

export interface PassResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  undeliverable: number;
  rerouted: number;
  deferred: number;
}

export interface Dispatcher {
  start(): void;
  stop(): Promise<void>;
  /** One pass: claim what is due, send it, record outcomes. */
  runOnce(): Promise<PassResult>;
  /** Polls now instead of after the idle interval (e.g. right after a scan queued messages). */
  wake(): void;
}

// One message per chat per pass: a chat's next message waits in the outbox (not in a worker)
// until its gap has passed, so a slow chat never holds up the others or a claim.
const MAX_PER_CHAT_PER_PASS = 1;
const GAUGE_EVERY_MS = 5_000;
const STATES = ['pending', 'sent', 'failed', 'undeliverable'] as const;

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { db, clock, logger, metrics } = deps;
  const kysely: Kysely<Database> = db.kysely;
  const options = deps.options;
  const owner = deps.owner ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const claimMs = options.claimMs ?? 120_000;
  const concurrency = options.concurrency ?? 8;
  const intervalMs = options.intervalMs ?? 1000;
  const fastest = Math.max(1, ...Object.values(options.ratePerSecond).map((r) => r ?? 1));
  const batchSize = options.batchSize ?? Math.max(10, Math.ceil(fastest * 2));
  const senders = new Map(deps.senders.map((s) => [s.channel, s] as const));
  const pacers = new Map<string, Pacer>();
  for (const sender of deps.senders) pacers.set(sender.channel, new Pacer(options.ratePerSecond[sender.channel] ?? 1, sleep));
  const gaps = new ChatGaps(options.chatGapMs ?? 1000);

  let stopped = true;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let lastGauge = 0;

  const count = (channel: string, outcome: string) => metrics?.deliveries.inc({ channel, outcome });
  const now = () => clock.now().getTime();

  /** Gives up on a message: it stays in the outbox as a dead letter for operators. */
  async function deadLetter(row: OutboxRow, state: 'failed' | 'undeliverable', set: Partial<OutboxRow>, reason: string): Promise<void> {
    await settle(row, { ...set, state, failed_at: now(), last_error: reason.slice(0, 500) });
    metrics?.deadLetters.inc({ channel: row.channel, kind: row.kind, state });
  }

  async function settle(row: OutboxRow, set: Partial<OutboxRow>): Promise<void> {
    await kysely
      .updateTable('outbox')
      .set({ ...set, claimed_until: null, claimed_by: null })
      .where('id', '=', row.id)
      .where('claimed_by', '=', owner)
      .execute();
  }

  /** Outside Zalo's window, or no sender: another linked chat of the official, else undeliverable. */
  async function reroute(row: OutboxRow, reason: string, result: PassResult): Promise<void> {
    const now = clock.now().getTime();
    if (row.official_id) {
      const other = await kysely
        .selectFrom('chat_links')
        .select(['channel', 'chat_id'])
        .where('official_id', '=', row.official_id)
        .where('channel', '!=', row.channel)
        .orderBy('linked_at', 'desc')
        .execute();
      const usable = other.find((link) => senders.has(link.channel as SendingChannel));
      if (usable) {
        await settle(row, { channel: usable.channel, chat_id: usable.chat_id, next_attempt_at: now, last_error: `${reason}; rerouted to ${usable.channel}` });
        result.rerouted++;
        count(row.channel, 'rerouted');
        return;
      }
    }
    await deadLetter(row, 'undeliverable', {}, reason);
    result.undeliverable++;
    count(row.channel, 'undeliverable');
    logger.warn({ id: row.id, channel: row.channel, kind: row.kind, reason }, 'delivery: undeliverable');
  }

  async function deliver(row: OutboxRow, result: PassResult): Promise<void> {
    const channel = row.channel as SendingChannel;
    const sender = senders.get(channel);
    if (!sender) return reroute(row, `${row.channel}: channel not configured`, result);
    if (channel === 'zalo') {
      const window = await zaloWindow(kysely, row.chat_id, clock.now().getTime());
      if (!window.open) return reroute(row, window.reason, result);
    }
    const chatKey = `${row.channel}:${row.chat_id}`;
    let body: Reply;
    try {
      body = JSON.parse(row.body) as Reply;
    } catch {
      await deadLetter(row, 'failed', {}, 'delivery: body is not valid JSON');
      result.failed++;
      return;
    }
    const finished = await pacers.get(channel)!.acquire();
    try {
      try {
        await sender.send(row.chat_id, body);
      } finally {
        finished();
      }
      gaps.sent(chatKey, now());
      await settle(row, { state: 'sent', sent_at: now(), attempts: row.attempts + 1 });
      result.sent++;
      count(channel, 'sent');
    } catch (error) {
      gaps.sent(chatKey, now());
      await failed(row, error, result);
    }
  }

  async function failed(row: OutboxRow, error: unknown, result: PassResult): Promise<void> {
    const at = now();
    const attempts = row.attempts + 1;
    const failure = error instanceof DeliveryError ? error.failure : 'transient';
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    if (failure === 'outside_window') return reroute(row, message, result);
    if (failure === 'rate_limited') {
      const after = error instanceof DeliveryError && error.retryAfterMs !== undefined ? error.retryAfterMs : retry.baseMs;
      gaps.block(`${row.channel}:${row.chat_id}`, at + after);
      // A 429 does not count as an attempt: the channel only asked us to wait.
      await settle(row, { next_attempt_at: at + after, last_error: message });
      result.retried++;
      count(row.channel, 'rate_limited');
      return;
    }
    const wait = backoffMs(attempts, retry, random);
    const ageLimit = (row.retried_at ?? row.created_at) + maxAgeMs(row.kind, retry);
    if (failure === 'permanent' || at + wait >= ageLimit) {
      await deadLetter(row, 'failed', { attempts }, failure === 'permanent' ? message : `${message} (still failing at its age limit)`);
      result.failed++;
      count(row.channel, 'failed');
      logger.warn({ id: row.id, channel: row.channel, kind: row.kind, attempts, err: message }, 'delivery: gave up (dead letter)');
      return;
    }
    await settle(row, { attempts, next_attempt_at: at + wait, last_error: message });
    result.retried++;
    count(row.channel, 'retry');
  }

  async function refreshGauge(): Promise<void> {
    if (!metrics || Date.now() - lastGauge < GAUGE_EVERY_MS) return;
    lastGauge = Date.now();
    const rows = await kysely.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
    for (const state of STATES) metrics.outbox.set({ state }, Number(rows.find((r) => r.state === state)?.n ?? 0));
  }

  async function runOnce(): Promise<PassResult> {
    const result: PassResult = { claimed: 0, sent: 0, retried: 0, failed: 0, undeliverable: 0, rerouted: 0, deferred: 0 };
    const rows = await claimDue(kysely, db.dialect, { owner, now: now(), claimMs, limit: batchSize });
    result.claimed = rows.length;
    // RETURNING does not keep the claim's ORDER BY on PostgreSQL.
    rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.created_at - b.created_at || a.id.localeCompare(b.id));
    // One queue per chat keeps a chat's messages in order and spaced; chats run side by side.
    const byChat = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const key = `${row.channel}:${row.chat_id}`;
      const list = byChat.get(key);
      if (list) list.push(row);
      else byChat.set(key, [row]);
    }
    const queues: OutboxRow[][] = [];
    for (const [chat, list] of byChat) {
      list.sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id));
      // A chat still inside its gap (a 429, or a message moments ago) waits for its turn.
      const start = gaps.readyAt(chat) > now() ? 0 : MAX_PER_CHAT_PER_PASS;
      if (start > 0) queues.push(list.slice(0, start));
      const at = Math.max(gaps.readyAt(chat), now() + (start > 0 ? gaps.gapMs : 0));
      for (const row of list.slice(start)) {
        await settle(row, { next_attempt_at: at });
        result.deferred++;
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < queues.length) {
        const queue = queues[next++]!;
        for (const row of queue) {
          try {
            await deliver(row, result);
          } catch (error) {
            // A database hiccup while recording: the claim expires and the row is retried.
            logger.error({ err: error, id: row.id }, 'delivery: could not record outcome');
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, worker));
    await refreshGauge().catch((error) => logger.warn({ err: error }, 'delivery: gauge refresh failed'));
    return result;
  }

  async function run(): Promise<void> {
    while (!stopped) {
      let result: PassResult | undefined;
      try {
        result = await runOnce();
      } catch (error) {
        logger.error({ err: error }, 'delivery: pass failed');
      }
      if (stopped) break;
      if (!result || result.claimed < batchSize) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          wakeUp = () => { clearTimeout(timer); resolve(); };
        });
        wakeUp = undefined;
      }
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      loop = run();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
      loop = undefined;
    },
    runOnce,
    wake() {
      wakeUp?.();
    },
  };
}
