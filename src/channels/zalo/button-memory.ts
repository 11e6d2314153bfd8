// Zalo shows an oa.query.show payload in the chat as if the user had typed it, so buttons
// carry their label ("Lệ phí") rather than a code ("p:1.001193:fee"). This remembers, per
// user, which payload each recently shown label stands for. Bounded: the least recently
// served users and each user's oldest labels are forgotten first; a forgotten label still
// arrives as ordinary text, which the assistant understands on its own.
import type { Button } from '../../assistant/reply';

const key = (label: string) => label.normalize('NFC').trim().toLowerCase();

export class ZaloButtonMemory {
  private readonly users = new Map<string, Map<string, string>>();

  constructor(
    private readonly maxUsers = 10_000,
    private readonly maxLabelsPerUser = 30,
  ) {}

  /** Remembers the buttons about to be shown; returns the labels that can stand for their payloads. */
  remember(userId: string, buttons: readonly Button[]): Set<string> {
    const counts = new Map<string, number>();
    for (const b of buttons) counts.set(key(b.label), (counts.get(key(b.label)) ?? 0) + 1);
    // Two buttons with the same label in one message keep their raw payloads.
    const usable = buttons.filter((b) => counts.get(key(b.label)) === 1 && key(b.label) !== '');
    if (usable.length === 0) return new Set();
    const labels = this.users.get(userId) ?? new Map<string, string>();
    this.users.delete(userId);
    for (const b of usable) {
      labels.delete(key(b.label));
      labels.set(key(b.label), b.payload);
    }
    while (labels.size > this.maxLabelsPerUser) labels.delete(labels.keys().next().value!);
    this.users.set(userId, labels);
    while (this.users.size > this.maxUsers) this.users.delete(this.users.keys().next().value!);
    return new Set(usable.map((b) => b.label));
  }

  lookup(userId: string, text: string): string | undefined {
    return this.users.get(userId)?.get(key(text));
  }

  get size(): number {
    return this.users.size;
  }
}
