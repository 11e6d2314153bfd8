// What the assistant remembers about a chat: the last procedure it answered about, so a
// follow-up ("còn lệ phí thì sao?") needs no procedure name, and the procedures its last
// question back offered, so a typed reply ("cổ phần", "số 2") picks one of them. Bounded in
// size (least recently used chats are forgotten first) and in time (a stale topic is not assumed).
import { LRUCache } from 'lru-cache';
import { systemClock, type Clock } from '../clock';
import type { ConversationState } from '../store/conversation-state';

export interface MemoryOptions {
  maxChats?: number;
  ttlMs?: number;
  clock?: Clock;
}

/** What is remembered about one chat (the procedure answered, the choices offered) and when it was set. */
export type MemoryEntry = ConversationState;

/** The key a chat is remembered under: one per channel and chat. */
export function chatKey(incoming: { channel: string; chatId: string }): string {
  return `${incoming.channel}:${incoming.chatId}`;
}

export const DEFAULT_MAX_CHATS = 10_000;
export const DEFAULT_TTL_MS = 30 * 60 * 1000;

export class ConversationMemory {
  // Time is checked against the injected clock on each read, so tests need no real waiting.
  private readonly entries: LRUCache<string, MemoryEntry>;
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
    return this.fresh(chat)?.code;
  }

  /** The procedures the chat's last reply offered as choices, unless something else came since. */
  lastChoices(chat: string): readonly string[] | undefined {
    return this.fresh(chat)?.choices;
  }

  /** The procedure answered; the choices offered before it are done with. */
  remember(chat: string, code: string): void {
    this.entries.set(chat, { code, at: this.clock.now().getTime() });
  }

  /** A question back offered these procedures; the last one answered is still the follow-ups' topic. */
  rememberChoices(chat: string, codes: readonly string[]): void {
    this.entries.set(chat, { code: this.lastProcedure(chat), choices: [...codes], at: this.clock.now().getTime() });
  }

  /** The offered choices no longer apply (another kind of reply came since). */
  forgetChoices(chat: string): void {
    const entry = this.fresh(chat);
    if (entry?.choices) this.entries.set(chat, { code: entry.code, at: entry.at });
  }

  /** The chat's entry while it is fresh: what another process needs to continue the conversation. */
  entry(chat: string): MemoryEntry | undefined {
    return this.fresh(chat);
  }

  /**
   * Takes the entry another process saved for the chat (src/assistant/shared-memory.ts): the
   * stored one is the latest, since every process saves after each message.
   */
  adopt(chat: string, entry: MemoryEntry): void {
    this.entries.set(chat, { ...(entry.code ? { code: entry.code } : {}), ...(entry.choices?.length ? { choices: [...entry.choices] } : {}), at: entry.at });
  }

  private fresh(chat: string): MemoryEntry | undefined {
    const entry = this.entries.get(chat);
    if (!entry) return undefined;
    if (this.clock.now().getTime() - entry.at > this.ttlMs) {
      this.entries.delete(chat);
      return undefined;
    }
    return entry;
  }

  forget(chat: string): void {
    this.entries.delete(chat);
  }
}
