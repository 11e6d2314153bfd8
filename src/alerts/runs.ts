// One scan per local day across every process: the `alert_runs` row for the day is a lease.
// The first process to insert it runs the scan; a lease left by a crashed process expires.
import type { Kysely } from 'kysely';
import type { Database } from '../store/database';

export const RUN_LEASE_MS = 10 * 60 * 1000;

export type RunClaim = { claimed: true } | { claimed: false; reason: 'done' | 'running' };

export async function claimRun(db: Kysely<Database>, day: string, owner: string, now: Date, leaseMs = RUN_LEASE_MS): Promise<RunClaim> {
  const inserted = await db
    .insertInto('alert_runs')
    .values({ day, started_at: now.getTime(), finished_at: null, owner })
    .onConflict((oc) => oc.column('day').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return { claimed: true };
  // Take over only an unfinished run whose lease ran out; the WHERE makes the takeover atomic.
  const taken = await db
    .updateTable('alert_runs')
    .set({ owner, started_at: now.getTime() })
    .where('day', '=', day)
    .where('finished_at', 'is', null)
    .where('started_at', '<', now.getTime() - leaseMs)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) > 0) return { claimed: true };
  const row = await db.selectFrom('alert_runs').select('finished_at').where('day', '=', day).executeTakeFirst();
  return { claimed: false, reason: row?.finished_at != null ? 'done' : 'running' };
}

export async function finishRun(db: Kysely<Database>, day: string, owner: string, now: Date): Promise<void> {
  await db.updateTable('alert_runs').set({ finished_at: now.getTime() }).where('day', '=', day).where('owner', '=', owner).execute();
}

/** Gives the day back after a failed scan, so the next tick or `alerts run` can try again. */
export async function releaseRun(db: Kysely<Database>, day: string, owner: string): Promise<void> {
  await db.deleteFrom('alert_runs').where('day', '=', day).where('owner', '=', owner).where('finished_at', 'is', null).execute();
}

/** Records a run made outside the scheduler (`alerts run`), unless the day already has one. */
export async function recordRun(db: Kysely<Database>, day: string, owner: string, startedAt: Date, finishedAt: Date): Promise<void> {
  await db
    .insertInto('alert_runs')
    .values({ day, started_at: startedAt.getTime(), finished_at: finishedAt.getTime(), owner })
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
}
