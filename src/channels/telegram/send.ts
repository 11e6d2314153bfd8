// Sending rendered messages through the Bot API with a timeout per call. The bot's own
// replies wait out a 429's retry_after exactly and try again (telegraf does not); the outbox
// sender makes one attempt and lets the dispatcher schedule the retry.
import type { Telegram } from 'telegraf';
import type { TelegramMessage } from './render';
import { retryAfterSeconds } from './errors';

export interface SendOptions {
  timeoutMs: number;
  /** Attempts per message when Telegram answers 429 (1 = no retry). */
  attempts: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function sendMessages(telegram: Telegram, chatId: string, messages: TelegramMessage[], options: SendOptions): Promise<void> {
  const sleep = options.sleep ?? realSleep;
  for (const message of messages) {
    for (let attempt = 1; ; attempt++) {
      try {
        // node-fetch (inside telegraf) accepts Node's AbortSignal; only its typings differ.
        await telegram.callApi('sendMessage', { chat_id: chatId, ...message }, { signal: AbortSignal.timeout(options.timeoutMs) as never });
        break;
      } catch (error) {
        const wait = retryAfterSeconds(error);
        if (wait === undefined || attempt >= options.attempts) throw error;
        await sleep(wait * 1000);
      }
    }
  }
}
