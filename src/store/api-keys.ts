// The API-key store: the port the agencies' keys are kept through (by hash only) and its
// Kysely implementation.
import type { Kysely } from 'kysely';
import type { Database } from './database';

export interface ApiKeyRow {
  id: string;
  agency_code: string;
  created_at: number;
  revoked_at: number | null;
}

export interface NewApiKeyRow {
  id: string;
  agencyCode: string;
  /** sha256 of the key; the key itself is never stored. */
  keyHash: string;
  createdAt: number;
}

export interface ApiKeyStore {
  /** Adds the key, and its agency unless it is there, in one transaction. */
  add(key: NewApiKeyRow): Promise<void>;
  /** The agency of the key with this hash while it is not revoked. */
  activeAgency(keyHash: string): Promise<string | undefined>;
  /** False when there is no unrevoked key with this id. */
  revoke(id: string, at: number): Promise<boolean>;
  /** By agency, then creation; revoked keys only with `includeRevoked`. */
  list(includeRevoked: boolean): Promise<ApiKeyRow[]>;
}

export class KyselyApiKeyStore implements ApiKeyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(key: NewApiKeyRow): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('agencies').values({ code: key.agencyCode, name: null, created_at: key.createdAt }).onConflict((oc) => oc.column('code').doNothing()).execute();
      await tx.insertInto('api_keys').values({ id: key.id, agency_code: key.agencyCode, key_hash: key.keyHash, created_at: key.createdAt, revoked_at: null }).execute();
    });
  }

  async activeAgency(keyHash: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('api_keys').select(['agency_code', 'revoked_at']).where('key_hash', '=', keyHash).executeTakeFirst();
    return row && row.revoked_at === null ? row.agency_code : undefined;
  }

  async revoke(id: string, at: number): Promise<boolean> {
    const result = await this.db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async list(includeRevoked: boolean): Promise<ApiKeyRow[]> {
    let query = this.db.selectFrom('api_keys').select(['id', 'agency_code', 'created_at', 'revoked_at']).orderBy('agency_code').orderBy('created_at');
    if (!includeRevoked) query = query.where('revoked_at', 'is', null);
    return (await query.execute()).map((r) => ({ ...r, created_at: Number(r.created_at), revoked_at: r.revoked_at === null ? null : Number(r.revoked_at) }));
  }
}
