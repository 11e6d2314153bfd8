// Where the current Zalo token pair lives. The config seeds it; after a refresh the stored
// pair wins, because the refresh token in the config has been used up. When an operator puts
// a new pair in the config (after authorising the OA again), the config wins once more: the
// store remembers which configured refresh token it was seeded from. The ZaloTokenStore port
// and its Kysely implementation (zalo_tokens).
import type { Kysely } from 'kysely';
import type { Database } from './database';

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
  /** A second row keyed `<app id>:seed` holds the configured pair the current one descends from. */
  private readonly seedId: string;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly appId: string,
    private readonly configured?: ZaloTokens,
  ) {
    this.seedId = `${appId}:seed`;
  }

  async load(): Promise<ZaloTokens | undefined> {
    const rows = await this.db.selectFrom('zalo_tokens').select(['id', 'access_token', 'refresh_token']).where('id', 'in', [this.appId, this.seedId]).execute();
    const current = rows.find((r) => r.id === this.appId);
    const seed = rows.find((r) => r.id === this.seedId);
    if (this.configured && seed?.refresh_token !== this.configured.refreshToken) {
      // First start, or the operator configured a new pair: it replaces whatever was stored.
      await this.db.transaction().execute(async (trx) => {
        const now = Date.now();
        for (const id of [this.appId, this.seedId]) {
          await trx
            .insertInto('zalo_tokens')
            .values({ id, access_token: this.configured!.accessToken, refresh_token: this.configured!.refreshToken, updated_at: now })
            .onConflict((oc) => oc.column('id').doUpdateSet({ access_token: this.configured!.accessToken, refresh_token: this.configured!.refreshToken, updated_at: now }))
            .execute();
        }
      });
      return this.configured;
    }
    return current ? { accessToken: current.access_token, refreshToken: current.refresh_token } : undefined;
  }

  async save(tokens: ZaloTokens, at: Date): Promise<void> {
    await this.db
      .insertInto('zalo_tokens')
      .values({ id: this.appId, access_token: tokens.accessToken, refresh_token: tokens.refreshToken, updated_at: at.getTime() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ access_token: tokens.accessToken, refresh_token: tokens.refreshToken, updated_at: at.getTime() }))
      .execute();
  }
}
