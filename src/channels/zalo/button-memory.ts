// Zalo shows an oa.query.show payload in the chat as if the user had typed it, so buttons
// carry their label ("Lệ phí") rather than a code ("p:1.001193:fee"). This remembers, per
// user, which payload each recently shown label stands for: in the database (a
// ButtonMemoryStore, src/store/zalo-buttons.ts) so a button pressed after a restart still
// works, or in memory for callers without one.
// Bounded: each user's oldest labels are forgotten first; a forgotten label still arrives as
// ordinary text, which the assistant understands on its own.
import { LRUCache } from 'lru-cache';
import type { Button } from '../../conversation/message';
import type { ButtonMemoryStore } from '../../store/zalo-buttons';

const key = (label: string) => label.normalize('NFC').trim().toLowerCase();

/** The buttons whose label alone can stand for the payload: unique, non-empty labels. */
function usableButtons(buttons: readonly Button[]): Button[] {
  const counts = new Map<string, number>();
  for (const b of buttons) counts.set(key(b.label), (counts.get(key(b.label)) ?? 0) + 1);
  // Two buttons with the same label in one message keep their raw payloads.
  return buttons.filter((b) => counts.get(key(b.label)) === 1 && key(b.label) !== '');
}

export interface ButtonLabels {
  /** Remembers the buttons about to be shown; returns the labels that can stand for their payloads. */
  remember(userId: string, buttons: readonly Button[]): Promise<Set<string>> | Set<string>;
  lookup(userId: string, text: string): Promise<string | undefined> | string | undefined;
}

export class StoredButtonMemory implements ButtonLabels {
  constructor(
    private readonly store: ButtonMemoryStore,
    private readonly now: () => Date = () => new Date(),
    private readonly maxLabelsPerUser = 30,
  ) {}

  async remember(userId: string, buttons: readonly Button[]): Promise<Set<string>> {
    const usable = usableButtons(buttons);
    if (usable.length === 0) return new Set();
    await this.store.remember(userId, usable.map((b) => ({ labelKey: key(b.label), payload: b.payload })), this.now().getTime(), this.maxLabelsPerUser);
    return new Set(usable.map((b) => b.label));
  }

  async lookup(userId: string, text: string): Promise<string | undefined> {
    return this.store.payload(userId, key(text));
  }
}

export class ZaloButtonMemory implements ButtonLabels {
  private readonly users: LRUCache<string, LRUCache<string, string>>;

  constructor(
    maxUsers = 10_000,
    private readonly maxLabelsPerUser = 30,
  ) {
    this.users = new LRUCache({ max: maxUsers });
  }

  /** Remembers the buttons about to be shown; returns the labels that can stand for their payloads. */
  remember(userId: string, buttons: readonly Button[]): Set<string> {
    const usable = usableButtons(buttons);
    if (usable.length === 0) return new Set();
    const labels = this.users.get(userId) ?? new LRUCache<string, string>({ max: this.maxLabelsPerUser });
    for (const b of usable) labels.set(key(b.label), b.payload);
    this.users.set(userId, labels);
    return new Set(usable.map((b) => b.label));
  }

  lookup(userId: string, text: string): string | undefined {
    return this.users.get(userId)?.get(key(text));
  }

  get size(): number {
    return this.users.size;
  }
}
