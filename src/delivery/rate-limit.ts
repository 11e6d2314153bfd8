// Pacing outgoing messages: a global rate per channel and a minimum gap per chat. Slots are
// spaced from the actual time of the previous send, so late timers never cause a burst.
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** At most `perSecond` sends per rolling second, evenly spaced. */
export class Pacer {
  private next = 0;
  private queue: Promise<void> = Promise.resolve();
  readonly intervalMs: number;

  constructor(perSecond: number, private readonly sleep: Sleep = realSleep, private readonly now: () => number = Date.now, margin = 1.02) {
    if (!(perSecond > 0)) throw new RangeError('delivery: rate must be positive');
    // A small margin keeps timer jitter and network reordering under a strict server-side limit.
    this.intervalMs = (1000 / perSecond) * margin;
  }

  /** Resolves when the caller may send; callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(async () => {
      const wait = this.next - this.now();
      if (wait > 0) await this.sleep(wait);
      this.next = this.now() + this.intervalMs;
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Nobody sends before `until` (a 429 that applies to the whole bot). */
  pauseUntil(until: number): void {
    this.next = Math.max(this.next, until);
  }
}

/** The earliest time each chat may receive its next message. */
export class ChatGaps {
  private readonly nextAt = new Map<string, number>();

  constructor(readonly gapMs: number) {}

  readyAt(chat: string): number {
    return this.nextAt.get(chat) ?? 0;
  }

  sent(chat: string, at: number): void {
    this.nextAt.set(chat, at + this.gapMs);
    if (this.nextAt.size > 50_000) this.prune(at);
  }

  block(chat: string, until: number): void {
    this.nextAt.set(chat, Math.max(until, this.readyAt(chat)));
  }

  private prune(now: number): void {
    for (const [chat, at] of this.nextAt) if (at <= now) this.nextAt.delete(chat);
  }
}
