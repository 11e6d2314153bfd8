// What /healthz asks the database: does it answer, and how far behind is the outbox. The
// HealthProbe port and its implementation.
import type { Db } from './db';
import { pingDatabase } from './db';

/** Pending messages already due, and when the oldest of them fell due (ms; null when none). */
export interface OutboxBacklog {
  pending: number;
  oldestDueAt: number | null;
}

export interface HealthProbe {
  /** The database in use: sqlite or postgres. */
  readonly dialect: string;
  /** Resolves when the database answers within `timeoutMs`; rejects otherwise. */
  ping(timeoutMs: number): Promise<void>;
  /** The outbox messages pending and due at `now` (ms). */
  outboxBacklog(now: number): Promise<OutboxBacklog>;
}

export class DbHealthProbe implements HealthProbe {
  constructor(private readonly db: Db) {}

  get dialect(): string {
    return this.db.dialect;
  }

  ping(timeoutMs: number): Promise<void> {
    return pingDatabase(this.db, timeoutMs);
  }

  async outboxBacklog(now: number): Promise<OutboxBacklog> {
    const row = await this.db.kysely
      .selectFrom('outbox')
      .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('next_attempt_at').as('oldest')])
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .executeTakeFirstOrThrow();
    return { pending: Number(row.n), oldestDueAt: row.oldest === null || row.oldest === undefined ? null : Number(row.oldest) };
  }
}
