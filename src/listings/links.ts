// Where a listing's QR codes and links send a citizen: the Telegram bot's deep link when the
// bot's username is configured, otherwise the web chat page opened on the procedure.
import { procedureDeepLinkPayload } from '../conversation/message';
import type { Config } from '../config';

export interface ListingLinks {
  /** Without the leading @. */
  botUsername?: string;
  /** The web chat's origin, without a trailing slash. */
  webBaseUrl: string;
}

/** The portal where the full text of every procedure is published. */
export const NATIONAL_PORTAL_URL = 'https://dichvucong.gov.vn';

export function listingLinksFromConfig(config: Pick<Config, 'TELEGRAM_BOT_USERNAME' | 'PUBLIC_BASE_URL' | 'PORT'>): ListingLinks {
  const webBaseUrl = (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  const botUsername = config.TELEGRAM_BOT_USERNAME?.replace(/^@/, '');
  return botUsername ? { botUsername, webBaseUrl } : { webBaseUrl };
}

const LOOPBACK_HOSTS = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|\[::\])$/i;

/**
 * The web base URL when links and QR codes would open it and it is reachable only from the
 * server itself (PUBLIC_BASE_URL unset, or set to localhost); undefined when citizens can
 * follow them (a public address, or the Telegram bot's deep links).
 */
export function localOnlyBaseUrl(links: ListingLinks): string | undefined {
  if (links.botUsername) return undefined;
  let host: string;
  try {
    host = new URL(links.webBaseUrl).hostname;
  } catch {
    return undefined;
  }
  return LOOPBACK_HOSTS.test(host) ? links.webBaseUrl : undefined;
}

/** Opens one procedure: `https://t.me/<bot>?start=p1_001193` or `<base>/?p=1.001193`. */
export function procedureLink(code: string, links: ListingLinks): string {
  if (links.botUsername) return `https://t.me/${links.botUsername}?start=${procedureDeepLinkPayload(code)}`;
  return `${links.webBaseUrl}/?p=${encodeURIComponent(code)}`;
}

/** Opens the assistant itself, for the footer. */
export function assistantLink(links: ListingLinks): string {
  return links.botUsername ? `https://t.me/${links.botUsername}` : `${links.webBaseUrl}/`;
}
