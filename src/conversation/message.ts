// conversation: the bottom of the house — the message model (Incoming, Reply, blocks, buttons,
// payloads) and the engine with its handler ports, which every channel and producer shares.
// The channel-neutral conversation model: what comes in from any channel and what goes back.
// It sits at the bottom: channels render it, the assistant, dossiers and alerts produce it.
// Only src/channels/** turns a Reply into Telegram, Zalo or web messages.

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
  /**
   * Who is asking, where the channel cannot vouch for chatId (the web chat's session id is
   * chosen by the browser): e.g. "ip:203.0.113.5". Rate limits count it as well as the chat.
   */
  origin?: string;
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

/**
 * Button payloads that open a procedure: `p:<code>` (overview) or `p:<code>:<facet>`.
 * Every channel, the listings' QR codes and deep links use this grammar.
 */
export const FACETS = ['papers', 'fee', 'time', 'where', 'online', 'who', 'steps', 'law', 'result'] as const;
export type Facet = (typeof FACETS)[number];

export function procedurePayload(code: string, facet?: Facet): string {
  return facet ? `p:${code}:${facet}` : `p:${code}`;
}

export function parseProcedurePayload(payload: string): { code: string; facet?: Facet } | undefined {
  const match = /^p:(\d\.\d{6})(?::([a-z]+))?$/.exec(payload);
  if (!match) return undefined;
  const facet = match[2] as Facet | undefined;
  if (facet !== undefined && !FACETS.includes(facet)) return undefined;
  return facet ? { code: match[1]!, facet } : { code: match[1]! };
}

/** Telegram `start` payloads allow only A–Z a–z 0–9 _ -: 1.001193 travels as p1_001193. */
export function procedureDeepLinkPayload(code: string): string {
  return `p${code.replace('.', '_')}`;
}

export function parseProcedureDeepLinkPayload(payload: string): string | undefined {
  const match = /^p(\d)_(\d{6})$/.exec(payload);
  return match ? `${match[1]}.${match[2]}` : undefined;
}
