// The outbox's ChannelSender for Zalo: one attempt per call (plus the client's single retry
// after a token refresh), failures mapped to DeliveryError; each message Zalo takes is counted
// into the user's free-reply window.
import type { Reply } from '../../conversation/message';
import type { ChannelSender } from '../../delivery/ports';
import type { ButtonLabels } from './button-memory';
import type { ZaloSentCounter } from '../../store/zalo-window';
import type { ZaloClient } from './client';
import { toDeliveryError } from './errors';
import { renderZalo } from './render';

export class ZaloSender implements ChannelSender {
  readonly channel = 'zalo' as const;

  constructor(
    private readonly client: ZaloClient,
    private readonly buttons?: ButtonLabels,
    /** Must not throw: a failure to count must not make a sent message look unsent. */
    private readonly counter?: ZaloSentCounter,
  ) {}

  async send(chatId: string, reply: Reply): Promise<void> {
    try {
      const labelPayloads = await this.buttons?.remember(chatId, reply.buttons);
      for (const message of renderZalo(reply, labelPayloads ? { labelPayloads } : {})) {
        await this.client.sendMessage(chatId, message);
        await this.counter?.recordSent(chatId);
      }
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}
