// Where the current Zalo token pair lives. The config seeds it; after the first refresh the
// stored pair wins, because the refresh token in the config has been used up.
import type { Kysely } from 'kysely';
import type { Database } from '../../store/database';

export interface ZaloTokens {
  accessToken: string;
  refreshToken: string;
}

export interface ZaloTokenStore {
  load(): Promise<ZaloTokens | undefined>;
  /** Saves both tokens in one atomic write. */
  save(tokens: ZaloTokens, at: Date): Promise<void>;
}

export class DbZaloTokenStore implements ZaloTokenStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly appId: string,
  ) {}

  async load(): Promise<ZaloTokens | undefined> {
    const row = await this.db.selectFrom('zalo_tokens').select(['access_token', 'refresh_token']).where('id', '=', this.appId).executeTakeFirst();
    return row ? { accessToken: row.access_token, refreshToken: row.refresh_token } : undefined;
  }

  async save(tokens: ZaloTokens, at: Date): Promise<void> {
    await this.db
      .insertInto('zalo_tokens')
      .values({ id: this.appId, access_token: tokens.accessToken, refresh_token: tokens.refreshToken, updated_at: at.getTime() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, updated_at: at.getTime() }))
      .execute();
  }
}
