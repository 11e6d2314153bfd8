// Zalo failures mapped for the outbox dispatcher.
// Error codes (Zalo OA Open API v3, from its published list and integrators' notes):
// -216 expired token (refreshed inside the client), -213 user has not followed / not
// interacted recently, -230 user has not interacted with the OA in the last 7 days: both mean
// the free consultation window is closed. -32 is Zalo's request-rate limit.
import { DeliveryError } from '../../delivery/ports';
import { ZaloApiError, ZaloTokenError, ZaloTransportError } from './client';

export const OUTSIDE_WINDOW_CODES = new Set([-213, -230]);
const RATE_LIMIT_CODE = -32;
/** Zalo gives no retry-after; a minute is its rate-limit window. */
const RATE_LIMIT_WAIT_MS = 60_000;

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof ZaloApiError) {
    if (OUTSIDE_WINDOW_CODES.has(error.code)) return new DeliveryError(`Zalo ${error.code}: outside the reply window`, 'outside_window');
    if (error.code === RATE_LIMIT_CODE) return new DeliveryError(`Zalo ${error.code}: rate limited`, 'rate_limited', RATE_LIMIT_WAIT_MS);
    // -216 after a successful refresh: the new token was refused too; try again later.
    if (error.code === -216) return new DeliveryError(`Zalo ${error.code}: token refused`, 'transient');
    return new DeliveryError(`Zalo ${error.code}`, 'permanent');
  }
  // A refused refresh keeps messages waiting until an operator renews the OA authorisation.
  if (error instanceof ZaloTokenError) return new DeliveryError(`Zalo token refresh refused (${error.code})`, 'transient');
  if (error instanceof ZaloTransportError) {
    const status = error.status;
    if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return new DeliveryError(`Zalo HTTP ${status}`, 'permanent');
    if (status === 429) return new DeliveryError('Zalo HTTP 429', 'rate_limited', RATE_LIMIT_WAIT_MS);
    return new DeliveryError(error.message.replace(/^zalo: /, 'Zalo '), 'transient');
  }
  return new DeliveryError(`Zalo send failed (${error instanceof Error ? error.name : 'Error'})`, 'transient');
}

/**
 * How long the webhook waits before sending a reply message again after `error` (attempt counts
 * from 1), or undefined when another try cannot help: a 5xx, a timeout or a network error backs
 * off from `backoffMs`, doubling; Zalo's rate limit waits its minute; any other answer from Zalo
 * (outside the window, a refused token refresh, a bad request) is final.
 */
export function replyRetryWaitMs(error: unknown, attempt: number, backoffMs: number): number | undefined {
  const failure = toDeliveryError(error);
  if (failure.failure === 'rate_limited') return failure.retryAfterMs ?? RATE_LIMIT_WAIT_MS;
  if (failure.failure !== 'transient' || error instanceof ZaloTokenError || error instanceof ZaloApiError) return undefined;
  return backoffMs * 2 ** (attempt - 1);
}
