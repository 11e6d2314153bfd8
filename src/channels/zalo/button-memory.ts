// Zalo shows an oa.query.show payload in the chat as if the user had typed it, so buttons
// carry their label ("Lệ phí") rather than a code ("p:1.001193:fee"). This remembers, per
// user, which payload each recently shown label stands for: in the database (`zalo_buttons`)
// so a button pressed after a restart still works, or in memory for callers without one.
// Bounded: each user's oldest labels are forgotten first; a forgotten label still arrives as
// ordinary text, which the assistant understands on its own.
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Button } from '../../conversation/message';
import type { Database } from '../../store/database';

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

export class DbZaloButtonMemory implements ButtonLabels {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
    private readonly maxLabelsPerUser = 30,
  ) {}

  async remember(userId: string, buttons: readonly Button[]): Promise<Set<string>> {
    const usable = usableButtons(buttons);
    if (usable.length === 0) return new Set();
    const at = this.now().getTime();
    await this.db
      .insertInto('zalo_buttons')
      .values(usable.map((b) => ({ user_id: userId, label_key: key(b.label), payload: b.payload, shown_at: at })))
      .onConflict((oc) => oc.columns(['user_id', 'label_key']).doUpdateSet((eb) => ({ payload: eb.ref('excluded.payload'), shown_at: eb.ref('excluded.shown_at') })))
      .execute();
    const stale = await this.db
      .selectFrom('zalo_buttons')
      .select('label_key')
      .where('user_id', '=', userId)
      .orderBy('shown_at', 'desc')
      .orderBy('label_key')
      .offset(this.maxLabelsPerUser)
      .limit(1000)
      .execute();
    if (stale.length) await this.db.deleteFrom('zalo_buttons').where('user_id', '=', userId).where('label_key', 'in', stale.map((r) => r.label_key)).execute();
    return new Set(usable.map((b) => b.label));
  }

  async lookup(userId: string, text: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('zalo_buttons').select('payload').where('user_id', '=', userId).where('label_key', '=', key(text)).executeTakeFirst();
    return row?.payload;
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
