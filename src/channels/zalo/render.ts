// Reply → Zalo OA consultation messages: plain text split within Zalo's 2,000-character
// limit, buttons as a template attachment (oa.query.show sends the payload back as text,
// oa.open.url opens a link). Zalo takes at most 5 buttons per message, so extra buttons
// follow in short messages of their own.
import { MAX_PAYLOAD_BYTES, type Block, type Reply } from '../../conversation/message';
import { isHttpUrl, isPublicHttpsUrl } from '../links';
import { splitParagraphs } from '../split-text';

/** Zalo's documented maximum for a text message. */
export const ZALO_TEXT_LIMIT = 2000;
export const ZALO_MAX_BUTTONS = 5;
const TITLE_LIMIT = 100;

export type ZaloButton =
  | { title: string; type: 'oa.query.show'; payload: string }
  | { title: string; type: 'oa.open.url'; payload: { url: string } };

export interface ZaloMessage {
  text: string;
  attachment?: { type: 'template'; payload: { buttons: ZaloButton[] } };
}

function paragraph(block: Block): string {
  if (block.type === 'list') return block.items.map((item) => `• ${item}`).join('\n');
  return block.type === 'heading' ? block.text.toUpperCase() : block.text;
}

export interface RenderOptions {
  /** Buttons whose label can travel as the payload (see ZaloButtonMemory). */
  labelPayloads?: ReadonlySet<string>;
}

export function renderZalo(reply: Reply, options: RenderOptions = {}): ZaloMessage[] {
  const paragraphs = reply.blocks.map(paragraph).filter((p) => p.trim() !== '');
  for (const link of reply.links) if (!isPublicHttpsUrl(link.url) && isHttpUrl(link.url)) paragraphs.push(`${link.label}: ${link.url}`);
  const buttons: ZaloButton[] = [
    ...reply.buttons
      .filter((b) => b.payload !== '' && Buffer.byteLength(b.payload, 'utf8') <= MAX_PAYLOAD_BYTES)
      .map((b): ZaloButton => ({ title: b.label.slice(0, TITLE_LIMIT), type: 'oa.query.show', payload: options.labelPayloads?.has(b.label) ? b.label : b.payload })),
    ...reply.links.filter((l) => isPublicHttpsUrl(l.url)).map((l): ZaloButton => ({ title: l.label.slice(0, TITLE_LIMIT), type: 'oa.open.url', payload: { url: l.url } })),
  ];
  if (paragraphs.length === 0) paragraphs.push(buttons.length > 0 ? 'Mời bạn chọn:' : '…');
  const messages: ZaloMessage[] = splitParagraphs(paragraphs, ZALO_TEXT_LIMIT).map((text) => ({ text }));
  for (let start = 0; start < buttons.length; start += ZALO_MAX_BUTTONS) {
    const group = buttons.slice(start, start + ZALO_MAX_BUTTONS);
    const attachment = { type: 'template' as const, payload: { buttons: group } };
    if (start === 0) messages[messages.length - 1]!.attachment = attachment;
    else messages.push({ text: 'Xem thêm:', attachment });
  }
  return messages;
}
