// Pacing outgoing messages: a global rate per channel and a minimum gap per chat.
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

interface SendSlot {
  /** When the send finished (answer or failure): it reached the server no later than this. */
  doneAt?: number;
  finished: Promise<void>;
}

/**
 * At most `perSecond` sends in any rolling second, as the server counts them. A send may start
 * only a second after the send `perSecond` places back *finished*: the server saw that one no
 * later than it finished and sees this one no earlier than it starts, so network and timer
 * jitter can never squeeze `perSecond + 1` requests into one of the server's seconds. Sends are
 * also spaced by at least half the average interval, so a backlog leaves smoothly.
 */
export class Pacer {
  private readonly recent: SendSlot[] = [];
  private last = -Infinity;
  private queue: Promise<void> = Promise.resolve();
  readonly intervalMs: number;

  constructor(
    private readonly perSecond: number,
    private readonly sleep: Sleep = realSleep,
    private readonly now: () => number = Date.now,
    private readonly marginMs = 5,
  ) {
    if (!(perSecond > 0) || !Number.isInteger(perSecond)) throw new RangeError('delivery: rate must be a positive whole number');
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when the caller may send, with the function to call once the send finished. */
  acquire(): Promise<() => void> {
    const turn = this.queue.then(async () => {
      const back = this.recent.length >= this.perSecond ? this.recent[this.recent.length - this.perSecond]! : undefined;
      if (back && back.doneAt === undefined) await back.finished;
      for (;;) {
        const wait = Math.max(back ? back.doneAt! + 1000 + this.marginMs : 0, this.last + this.intervalMs / 2) - this.now();
        if (wait <= 0) break;
        // Whole milliseconds: a clock that counts in them would otherwise never reach the end.
        await this.sleep(Math.ceil(wait));
      }
      this.last = this.now();
      let finish!: () => void;
      const slot: SendSlot = { finished: new Promise<void>((resolve) => (finish = resolve)) };
      this.recent.push(slot);
      if (this.recent.length > this.perSecond * 2) this.recent.splice(0, this.recent.length - this.perSecond);
      return () => {
        if (slot.doneAt === undefined) slot.doneAt = this.now();
        finish();
      };
    });
    this.queue = turn.then(() => undefined, () => undefined);
    return turn;
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
