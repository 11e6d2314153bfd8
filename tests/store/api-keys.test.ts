// The API-key store's contract, on SQLite and PostgreSQL: keys by hash, revocation, the listing.
import { expect, it } from 'vitest';
import { KyselyApiKeyStore } from '../../src/store/api-keys';
import { describeStores } from '../helpers/stores';

const T0 = Date.parse('2026-11-20T10:00:00+07:00');

describeStores('api-key store', (db) => {
  const store = () => new KyselyApiKeyStore(db().kysely);

  it('finds the agency of an unrevoked key by its hash, and no longer once revoked', async () => {
    await store().add({ id: 'k1', agencyCode: '000.00.20.H56', keyHash: 'hash-1', createdAt: T0 });
    expect(await store().activeAgency('hash-1')).toBe('000.00.20.H56');
    expect(await store().activeAgency('hash-x')).toBeUndefined();
    expect(await store().revoke('k1', T0 + 1)).toBe(true);
    expect(await store().revoke('k1', T0 + 2)).toBe(false);
    expect(await store().revoke('unknown', T0 + 2)).toBe(false);
    expect(await store().activeAgency('hash-1')).toBeUndefined();
  });

  it('adds a second key of one agency, and refuses a hash already stored', async () => {
    await store().add({ id: 'k2', agencyCode: '000.00.21.H56', keyHash: 'hash-2', createdAt: T0 });
    await store().add({ id: 'k3', agencyCode: '000.00.21.H56', keyHash: 'hash-3', createdAt: T0 + 1 });
    await expect(store().add({ id: 'k4', agencyCode: '000.00.22.H56', keyHash: 'hash-3', createdAt: T0 + 2 })).rejects.toThrow();
    expect(await store().activeAgency('hash-3')).toBe('000.00.21.H56');
  });

  it('lists keys by agency then age, the revoked ones only when asked, with times as numbers', async () => {
    const active = await store().list(false);
    expect(active.map((k) => k.id)).toEqual(['k2', 'k3']);
    expect(active[0]).toEqual({ id: 'k2', agency_code: '000.00.21.H56', created_at: T0, revoked_at: null });
    const all = await store().list(true);
    expect(all.map((k) => k.id)).toEqual(['k1', 'k2', 'k3']);
    expect(all[0]).toEqual({ id: 'k1', agency_code: '000.00.20.H56', created_at: T0, revoked_at: T0 + 1 });
  });
});
