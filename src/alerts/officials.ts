// Officials and the chats they linked: registration, one-time link codes, linking, unlinking.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/database';
import type { OfficialRow } from './tables';

export type OfficialRole = 'officer' | 'head';
export type LinkChannel = 'telegram' | 'zalo';

export const LINK_CODE_TTL_MS = 24 * 60 * 60 * 1000;
// No 0/O, 1/I/L: the code is read off a screen and typed on a phone.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export class OfficialsError extends Error {
  override readonly name = 'OfficialsError';
  constructor(message: string) {
    super(`officials: ${message}`);
  }
}

export interface NewOfficial {
  /** The one-stop system's id for this official, so dossiers' official_id matches; generated when absent. */
  id?: string;
  name: string;
  unit: string;
  role: OfficialRole;
}

export interface ChatLink {
  officialId: string;
  channel: LinkChannel;
  chatId: string;
  linkedAt: number;
}

export type RedeemResult =
  | { ok: true; official: OfficialRow }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export function hashCode(code: string): string {
  return crypto.createHash('sha256').update(normaliseCode(code)).digest('hex');
}

/** Codes are compared case-insensitively and without spaces or dashes people add. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

function newCode(): string {
  const bytes = crypto.randomBytes(CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
  return code;
}

export class OfficialsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async add(input: NewOfficial, now: Date): Promise<OfficialRow> {
    const name = input.name.trim();
    const unit = input.unit.trim();
    if (!name) throw new OfficialsError('name must not be empty');
    if (!unit) throw new OfficialsError('unit must not be empty');
    if (input.role !== 'officer' && input.role !== 'head') throw new OfficialsError('role must be officer or head');
    const id = input.id?.trim() || `cb-${crypto.randomBytes(5).toString('hex')}`;
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) throw new OfficialsError('id may hold only letters, digits, . _ - (at most 64)');
    if (await this.get(id)) throw new OfficialsError(`an official with id ${id} already exists`);
    const row: OfficialRow = { id, name, unit, role: input.role, created_at: now.getTime(), active: 1 };
    await this.db.insertInto('officials').values(row).execute();
    return row;
  }

  async get(id: string): Promise<OfficialRow | undefined> {
    return this.db.selectFrom('officials').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(): Promise<Array<OfficialRow & { links: ChatLink[] }>> {
    const officials = await this.db.selectFrom('officials').selectAll().orderBy('unit').orderBy('id').execute();
    const links = await this.links();
    const byOfficial = new Map<string, ChatLink[]>();
    for (const link of links) {
      const list = byOfficial.get(link.officialId) ?? [];
      list.push(link);
      byOfficial.set(link.officialId, list);
    }
    return officials.map((o) => ({ ...o, links: byOfficial.get(o.id) ?? [] }));
  }

  async links(officialId?: string): Promise<ChatLink[]> {
    let query = this.db.selectFrom('chat_links').selectAll();
    if (officialId !== undefined) query = query.where('official_id', '=', officialId);
    const rows = await query.execute();
    return rows.map((r) => ({ officialId: r.official_id, channel: r.channel as LinkChannel, chatId: r.chat_id, linkedAt: r.linked_at }));
  }

  /** A new one-time code; only its hash is stored. Earlier unused codes stay valid until they expire. */
  async createLinkCode(officialId: string, now: Date): Promise<{ code: string; expiresAt: Date }> {
    if (!(await this.get(officialId))) throw new OfficialsError(`no official with id ${officialId}`);
    const code = newCode();
    const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
    await this.db
      .insertInto('link_codes')
      .values({ code_hash: hashCode(code), official_id: officialId, expires_at: expiresAt.getTime(), used_at: null })
      .execute();
    return { code, expiresAt };
  }

  /** Uses a code and links the chat to its official. One statement marks it used, so it works once. */
  async redeem(code: string, channel: LinkChannel, chatId: string, now: Date): Promise<RedeemResult> {
    const codeHash = hashCode(code);
    return this.db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('link_codes')
        .set({ used_at: now.getTime() })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now.getTime())
        .returning(['official_id'])
        .executeTakeFirst();
      if (!used) {
        const row = await trx.selectFrom('link_codes').select(['used_at', 'expires_at']).where('code_hash', '=', codeHash).executeTakeFirst();
        if (!row) return { ok: false, reason: 'unknown' } as const;
        return { ok: false, reason: row.used_at !== null ? 'used' : 'expired' } as const;
      }
      const official = await trx.selectFrom('officials').selectAll().where('id', '=', used.official_id).executeTakeFirst();
      if (official?.active !== 1) return { ok: false, reason: 'unknown' } as const;
      // One chat per channel per official; a chat belongs to one official.
      await trx.deleteFrom('chat_links').where('official_id', '=', official.id).where('channel', '=', channel).execute();
      await trx.deleteFrom('chat_links').where('channel', '=', channel).where('chat_id', '=', chatId).execute();
      await trx.insertInto('chat_links').values({ official_id: official.id, channel, chat_id: chatId, linked_at: now.getTime() }).execute();
      return { ok: true, official } as const;
    });
  }

  /** Removes the official's links (on one channel, or all); returns how many were removed. */
  async unlink(officialId: string, channel?: LinkChannel): Promise<number> {
    if (!(await this.get(officialId))) throw new OfficialsError(`no official with id ${officialId}`);
    let query = this.db.deleteFrom('chat_links').where('official_id', '=', officialId);
    if (channel) query = query.where('channel', '=', channel);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** "•••••6789": enough to tell chats apart, not enough to message someone. */
export function maskChatId(chatId: string): string {
  const visible = chatId.length > 6 ? 3 : Math.min(2, Math.max(0, chatId.length - 2));
  return `${'•'.repeat(Math.max(3, chatId.length - visible))}${chatId.slice(chatId.length - visible)}`;
}
