// Incoming event ids already handled (seen_events), per channel, so a webhook retry or a request
// replayed later — after a restart, or to another process — is handled once. The daily
// housekeeping prunes old rows. The SeenEvents port and its Kysely implementation.
import type { Kysely } from 'kysely';
import type { Database } from './database';

/** First sight of an event id? */
export interface SeenEvents {
  /** True the first time an id is offered; false for every repeat. */
  firstTime(id: string): Promise<boolean>;
  /** Whether the id was recorded, without recording it. */
  seen(id: string): Promise<boolean>;
  /** Records the id once its event is handled (recording it again changes nothing). */
  record(id: string): Promise<void>;
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

  async seen(id: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('seen_events')
      .select('event_id')
      .where('channel', '=', this.channel)
      .where('event_id', '=', id.slice(0, 200))
      .executeTakeFirst();
    return row !== undefined;
  }

  async record(id: string): Promise<void> {
    await this.firstTime(id);
  }
}
