// The port every outgoing channel implements; the dispatcher knows nothing else about them.
import type { Reply } from '../conversation/message';

export type SendingChannel = 'telegram' | 'zalo';

export interface ChannelSender {
  readonly channel: SendingChannel;
  /** Sends one message; throws DeliveryError when it was not delivered. */
  send(chatId: string, reply: Reply): Promise<void>;
}

export type DeliveryFailure =
  /** 429: wait exactly retryAfterMs, then try again. */
  | 'rate_limited'
  /** 5xx, timeouts, network: back off and try again. */
  | 'transient'
  /** Zalo's free-reply window is closed for this user: try another channel or give up. */
  | 'outside_window'
  /** The user blocked the bot, the chat is gone, or the request is invalid: do not retry. */
  | 'permanent';

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly failure: DeliveryFailure,
    readonly retryAfterMs?: number,
  ) {
    super(`delivery: ${message}`);
  }
}
