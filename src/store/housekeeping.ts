// The daily housekeeping: rows that only matter for a while are deleted once old, so tables
// that grow with traffic stay bounded. Rate-limit windows (read only during their own window,
// at most an hour) go once a day old; chat activity (Zalo's reply window is 48 h), seen
// event ids (replays of webhooks), webhook inbox rows and Zalo button labels once older than the retention;
// the assistant's memory of a conversation (30 minutes) once a day old. Several processes may run it
// at once: deleting what is already gone changes nothing.
import cron from 'node-cron';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { Kysely } from 'kysely';
import type { Database } from './database';

export const DAY_MS = 86_400_000;
/** Rate-limit windows last at most an hour; a day keeps any of them whole. */
export const RATE_LIMIT_RETENTION_MS = DAY_MS;
/** What the assistant remembers of a chat lasts 30 minutes; a day keeps any of it whole. */
export const CONVERSATION_RETENTION_MS = DAY_MS;
/** Feedback (unanswered questions, 👍/👎) is kept 90 days unless configured otherwise. */
export const FEEDBACK_RETENTION_MS = 90 * DAY_MS;

export interface PruneResult {
  rateLimits: number;
  chatActivity: number;
  seenEvents: number;
  webhookInbox: number;
  zaloButtons: number;
  conversations: number;
  feedback: number;
}

export interface PruneOptions {
  /** Chat activity, seen event ids and webhook inbox rows older than this go (HOUSEKEEPING_RETENTION_DAYS). */
  retentionMs: number;
  /** Unanswered questions and 👍/👎 marks older than this go (FEEDBACK_RETENTION_DAYS, 90 days by default). */
  feedbackRetentionMs?: number;
}

/** The rows that only matter for a while. */
export interface OldRows {
  /** Deletes what has aged out at `now`; returns how many rows of each kind went. */
  prune(now: Date, options: PruneOptions): Promise<PruneResult>;
}

export class KyselyOldRows implements OldRows {
  constructor(private readonly db: Kysely<Database>) {}

  async prune(now: Date, options: PruneOptions): Promise<PruneResult> {
    const at = now.getTime();
    const rateLimits = await this.db.deleteFrom('rate_limits').where('window_start', '<', at - RATE_LIMIT_RETENTION_MS).executeTakeFirst();
    const chatActivity = await this.db.deleteFrom('chat_activity').where('last_inbound_at', '<', at - options.retentionMs).executeTakeFirst();
    const seenEvents = await this.db.deleteFrom('seen_events').where('seen_at', '<', at - options.retentionMs).executeTakeFirst();
    // Done rows (ids only) as long as seen_events keeps ids; a pending row that old belongs to
    // a channel no longer running (a running one gives up on its events after a day).
    const webhookInbox = await this.db.deleteFrom('webhook_inbox').where('received_at', '<', at - options.retentionMs).executeTakeFirst();
    // Button labels a Zalo user was shown long ago: each user's own list is trimmed as they
    // chat, but users who never come back would keep theirs forever.
    const zaloButtons = await this.db.deleteFrom('zalo_buttons').where('shown_at', '<', at - options.retentionMs).executeTakeFirst();
    // The assistant forgets a topic after 30 minutes: a day-old conversation row is never read again.
    const conversations = await this.db.deleteFrom('conversation_state').where('updated_at', '<', at - CONVERSATION_RETENTION_MS).executeTakeFirst();
    const feedback = await this.db.deleteFrom('feedback').where('created_at', '<', at - (options.feedbackRetentionMs ?? FEEDBACK_RETENTION_MS)).executeTakeFirst();
    return {
      rateLimits: Number(rateLimits.numDeletedRows),
      chatActivity: Number(chatActivity.numDeletedRows),
      seenEvents: Number(seenEvents.numDeletedRows),
      webhookInbox: Number(webhookInbox.numDeletedRows),
      zaloButtons: Number(zaloButtons.numDeletedRows),
      conversations: Number(conversations.numDeletedRows),
      feedback: Number(feedback.numDeletedRows),
    };
  }
}

export class HousekeepingError extends Error {
  override readonly name = 'HousekeepingError';
}

export interface HousekeepingDeps {
  oldRows: OldRows;
  clock: Clock;
  logger: Logger;
  /** When it runs (HOUSEKEEPING_CRON, Asia/Ho_Chi_Minh). */
  cron: string;
  retentionDays: number;
  /** FEEDBACK_RETENTION_DAYS. */
  feedbackRetentionDays?: number;
}

export interface Housekeeping {
  start(): void;
  stop(): Promise<void>;
  /** One run, as the cron would do it now; logs and rethrows nothing. */
  runOnce(): Promise<PruneResult | undefined>;
}

export function createHousekeeping(deps: HousekeepingDeps): Housekeeping {
  if (!cron.validate(deps.cron)) throw new HousekeepingError('housekeeping: HOUSEKEEPING_CRON is not a valid cron expression');
  let task: ReturnType<typeof cron.schedule> | undefined;
  let running: Promise<unknown> | undefined;
  const runOnce = async () => {
    try {
      const result = await deps.oldRows.prune(deps.clock.now(), { retentionMs: deps.retentionDays * DAY_MS, ...(deps.feedbackRetentionDays ? { feedbackRetentionMs: deps.feedbackRetentionDays * DAY_MS } : {}) });
      deps.logger.info(result, 'housekeeping: old rows pruned');
      return result;
    } catch (error) {
      deps.logger.error({ err: error }, 'housekeeping: prune failed; trying again at the next run');
      return undefined;
    }
  };
  return {
    start() {
      task ??= cron.schedule(deps.cron, () => {
        running = runOnce();
      }, { timezone: 'Asia/Ho_Chi_Minh', name: 'housekeeping' });
    },
    async stop() {
      await task?.stop();
      task = undefined;
      await running;
    },
    runOnce,
  };
}
