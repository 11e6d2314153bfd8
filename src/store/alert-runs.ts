// The daily scan's runs (alert_runs): one scan per local day across every process, the day's
// row being a lease that the first process to insert it holds and that expires if it crashes.
// The AlertRunStore port and its Kysely implementation.
import type { Kysely } from 'kysely';
import type { Database } from './database';

export const RUN_LEASE_MS = 10 * 60 * 1000;

export type RunClaim = { claimed: true } | { claimed: false; reason: 'done' | 'running' };

export interface AlertRunStore {
  /** Takes the day's lease: a new day, or an unfinished run whose lease ran out. */
  claim(day: string, owner: string, now: Date, leaseMs?: number): Promise<RunClaim>;
  finish(day: string, owner: string, now: Date): Promise<void>;
  /** Gives the day back after a failed scan, so the next tick or `alerts run` can try again. */
  release(day: string, owner: string): Promise<void>;
  /** Records a run made outside the scheduler (`alerts run`), unless the day already has one. */
  record(day: string, owner: string, startedAt: Date, finishedAt: Date): Promise<void>;
  /** The latest day whose scan finished, by any process or `alerts run`, and when (ms). */
  lastFinished(): Promise<{ day: string; finishedAt: number } | undefined>;
}

export class DbAlertRunStore implements AlertRunStore {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(day: string, owner: string, now: Date, leaseMs = RUN_LEASE_MS): Promise<RunClaim> {
    const inserted = await this.db
      .insertInto('alert_runs')
      .values({ day, started_at: now.getTime(), finished_at: null, owner })
      .onConflict((oc) => oc.column('day').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return { claimed: true };
    // Take over only an unfinished run whose lease ran out; the WHERE makes the takeover atomic.
    const taken = await this.db
      .updateTable('alert_runs')
      .set({ owner, started_at: now.getTime() })
      .where('day', '=', day)
      .where('finished_at', 'is', null)
      .where('started_at', '<', now.getTime() - leaseMs)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) > 0) return { claimed: true };
    const row = await this.db.selectFrom('alert_runs').select('finished_at').where('day', '=', day).executeTakeFirst();
    return { claimed: false, reason: row?.finished_at != null ? 'done' : 'running' };
  }

  async finish(day: string, owner: string, now: Date): Promise<void> {
    await this.db.updateTable('alert_runs').set({ finished_at: now.getTime() }).where('day', '=', day).where('owner', '=', owner).execute();
  }

  async release(day: string, owner: string): Promise<void> {
    await this.db.deleteFrom('alert_runs').where('day', '=', day).where('owner', '=', owner).where('finished_at', 'is', null).execute();
  }

  async record(day: string, owner: string, startedAt: Date, finishedAt: Date): Promise<void> {
    await this.db
      .insertInto('alert_runs')
      .values({ day, started_at: startedAt.getTime(), finished_at: finishedAt.getTime(), owner })
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
  }

  async lastFinished(): Promise<{ day: string; finishedAt: number } | undefined> {
    const row = await this.db.selectFrom('alert_runs').select(['day', 'finished_at']).where('finished_at', 'is not', null).orderBy('day', 'desc').limit(1).executeTakeFirst();
    return row?.finished_at == null ? undefined : { day: row.day, finishedAt: Number(row.finished_at) };
  }
}
