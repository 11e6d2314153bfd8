// Officials, the one-time codes that link their chats, and the links (officials, link_codes,
// chat_links): the OfficialStore port and its Kysely implementation.
import type { Kysely } from 'kysely';
import type { OfficialRow } from '../alerts/tables';
import type { Database } from './database';

export type LinkChannel = 'telegram' | 'zalo';

export interface ChatLink {
  officialId: string;
  channel: LinkChannel;
  chatId: string;
  linkedAt: number;
}

export type RedeemResult =
  | { ok: true; official: OfficialRow }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/** An active official as the daily scan reads them. */
export type ActiveOfficial = Pick<OfficialRow, 'id' | 'name' | 'unit' | 'role'>;

/** Where a page of chat links ends: links are read in (channel, chat id) order. */
export interface LinkCursor {
  channel: string;
  chatId: string;
}

export interface OfficialStore {
  insert(row: OfficialRow): Promise<void>;
  get(id: string): Promise<OfficialRow | undefined>;
  /** Every official, by unit then id. */
  all(): Promise<OfficialRow[]>;
  /** The chat links, of one official or of all. */
  links(officialId?: string): Promise<ChatLink[]>;
  addLinkCode(code: { codeHash: string; officialId: string; expiresAt: number }): Promise<void>;
  /**
   * Marks an unused, unexpired code used and links the chat to its active official, in one
   * transaction: one statement marks it used, so it works once. One chat per channel per
   * official; a chat belongs to one official.
   */
  redeem(codeHash: string, channel: LinkChannel, chatId: string, at: Date): Promise<RedeemResult>;
  /** Removes the official's links (on one channel, or all); returns how many were removed. */
  unlink(officialId: string, channel?: LinkChannel): Promise<number>;
  /** Up to `limit` active officials with ids after `afterId`, by id (a keyset page). */
  activePage(afterId: string, limit: number): Promise<ActiveOfficial[]>;
  /** Up to `limit` chat links after `after`, by channel then chat id (a keyset page). */
  linkPage(after: LinkCursor | undefined, limit: number): Promise<Array<{ officialId: string; channel: string; chatId: string }>>;
}

export class DbOfficialStore implements OfficialStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: OfficialRow): Promise<void> {
    await this.db.insertInto('officials').values(row).execute();
  }

  async get(id: string): Promise<OfficialRow | undefined> {
    return this.db.selectFrom('officials').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async all(): Promise<OfficialRow[]> {
    return this.db.selectFrom('officials').selectAll().orderBy('unit').orderBy('id').execute();
  }

  async links(officialId?: string): Promise<ChatLink[]> {
    let query = this.db.selectFrom('chat_links').selectAll();
    if (officialId !== undefined) query = query.where('official_id', '=', officialId);
    const rows = await query.execute();
    return rows.map((r) => ({ officialId: r.official_id, channel: r.channel as LinkChannel, chatId: r.chat_id, linkedAt: r.linked_at }));
  }

  async addLinkCode(code: { codeHash: string; officialId: string; expiresAt: number }): Promise<void> {
    await this.db.insertInto('link_codes').values({ code_hash: code.codeHash, official_id: code.officialId, expires_at: code.expiresAt, used_at: null }).execute();
  }

  async redeem(codeHash: string, channel: LinkChannel, chatId: string, at: Date): Promise<RedeemResult> {
    const now = at.getTime();
    return this.db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('link_codes')
        .set({ used_at: now })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['official_id'])
        .executeTakeFirst();
      if (!used) {
        const row = await trx.selectFrom('link_codes').select(['used_at', 'expires_at']).where('code_hash', '=', codeHash).executeTakeFirst();
        if (!row) return { ok: false, reason: 'unknown' } as const;
        return { ok: false, reason: row.used_at !== null ? 'used' : 'expired' } as const;
      }
      const official = await trx.selectFrom('officials').selectAll().where('id', '=', used.official_id).executeTakeFirst();
      if (official?.active !== 1) return { ok: false, reason: 'unknown' } as const;
      await trx.deleteFrom('chat_links').where('official_id', '=', official.id).where('channel', '=', channel).execute();
      await trx.deleteFrom('chat_links').where('channel', '=', channel).where('chat_id', '=', chatId).execute();
      await trx.insertInto('chat_links').values({ official_id: official.id, channel, chat_id: chatId, linked_at: now }).execute();
      return { ok: true, official } as const;
    });
  }

  async unlink(officialId: string, channel?: LinkChannel): Promise<number> {
    let query = this.db.deleteFrom('chat_links').where('official_id', '=', officialId);
    if (channel) query = query.where('channel', '=', channel);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async activePage(afterId: string, limit: number): Promise<ActiveOfficial[]> {
    return this.db.selectFrom('officials').select(['id', 'name', 'unit', 'role']).where('active', '=', 1).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }

  async linkPage(after: LinkCursor | undefined, limit: number): Promise<Array<{ officialId: string; channel: string; chatId: string }>> {
    let query = this.db.selectFrom('chat_links').select(['official_id', 'channel', 'chat_id']);
    if (after) {
      const { channel, chatId } = after;
      query = query.where('channel', '>=', channel).where((eb) => eb.or([eb('channel', '>', channel), eb('chat_id', '>', chatId)]));
    }
    const rows = await query.orderBy('channel').orderBy('chat_id').limit(limit).execute();
    return rows.map((r) => ({ officialId: r.official_id, channel: r.channel, chatId: r.chat_id }));
  }
}
