// delivery: the outbox — messages queued by alerts and dossier updates, sent in order per
// chat at each channel's rate, retried with backoff, dead letters kept for `motcua outbox`.
// The outbox dispatcher: each pass claims due rows (store/outbox-claims.ts), plans them one
// queue per chat (pass.ts), sends each at its channel's pace (send.ts, rate-limit.ts) and
// records the outcome (outcomes.ts, the retry policy in retry.ts). Rows are marked sent only
// after the channel accepted them, so a crash re-sends at most the messages in flight once their
// claim expires — at most one per chat, since only a chat's oldest pending message is ever
// claimed. All its times come from the injected clock, and its waits from the injected sleep.
import crypto from 'node:crypto';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { Stores } from '../store/stores';
import { emptyPass, Outcomes, type PassResult } from './outcomes';
import { planPass } from './pass';
import type { ChannelSender, SendingChannel } from './ports';
import { ChatGaps, Pacer, realSleep, type Sleep } from './rate-limit';
import { ageLimitAt, defaultRetryPolicy, type RetryPolicy } from './retry';
import { sendRow, type SendDeps } from './send';
import type { OutboxRow } from './tables';

export type { PassResult } from './outcomes';

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

/** The stores a dispatcher works on. */
export type DispatcherStores = Pick<Stores, 'outbox' | 'claims' | 'zaloWindow' | 'officialChats'>;

export interface DispatcherDeps {
  stores: DispatcherStores;
  senders: readonly ChannelSender[];
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  options: DispatcherOptions;
  /** This process's name in claimed_by. */
  owner?: string;
  /** Waits on `clock` (the channel's pace): real time by default, a fake clock's advance in tests. */
  sleep?: Sleep;
  random?: () => number;
}

export interface Dispatcher {
  start(): void;
  stop(): Promise<void>;
  /** One pass: claim what is due, send it, record outcomes. */
  runOnce(): Promise<PassResult>;
  /** Polls now instead of after the idle interval (e.g. right after a scan queued messages). */
  wake(): void;
}

const GAUGE_EVERY_MS = 5_000;
const STATES = ['pending', 'sent', 'failed', 'undeliverable'] as const;

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { stores, clock, logger, metrics, options } = deps;
  const owner = deps.owner ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const now = () => clock.now().getTime();
  const claimMs = options.claimMs ?? 120_000;
  const concurrency = options.concurrency ?? 8;
  const intervalMs = options.intervalMs ?? 1000;
  const fastest = Math.max(1, ...Object.values(options.ratePerSecond).map((r) => r ?? 1));
  const batchSize = options.batchSize ?? Math.max(10, Math.ceil(fastest * 2));
  const senders = new Map(deps.senders.map((s) => [s.channel, s] as const));
  const sleep = deps.sleep ?? realSleep;
  const gaps = new ChatGaps(options.chatGapMs ?? 1000);
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const outcomes = new Outcomes({ claims: stores.claims, officialChats: stores.officialChats, owner, canSend: (channel) => senders.has(channel as SendingChannel), ageLimitAt: (row) => ageLimitAt(row, retry), now, logger, ...(metrics ? { metrics } : {}) });
  const send: SendDeps = {
    officialLinks: {
      chatsOf: (officialId) => stores.officialChats.chatsOf(officialId),
      async move(row, to, reason, result) {
        await stores.claims.settle(row.id, owner, { channel: to.channel, chat_id: to.chat_id, next_attempt_at: now(), last_error: reason.slice(0, 500) });
        result.rerouted++;
        metrics?.deliveries.inc({ channel: row.channel, outcome: 'rerouted' });
      },
    },
    senders,
    pacers: new Map(deps.senders.map((s) => [s.channel, new Pacer(options.ratePerSecond[s.channel] ?? 1, sleep, now)] as const)),
    gaps,
    zaloWindow: stores.zaloWindow,
    outcomes,
    retry,
    random: deps.random ?? Math.random,
    now,
  };

  let stopped = true;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let lastGauge = -Infinity;

  async function refreshGauge(): Promise<void> {
    if (!metrics || now() - lastGauge < GAUGE_EVERY_MS) return;
    lastGauge = now();
    const counts = await stores.outbox.countByState();
    for (const state of STATES) metrics.outbox.set({ state }, counts[state] ?? 0);
  }

  /** Sends the queues, `concurrency` chats at a time, each chat's rows in order. */
  async function sendQueues(queues: readonly OutboxRow[][], result: PassResult): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < queues.length) {
        for (const row of queues[next++]!) {
          try {
            await sendRow(send, row, result);
          } catch (error) {
            // A database hiccup while recording: the claim expires and the row is retried.
            logger.error({ err: error, id: row.id }, 'delivery: could not record outcome');
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, worker));
  }

  async function runOnce(): Promise<PassResult> {
    const result = emptyPass();
    const rows = await stores.claims.claimDue({ owner, now: now(), claimMs, limit: batchSize });
    result.claimed = rows.length;
    const plan = planPass(rows, gaps, now());
    for (const { row, until } of plan.deferred) await outcomes.deferred(row, until, result);
    await sendQueues(plan.queues, result);
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
