// What the assistant remembers about a chat: the last procedure it answered about, so a
// follow-up ("còn lệ phí thì sao?") needs no procedure name. Bounded in size (least recently
// used chats are forgotten first) and in time (a stale topic is not assumed).
import { LRUCache } from 'lru-cache';
import { systemClock, type Clock } from '../clock';

export interface MemoryOptions {
  maxChats?: number;
  ttlMs?: number;
  clock?: Clock;
}

interface Entry {
  code: string;
  at: number;
}

export const DEFAULT_MAX_CHATS = 10_000;
export const DEFAULT_TTL_MS = 30 * 60 * 1000;

export class ConversationMemory {
  // Time is checked against the injected clock on each read, so tests need no real waiting.
  private readonly entries: LRUCache<string, Entry>;
  private readonly ttlMs: number;
  private readonly clock: Clock;

  constructor(options: MemoryOptions = {}) {
    this.entries = new LRUCache({ max: Math.max(1, options.maxChats ?? DEFAULT_MAX_CHATS) });
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.clock = options.clock ?? systemClock;
  }

  get size(): number {
    return this.entries.size;
  }

  lastProcedure(chat: string): string | undefined {
    const entry = this.entries.get(chat);
    if (!entry) return undefined;
    if (this.clock.now().getTime() - entry.at > this.ttlMs) {
      this.entries.delete(chat);
      return undefined;
    }
    return entry.code;
  }

  remember(chat: string, code: string): void {
    this.entries.set(chat, { code, at: this.clock.now().getTime() });
  }

  forget(chat: string): void {
    this.entries.delete(chat);
  }
}
