// Recording what became of each claimed message: sent, deferred, retried, rerouted to an
// official's other chat, held until a Zalo user writes again, or a dead letter (counted in motcua_outbox_dead_letters_total). Each
// write releases the claim, and only while this dispatcher still holds it.
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { OfficialChats } from '../store/official-chats';
import type { OutboxChange, OutboxClaims } from '../store/outbox-claims';
import type { FailureDecision } from './retry';
import type { OutboxRow } from './tables';

export interface PassResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  undeliverable: number;
  rerouted: number;
  deferred: number;
  /** Outside Zalo's window: waiting for the user to write again. */
  held: number;
}

export function emptyPass(): PassResult {
  return { claimed: 0, sent: 0, retried: 0, failed: 0, undeliverable: 0, rerouted: 0, deferred: 0, held: 0 };
}

export interface OutcomeDeps {
  claims: OutboxClaims;
  officialChats: OfficialChats;
  /** This dispatcher's name in claimed_by. */
  owner: string;
  /** The channels that can send here: a reroute goes only to one of them. */
  canSend(channel: string): boolean;
  /** When a message stops being worth sending: its kind's age limit (retry.ts). */
  ageLimitAt(row: OutboxRow): number;
  now(): number;
  logger: Logger;
  metrics?: Metrics;
}

export class Outcomes {
  constructor(private readonly deps: OutcomeDeps) {}

  async sent(row: OutboxRow, result: PassResult): Promise<void> {
    await this.settle(row, { state: 'sent', sent_at: this.deps.now(), attempts: row.attempts + 1 });
    result.sent++;
    this.count(row.channel, 'sent');
  }

  async deferred(row: OutboxRow, until: number, result: PassResult): Promise<void> {
    await this.settle(row, { next_attempt_at: until });
    result.deferred++;
  }

  /** A body that cannot be read is never sent: a dead letter at once. */
  async unreadable(row: OutboxRow, result: PassResult): Promise<void> {
    await this.deadLetter(row, 'failed', {}, 'delivery: body is not valid JSON');
    result.failed++;
  }

  /** Applies the retry policy's decision on a failed send. */
  async failed(row: OutboxRow, decision: FailureDecision, result: PassResult): Promise<void> {
    const { logger } = this.deps;
    switch (decision.action) {
      case 'reroute':
        return this.outsideWindow(row, decision.reason, result);
      case 'wait':
        await this.settle(row, { next_attempt_at: decision.until, last_error: decision.error });
        result.retried++;
        this.count(row.channel, 'rate_limited');
        return;
      case 'retry':
        await this.settle(row, { attempts: decision.attempts, next_attempt_at: decision.at, last_error: decision.error });
        result.retried++;
        this.count(row.channel, 'retry');
        return;
      case 'give_up':
        await this.deadLetter(row, 'failed', { attempts: decision.attempts }, decision.reason);
        result.failed++;
        this.count(row.channel, 'failed');
        logger.warn({ id: row.id, channel: row.channel, kind: row.kind, attempts: decision.attempts, err: decision.reason }, 'delivery: gave up (dead letter)');
    }
  }

  /** No sender for its channel: another linked chat of the official, else undeliverable. */
  async reroute(row: OutboxRow, reason: string, result: PassResult): Promise<void> {
    if (await this.rerouted(row, reason, result)) return;
    await this.undeliverable(row, reason, result);
  }

  /**
   * Zalo's window is closed for this user: another linked chat of the official, else the
   * message is held (not lost) until the user writes again, which releases it
   * (OutboxStore.releaseHeld), or until its age limit, when it becomes undeliverable.
   */
  async outsideWindow(row: OutboxRow, reason: string, result: PassResult): Promise<void> {
    if (await this.rerouted(row, reason, result)) return;
    const limit = this.deps.ageLimitAt(row);
    if (this.deps.now() >= limit) {
      const hours = Math.round((limit - (row.retried_at ?? row.created_at)) / 3_600_000);
      return this.undeliverable(row, `${reason}; held ${hours} h (its age limit) and the user did not write again`, result);
    }
    await this.settle(row, { next_attempt_at: limit, last_error: `${reason}; held until the user writes again` });
    result.held++;
    this.count(row.channel, 'held');
  }

  private async rerouted(row: OutboxRow, reason: string, result: PassResult): Promise<boolean> {
    if (!row.official_id) return false;
    const other = await this.deps.officialChats.otherChats(row.official_id, row.channel);
    const usable = other.find((link) => this.deps.canSend(link.channel));
    if (!usable) return false;
    await this.settle(row, { channel: usable.channel, chat_id: usable.chat_id, next_attempt_at: this.deps.now(), last_error: `${reason}; rerouted to ${usable.channel}` });
    result.rerouted++;
    this.count(row.channel, 'rerouted');
    return true;
  }

  private async undeliverable(row: OutboxRow, reason: string, result: PassResult): Promise<void> {
    await this.deadLetter(row, 'undeliverable', {}, reason);
    result.undeliverable++;
    this.count(row.channel, 'undeliverable');
    this.deps.logger.warn({ id: row.id, channel: row.channel, kind: row.kind, reason }, 'delivery: undeliverable');
  }

  /** Gives up on a message: it stays in the outbox as a dead letter for operators. */
  private async deadLetter(row: OutboxRow, state: 'failed' | 'undeliverable', change: OutboxChange, reason: string): Promise<void> {
    await this.settle(row, { ...change, state, failed_at: this.deps.now(), last_error: reason.slice(0, 500) });
    this.deps.metrics?.deadLetters.inc({ channel: row.channel, kind: row.kind, state });
  }

  private settle(row: OutboxRow, change: OutboxChange): Promise<void> {
    return this.deps.claims.settle(row.id, this.deps.owner, change);
  }

  private count(channel: string, outcome: string): void {
    this.deps.metrics?.deliveries.inc({ channel, outcome });
  }
}
