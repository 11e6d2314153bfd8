// The outbox's ChannelSender for Zalo: one attempt per call (plus the client's single retry
// after a token refresh), failures mapped to DeliveryError.
import type { Reply } from '../../conversation/message';
import type { ChannelSender } from '../../delivery/ports';
import type { ButtonLabels } from './button-memory';
import type { ZaloClient } from './client';
import { toDeliveryError } from './errors';
import { renderZalo } from './render';

export class ZaloSender implements ChannelSender {
  readonly channel = 'zalo' as const;

  constructor(
    private readonly client: ZaloClient,
    private readonly buttons?: ButtonLabels,
  ) {}

  async send(chatId: string, reply: Reply): Promise<void> {
    try {
      const labelPayloads = await this.buttons?.remember(chatId, reply.buttons);
      for (const message of renderZalo(reply, labelPayloads ? { labelPayloads } : {})) await this.client.sendMessage(chatId, message);
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}
