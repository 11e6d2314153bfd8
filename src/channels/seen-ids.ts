// Incoming event ids already handled, so a webhook retry or a captured request replayed later
// (even after a restart, or to another process) is handled once. Kept in the database
// (`seen_events`); the daily housekeeping prunes old rows. The in-memory SeenIds remains for
// callers without a database.
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from '../store/database';

/** First sight of an event id? */
export interface SeenEvents {
  /** True the first time an id is offered; false for every repeat. */
  firstTime(id: string): Promise<boolean>;
}

export class DbSeenEvents implements SeenEvents {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly channel: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async firstTime(id: string): Promise<boolean> {
    const result = await this.db
      .insertInto('seen_events')
      .values({ channel: this.channel, event_id: id.slice(0, 200), seen_at: this.now().getTime() })
      .onConflict((oc) => oc.columns(['channel', 'event_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
}

/** A bounded memory of recently seen event ids; oldest ids are forgotten first. */
export class SeenIds implements SeenEvents {
  private readonly ids: LRUCache<string, true>;

  constructor(capacity = 10_000) {
    this.ids = new LRUCache({ max: capacity });
  }

  /** True when the id was already seen; otherwise remembers it and returns false. */
  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.set(id, true);
    return false;
  }

  async firstTime(id: string): Promise<boolean> {
    return !this.seen(id);
  }

  get size(): number {
    return this.ids.size;
  }
}
