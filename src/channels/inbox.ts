// The webhook inbox as the Zalo and Telegram webhooks use it: an event is stored before its 200
// (`accept`) and marked done once handled (`done`: answered, or deliberately ignored), so the
// platform's "delivered" never outruns our database. Events left pending by a crash (kill -9,
// OOM, power loss) are handled again at start-up and on a short sweep, oldest first, one at a
// time (so each chat's stay in order), once each; those older than `maxAgeMs` are given up.
// While this process handles an event it renews its claim, so another process sharing the
// database only replays what a dead one left: at most `leaseMs` after the crash.
import type { Logger } from '../log';
import type { AfterAck } from './after-ack';
import type { SeenEvents } from '../store/seen-events';
import type { WebhookInbox } from '../store/webhook-inbox';

/** What `accept` decided: handle it and call `done`, drop it, or (database away) handle it without a row. */
export type Acceptance = 'new' | 'duplicate' | 'unstored';

export interface InboxOptions {
  store: WebhookInbox;
  /** Ids of events already handled: a retry of one is a duplicate, a replay of one is only marked done. */
  seen?: SeenEvents | undefined;
  /** `zalo`, `telegram`: for log lines. */
  name: string;
  logger: Logger;
  /** Handles one stored event again; resolves once it is handled (a failure is logged by the caller). */
  replay: (body: string, eventId: string, receivedAt: Date) => Promise<void>;
  now?: (() => Date) | undefined;
  /** Events older than this are not replayed (WEBHOOK_REPLAY_MAX_AGE_HOURS; default 24 h). */
  maxAgeMs?: number | undefined;
  /** How long a claim holds without renewal (default 20 s). */
  leaseMs?: number | undefined;
  /** How often pending events are looked for (default 5 s). */
  sweepMs?: number | undefined;
}

export interface Inbox {
  /** Before the 200: stores the event. */
  accept(eventId: string, body: string, receivedAt: Date): Promise<Acceptance>;
  /** The event is handled; failures are logged (the event may then be handled again later). */
  done(eventId: string): Promise<void>;
  /** Replays what is pending now (logs how many), then sweeps every `sweepMs`. */
  start(): Promise<void>;
  /** Stops sweeping; waits for a replay under way. Claims on events in hand are still renewed until `close`. */
  stop(): Promise<void>;
  /** Stops renewing claims: once the events in hand are handled (after the drain). */
  close(): void;
  /** One sweep: returns how many events were replayed. */
  replayPending(): Promise<number>;
}

const HOUR_MS = 3_600_000;
const BATCH = 100;
/** Longest a 200 waits for the event's row: Zalo resends what is not acknowledged within 2 s. */
export const ACK_WAIT_MS = 1_500;
/**
 * Telegram waits longer for a webhook's answer (grammY's webhook adapters give a handler 10 s) and
 * resends what is not acknowledged, so an update waits up to 8 s for its row: a database slow to
 * connect (its 5 s timeout) no longer sends the 200 before the row, when a crash would lose it.
 */
export const TELEGRAM_ACK_WAIT_MS = 8_000;

/**
 * Resolves once `accepting` has (the event is stored, or known not to be) or after `ms`, so a
 * database that does not answer (a host gone, a 5 s connect timeout) does not make the
 * platform resend the event; its handling still waits for the outcome.
 */
