// Sending rendered messages through the Bot API with a timeout per call. The bot's own
// replies wait out a 429's retry_after exactly and try again (telegraf does not), and try a
// 5xx, a timeout or a network error again after a short backoff: one failed call must not lose
// a citizen's answer (a call that timed out after Telegram took it may show twice; rare, and
// better than none). The outbox sender makes one attempt and lets the dispatcher schedule the retry.
import { TelegramError, type Telegram } from 'telegraf';
import type { TelegramMessage } from './render';
import { retryAfterSeconds } from './errors';

export interface SendOptions {
  timeoutMs: number;
  /** Attempts per message when Telegram answers 429, 5xx or cannot be reached (1 = no retry). */
  attempts: number;
  /** First wait after a 5xx or network error; it doubles with each further attempt (default 1000 ms). */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** How long to wait before trying `error`'s call again, or undefined when trying again is pointless. */
function retryWaitMs(error: unknown, attempt: number, backoffMs: number): number | undefined {
  const asked = retryAfterSeconds(error);
  if (asked !== undefined) return asked * 1000;
  // Any other answer from Telegram (400, 403, a refused token) will not change on a second try.
  if (error instanceof TelegramError && error.code < 500) return undefined;
  return backoffMs * 2 ** (attempt - 1);
}

export async function sendMessages(telegram: Telegram, chatId: string, messages: TelegramMessage[], options: SendOptions): Promise<void> {
  const sleep = options.sleep ?? realSleep;
  for (const message of messages) {
    for (let attempt = 1; ; attempt++) {
      try {
        // node-fetch (inside telegraf) accepts Node's AbortSignal; only its typings differ.
        await telegram.callApi('sendMessage', { chat_id: chatId, ...message }, { signal: AbortSignal.timeout(options.timeoutMs) as never });
        break;
      } catch (error) {
        const wait = retryWaitMs(error, attempt, options.backoffMs ?? 1000);
        if (wait === undefined || attempt >= options.attempts) throw error;
        await sleep(wait);
      }
    }
  }
}
