// Button labels shown to each Zalo user and the payload each stands for (zalo_buttons), so a
// button pressed after a restart still works. The ButtonMemoryStore port and its Kysely
// implementation; which labels may stand for a payload is decided in src/channels/zalo/.
import type { Kysely } from 'kysely';
import type { Database } from './database';

export interface RememberedLabel {
  /** The label, NFC, trimmed, lower case. */
  labelKey: string;
  payload: string;
}

export interface ButtonMemoryStore {
  /** Saves the labels as shown at `at` (ms), then forgets all but the user's `keep` most recent. */
  remember(userId: string, labels: readonly RememberedLabel[], at: number, keep: number): Promise<void>;
  /** The payload the user's label stands for, if remembered. */
  payload(userId: string, labelKey: string): Promise<string | undefined>;
}

export class DbButtonMemoryStore implements ButtonMemoryStore {
  constructor(private readonly db: Kysely<Database>) {}

  async remember(userId: string, labels: readonly RememberedLabel[], at: number, keep: number): Promise<void> {
    await this.db
      .insertInto('zalo_buttons')
      .values(labels.map((l) => ({ user_id: userId, label_key: l.labelKey, payload: l.payload, shown_at: at })))
      .onConflict((oc) => oc.columns(['user_id', 'label_key']).doUpdateSet((eb) => ({ payload: eb.ref('excluded.payload'), shown_at: eb.ref('excluded.shown_at') })))
      .execute();
    const stale = await this.db
      .selectFrom('zalo_buttons')
      .select('label_key')
      .where('user_id', '=', userId)
      .orderBy('shown_at', 'desc')
      .orderBy('label_key')
      .offset(keep)
      .limit(1000)
      .execute();
    if (stale.length) await this.db.deleteFrom('zalo_buttons').where('user_id', '=', userId).where('label_key', 'in', stale.map((r) => r.label_key)).execute();
  }

  async payload(userId: string, labelKey: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('zalo_buttons').select('payload').where('user_id', '=', userId).where('label_key', '=', labelKey).executeTakeFirst();
    return row?.payload;
  }
}
