// The outbox's ChannelSender for Telegram: one attempt per call, failures mapped to
// DeliveryError so the dispatcher knows whether to wait, retry or give up.
import type { Telegram } from 'telegraf';
import type { Reply } from '../../conversation/message';
import type { ChannelSender } from '../../delivery/ports';
import { toDeliveryError } from './errors';
import { renderTelegram } from './render';
import { sendMessages } from './send';

export class TelegramSender implements ChannelSender {
  readonly channel = 'telegram' as const;

  constructor(
    private readonly telegram: Telegram,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(chatId: string, reply: Reply): Promise<void> {
    try {
      await sendMessages(this.telegram, chatId, renderTelegram(reply), { timeoutMs: this.timeoutMs, attempts: 1 });
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}
