// Incoming event ids already handled (seen_events), per channel, so a webhook retry or a request
// replayed later — after a restart, or to another process — is handled once. The daily
// housekeeping prunes old rows. The SeenEvents port and its Kysely implementation.
import type { Kysely } from 'kysely';
import type { Database } from './database';

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
