// Reply → Telegram sendMessage payloads: HTML parse mode with escaping, messages split at
// 4096 characters on paragraph boundaries, buttons as an inline keyboard on the last message.
import type { InlineKeyboardButton } from 'telegraf/types';
import { MAX_PAYLOAD_BYTES, type Block, type Button, type Link, type Reply } from '../../conversation/message';
import { isHttpUrl, isPublicHttpsUrl } from '../links';
import { pack, splitLong } from '../split-text';

export const TELEGRAM_TEXT_LIMIT = 4096;

export type InlineButton = InlineKeyboardButton.CallbackButton | InlineKeyboardButton.UrlButton;

export interface TelegramMessage {
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: true };
  reply_markup?: { inline_keyboard: InlineButton[][] };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const escapedLength = (text: string) => escapeHtml(text).length;

function blockParagraphs(block: Block): string[] {
  if (block.type === 'heading') {
    return splitLong(block.text, TELEGRAM_TEXT_LIMIT - '<b></b>'.length, escapedLength).map((part) => `<b>${escapeHtml(part)}</b>`);
  }
  const plain = block.type === 'list' ? block.items.map((item) => `• ${item}`).join('\n') : block.text;
  return splitLong(plain, TELEGRAM_TEXT_LIMIT, escapedLength).map(escapeHtml);
}

function linkParagraph(link: Link): string {
  return `${escapeHtml(link.label)}: ${escapeHtml(link.url)}`;
}

/** Buttons whose payload Telegram would refuse (over 64 bytes) are dropped, not truncated: a cut payload would mean something else. */
export function keyboard(buttons: Button[], links: Link[]): InlineButton[][] {
  const usable = buttons.filter((b) => b.payload !== '' && Buffer.byteLength(b.payload, 'utf8') <= MAX_PAYLOAD_BYTES);
  const rows: InlineButton[][] = [];
  for (const button of usable) {
    const last = rows[rows.length - 1];
    const short = button.label.length <= 18;
    if (last && last.length === 1 && short && (last[0]!.text.length <= 18)) last.push({ text: button.label, callback_data: button.payload });
    else rows.push([{ text: button.label, callback_data: button.payload }]);
  }
  for (const link of links.filter((l) => isPublicHttpsUrl(l.url))) rows.push([{ text: link.label, url: link.url }]);
  return rows;
}

export function renderTelegram(reply: Reply): TelegramMessage[] {
  const paragraphs = reply.blocks.flatMap(blockParagraphs).filter((p) => p.trim() !== '');
  // Links Telegram would refuse as buttons (http://, local addresses) go in the text.
  for (const link of reply.links) if (!isPublicHttpsUrl(link.url) && isHttpUrl(link.url)) paragraphs.push(linkParagraph(link));
  const rows = keyboard(reply.buttons, reply.links);
  if (paragraphs.length === 0) paragraphs.push(rows.length > 0 ? 'Mời bạn chọn:' : '…');
  const texts = pack(paragraphs, TELEGRAM_TEXT_LIMIT);
  return texts.map((text, index) => ({
    text,
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(index === texts.length - 1 && rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {}),
  }));
}
