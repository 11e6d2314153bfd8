// The channel-neutral conversation model: what comes in from any channel and what goes back.
// Services build Replies; only src/channels/** turns them into Telegram, Zalo or web messages.

export type ChannelName = 'telegram' | 'zalo' | 'web' | 'cli';

export interface Incoming {
  channel: ChannelName;
  /** The chat's id on its channel, kept as a string (Zalo ids overflow numbers). */
  chatId: string;
  /** What the person typed; empty for a button press with no text. */
  text: string;
  /** The payload of a pressed button, when the message came from one. */
  payload?: string;
  receivedAt: Date;
}

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string }
  | { type: 'list'; items: string[] };

/** A button sends `payload` back as the next message's payload. Payloads are at most 64 bytes. */
export interface Button {
  label: string;
  payload: string;
}

export interface Link {
  label: string;
  url: string;
}

export interface Reply {
  blocks: Block[];
  buttons: Button[];
  links: Link[];
}

export const MAX_PAYLOAD_BYTES = 64;

export function reply(blocks: Block[], extra: Partial<Omit<Reply, 'blocks'>> = {}): Reply {
  return { blocks, buttons: extra.buttons ?? [], links: extra.links ?? [] };
}

export function textReply(...paragraphs: string[]): Reply {
  return reply(paragraphs.map((text) => ({ type: 'text', text })));
}

/** Plain-text rendering: for the CLI, Zalo, and anywhere markup is not available. */
export function replyToPlainText(r: Reply): string {
  const parts: string[] = [];
  for (const block of r.blocks) {
    if (block.type === 'list') parts.push(block.items.map((item) => `• ${item}`).join('\n'));
    else parts.push(block.text);
  }
  for (const link of r.links) parts.push(`${link.label}: ${link.url}`);
  return parts.join('\n\n');
}
