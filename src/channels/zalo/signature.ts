// Zalo webhook signatures: `X-ZEvent-Signature: mac=<hex>` where
// hex = sha256(app_id + raw body + timestamp + OA secret key) and timestamp is the body's own.
import crypto from 'node:crypto';

export function zaloMac(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return crypto.createHash('sha256').update(appId + rawBody + timestamp + oaSecretKey).digest('hex');
}

/** Reads the timestamp from the raw body; undefined when the body is not a Zalo event. */
export function eventTimestamp(rawBody: string): string | undefined {
  try {
    const parsed = JSON.parse(rawBody) as { timestamp?: unknown };
    if (typeof parsed.timestamp === 'string' || typeof parsed.timestamp === 'number') return String(parsed.timestamp);
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * `parsedTimestamp` is the body's timestamp when the body was already parsed (saves a second
 * JSON.parse per event); otherwise it is read from the raw body.
 */
export function verifyZaloSignature(header: string | undefined, rawBody: Buffer | undefined, appId: string, oaSecretKey: string, parsedTimestamp?: unknown): boolean {
  if (!header || !rawBody) return false;
  const given = /^\s*mac=([0-9a-fA-F]{64})\s*$/.exec(header)?.[1]?.toLowerCase();
  if (!given) return false;
  const body = rawBody.toString('utf8');
  const timestamp = typeof parsedTimestamp === 'string' || typeof parsedTimestamp === 'number' ? String(parsedTimestamp) : eventTimestamp(body);
  if (timestamp === undefined) return false;
  const expected = zaloMac(appId, body, timestamp, oaSecretKey);
  return crypto.timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
}
