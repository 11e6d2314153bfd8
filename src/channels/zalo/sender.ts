// The outbox's ChannelSender for Zalo: one attempt per call (plus the client's single retry
// after a token refresh), failures mapped to DeliveryError.
import type { Reply } from '../../assistant/reply';
import type { ChannelSender } from '../../delivery/ports';
import type { ZaloClient } from './client';
import { toDeliveryError } from './errors';
import { renderZalo } from './render';

export class ZaloSender implements ChannelSender {
  readonly channel = 'zalo' as const;

  constructor(private readonly client: ZaloClient) {}

  async send(chatId: string, reply: Reply): Promise<void> {
    try {
      for (const message of renderZalo(reply)) await this.client.sendMessage(chatId, message);
    } catch (error) {
      throw toDeliveryError(error);
    }
  }
}
