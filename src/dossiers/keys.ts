// API keys for one-stop systems: one agency per key, shown once, stored as a sha256 hash.
import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { ApiKeyStore } from '../store/api-keys';
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

export async function createApiKey(keys: ApiKeyStore, agencyCode: string, now: Date): Promise<NewApiKey> {
  const agency = agencyCode.trim().toUpperCase();
  if (!isAgencyCode(agency)) throw new DossierInputError('agency', `"${agencyCode}" is not an agency code like 000.00.20.H56`);
  const key = `mck_${crypto.randomBytes(32).toString('base64url')}`;
  const id = crypto.randomUUID();
  await keys.add({ id, agencyCode: agency, keyHash: hashKey(key), createdAt: now.getTime() });
  return { id, agencyCode: agency, key };
}

/** The agency a key belongs to, or undefined for an unknown or revoked key. */
export async function agencyForKey(keys: ApiKeyStore, key: string): Promise<string | undefined> {
  if (key.length === 0 || key.length > 200) return undefined;
  // Looking up by hash means the comparison never touches the clear key: no timing leak.
  return keys.activeAgency(hashKey(key));
}

export function revokeApiKey(keys: ApiKeyStore, id: string, now: Date): Promise<boolean> {
  return keys.revoke(id, now.getTime());
}

/**
 * `agencyForKey` with a short memory, for the intake routes: a busy one-stop system sends
 * thousands of requests a minute with the same key. A revoked key stops working within `ttlMs`.
 */
export function cachedKeyResolver(keys: ApiKeyStore, ttlMs = 10_000, now: () => number = Date.now): (key: string) => Promise<string | undefined> {
  const cache = new LRUCache<string, { agency: string; until: number }>({ max: 1000 });
  return async (key) => {
    const hash = hashKey(key);
    const hit = cache.get(hash);
    if (hit && hit.until > now()) return hit.agency;
    const agency = await agencyForKey(keys, key);
    // Unknown keys are not remembered: a stream of guesses must not grow the map.
    if (agency) {
      cache.set(hash, { agency, until: now() + ttlMs });
    } else cache.delete(hash);
    return agency;
  };
}
