// API keys for one-stop systems: one agency per key, shown once, stored as a sha256 hash.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from '../store/database';
import { DossierInputError } from './errors';

const AGENCY_CODE = /^[0-9A-Z]{2,4}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{2,4}$/;

export function isAgencyCode(code: string): boolean {
  return AGENCY_CODE.test(code);
}

export function hashKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface NewApiKey {
  id: string;
  agencyCode: string;
  /** The only time the key exists in clear. */
  key: string;
}

export async function createApiKey(db: Kysely<Database>, agencyCode: string, now: Date): Promise<NewApiKey> {
  const agency = agencyCode.trim().toUpperCase();
  if (!isAgencyCode(agency)) throw new DossierInputError('agency', `"${agencyCode}" is not an agency code like 000.00.20.H56`);
  const key = `mck_${crypto.randomBytes(32).toString('base64url')}`;
  const id = crypto.randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('agencies').values({ code: agency, name: null, created_at: now.getTime() }).onConflict((oc) => oc.column('code').doNothing()).execute();
    await tx.insertInto('api_keys').values({ id, agency_code: agency, key_hash: hashKey(key), created_at: now.getTime(), revoked_at: null }).execute();
  });
  return { id, agencyCode: agency, key };
}

/** The agency a key belongs to, or undefined for an unknown or revoked key. */
export async function agencyForKey(db: Kysely<Database>, key: string): Promise<string | undefined> {
  if (key.length === 0 || key.length > 200) return undefined;
  // Looking up by hash means the comparison never touches the clear key: no timing leak.
  const row = await db.selectFrom('api_keys').select(['agency_code', 'revoked_at']).where('key_hash', '=', hashKey(key)).executeTakeFirst();
  return row && row.revoked_at === null ? row.agency_code : undefined;
}

export async function revokeApiKey(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('api_keys').set({ revoked_at: now.getTime() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * `agencyForKey` with a short memory, for the intake routes: a busy one-stop system sends
 * thousands of requests a minute with the same key. A revoked key stops working within `ttlMs`.
 */
export function cachedKeyResolver(db: Kysely<Database>, ttlMs = 10_000, now: () => number = Date.now): (key: string) => Promise<string | undefined> {
  const cache = new LRUCache<string, { agency: string; until: number }>({ max: 1000 });
  return async (key) => {
    const hash = hashKey(key);
    const hit = cache.get(hash);
    if (hit && hit.until > now()) return hit.agency;
    const agency = await agencyForKey(db, key);
    // Unknown keys are not remembered: a stream of guesses must not grow the map.
    if (agency) {
      cache.set(hash, { agency, until: now() + ttlMs });
    } else cache.delete(hash);
    return agency;
  };
}
