// Telegram failures, classified once for the bot's own replies and for the outbox sender.
import { TelegramError } from 'telegraf';
import { DeliveryError } from '../../delivery/ports';

export class TelegramChannelError extends Error {
  override readonly name = 'TelegramChannelError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`telegram: ${message}`, options);
  }
}

/** Seconds Telegram asked us to wait, when the error is a 429. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (error instanceof TelegramError && error.code === 429) {
    const seconds = error.parameters?.retry_after;
    return typeof seconds === 'number' && seconds >= 0 ? seconds : 1;
  }
  return undefined;
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof TelegramError) {
    const code = error.code;
    const what = `Telegram ${code}: ${error.description}`;
    if (code === 429) return new DeliveryError(what, 'rate_limited', (retryAfterSeconds(error) ?? 1) * 1000);
    if (code >= 500) return new DeliveryError(what, 'transient');
    // 401/404 mean our token or API root is wrong, not the recipient: keep the message.
    if (code === 401 || code === 404) return new DeliveryError(what, 'transient');
    return new DeliveryError(what, 'permanent');
  }
  const name = error instanceof Error ? error.name : 'Error';
  return new DeliveryError(`Telegram unreachable (${name})`, 'transient');
}
