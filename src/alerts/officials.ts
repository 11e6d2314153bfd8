// Officials and the chats they linked: registration, one-time link codes, linking, unlinking.
import crypto from 'node:crypto';
import type { ChatLink, LinkChannel, OfficialStore, RedeemResult } from '../store/officials';
import type { OfficialRow } from './tables';

export type OfficialRole = 'officer' | 'head';

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

/** Officials and their links as the CLI and /lienket use them: checked input, codes made and hashed here. */
export class Officials {
  constructor(private readonly store: OfficialStore) {}

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
    await this.store.insert(row);
    return row;
  }

  async get(id: string): Promise<OfficialRow | undefined> {
    return this.store.get(id);
  }

  async list(): Promise<Array<OfficialRow & { links: ChatLink[] }>> {
    const officials = await this.store.all();
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
    return this.store.links(officialId);
  }

  /** A new one-time code; only its hash is stored. Earlier unused codes stay valid until they expire. */
  async createLinkCode(officialId: string, now: Date): Promise<{ code: string; expiresAt: Date }> {
    if (!(await this.get(officialId))) throw new OfficialsError(`no official with id ${officialId}`);
    const code = newCode();
    const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
    await this.store.addLinkCode({ codeHash: hashCode(code), officialId, expiresAt: expiresAt.getTime() });
    return { code, expiresAt };
  }

  /** Uses a code and links the chat to its official; a code works once. */
  async redeem(code: string, channel: LinkChannel, chatId: string, now: Date): Promise<RedeemResult> {
    return this.store.redeem(hashCode(code), channel, chatId, now);
  }

  /** Removes the official's links (on one channel, or all); returns how many were removed. */
  async unlink(officialId: string, channel?: LinkChannel): Promise<number> {
    if (!(await this.get(officialId))) throw new OfficialsError(`no official with id ${officialId}`);
    return this.store.unlink(officialId, channel);
  }
}

/** "•••••6789": enough to tell chats apart, not enough to message someone. */
export function maskChatId(chatId: string): string {
  const visible = chatId.length > 6 ? 3 : Math.min(2, Math.max(0, chatId.length - 2));
  return `${'•'.repeat(Math.max(3, chatId.length - visible))}${chatId.slice(chatId.length - visible)}`;
}