export async function acceptedOrLate(accepting: Promise<Acceptance>, ms = ACK_WAIT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([accepting, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function createInbox(options: InboxOptions): Inbox {
  const now = options.now ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 20_000;
  const sweepMs = options.sweepMs ?? 5_000;
  const maxAgeMs = options.maxAgeMs ?? 24 * HOUR_MS;
  const { store, logger, name } = options;
  // Events this process holds a claim on: accepted or replayed, not done yet.
  const holding = new Set<string>();
  let sweep: NodeJS.Timeout | undefined;
  let renew: NodeJS.Timeout | undefined;
  let sweeping: Promise<number> | undefined;
  let stopping = false;

  const leaseFrom = (at: Date) => new Date(at.getTime() + leaseMs);

  const wasHandled = async (eventId: string): Promise<boolean> => {
    if (!options.seen) return false;
    return options.seen.seen(eventId).catch((err: unknown) => {
      logger.warn({ err }, `${name}: could not look the event id up; treating it as new`);
      return false;
    });
  };

  const done = async (eventId: string): Promise<void> => {
    try {
      await options.seen?.record(eventId);
      await store.done(eventId, now());
    } catch (err) {
      logger.warn({ err }, `${name}: could not mark a webhook event done; it may be handled again`);
    } finally {
      holding.delete(eventId);
    }
  };

  const replayOnce = async (): Promise<number> => {
    const at = now();
    const skipped = await store.abandon(new Date(at.getTime() - maxAgeMs), at);
    if (skipped > 0) logger.warn({ skipped, maxAgeHours: maxAgeMs / HOUR_MS }, `${name}: webhook events left unhandled too long were given up`);
    let replayed = 0;
    for (;;) {
      const due = await store.due(now(), BATCH);
      let taken = 0;
      for (const event of due) {
        if (stopping) return replayed;
        // Renewal failed for a moment: still this process's, not a crashed one's.
        if (holding.has(event.eventId)) continue;
        const claimedAt = now();
        if (!(await store.claim(event.eventId, claimedAt, leaseFrom(claimedAt)))) continue;
        taken += 1;
        holding.add(event.eventId);
        try {
          // Handled already (the crash came between the answer and the mark): only the mark is missing.
          if (!(await wasHandled(event.eventId))) {
            await options.replay(event.body, event.eventId, event.receivedAt);
            replayed += 1;
          }
        } catch (err) {
          logger.error({ err }, `${name}: a replayed webhook event failed`);
        } finally {
          await done(event.eventId);
        }
      }
      if (due.length < BATCH || taken === 0) return replayed;
    }
  };

  const replayPending = (): Promise<number> => {
    sweeping ??= replayOnce().finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  };

  return {
    async accept(eventId, body, receivedAt) {
      try {
        if (await wasHandled(eventId)) return 'duplicate';
        if (!(await store.add({ eventId, body, receivedAt }, leaseFrom(now())))) return 'duplicate';
        holding.add(eventId);
        return 'new';
      } catch (err) {
        // A citizen's message is not dropped for want of the database: handled now, not kept.
        logger.warn({ err }, `${name}: could not store the webhook event; handling it without the inbox`);
        return 'unstored';
      }
    },
    done,
    async start() {
      stopping = false;
      try {
        const replayed = await replayPending();
        logger.info({ replayed }, `${name}: webhook events left unhandled by the last run replayed`);
      } catch (err) {
        logger.warn({ err }, `${name}: could not replay pending webhook events; trying again shortly`);
      }
      if (stopping) return;
      sweep = setInterval(() => {
        void replayPending().then(
          (replayed) => { if (replayed > 0) logger.info({ replayed }, `${name}: pending webhook events replayed`); },
          (err: unknown) => logger.warn({ err }, `${name}: could not replay pending webhook events; trying again shortly`),
        );
      }, sweepMs);
      clearInterval(renew);
      renew = setInterval(() => {
        if (holding.size === 0) return;
        store.extend([...holding], leaseFrom(now())).catch((err: unknown) => logger.warn({ err }, `${name}: could not renew the claim on webhook events in hand`));
      }, Math.max(1, Math.floor(leaseMs / 4)));
      sweep.unref();
      renew.unref();
    },
    async stop() {
      stopping = true;
      clearInterval(sweep);
      await sweeping?.catch(() => undefined);
    },
    close() {
      clearInterval(renew);
    },
    replayPending,
  };
}

/** What a webhook with an inbox offers its server: replay at start; stop sweeping, then drain, at stop. */
export function webhookLifecycle(inbox: Inbox | undefined, background: AfterAck): { drain(): Promise<void>; start(): Promise<void>; stop(): Promise<void> } {
  return {
    drain: () => background.drain(),
    start: async () => {
      await inbox?.start();
    },
    stop: async () => {
      await inbox?.stop();
      // Claims are renewed while the drain lasts (a 429 wait may outlast a lease), so another
      // process sharing the database does not take up an event this one is still answering.
      await background.drain();
      inbox?.close();
    },
  };
}
