// The conversation engine: one entry point for every channel. Handlers for commands and
// dossier codes get the first look; the procedure assistant answers everything else.
import type { Logger } from '../log';
import { textReply, type Incoming, type Reply } from './message';

/** A capability that may answer a message; returns null when the message is not for it. */
export interface ChatHandler {
  tryHandle(incoming: Incoming): Promise<Reply | null>;
}

/** The fallback that always answers (the procedure assistant). */
export interface Responder {
  handle(incoming: Incoming): Promise<Reply>;
}

/** Records when each chat last wrote to us (Zalo's free-reply window depends on it). */
export interface ChatActivity {
  touch(channel: Incoming['channel'], chatId: string, at: Date): Promise<void>;
}

export const FAILURE_REPLY = textReply('Xin lỗi, hệ thống đang gặp sự cố. Bạn vui lòng thử lại sau ít phút.');

export class ConversationEngine {
  constructor(
    private readonly handlers: readonly ChatHandler[],
    private readonly fallback: Responder,
    private readonly logger: Logger,
    private readonly activity?: ChatActivity,
  ) {}

  async handle(incoming: Incoming): Promise<Reply> {
    try {
      await this.activity?.touch(incoming.channel, incoming.chatId, incoming.receivedAt);
      for (const handler of this.handlers) {
        const answer = await handler.tryHandle(incoming);
        if (answer) return answer;
      }
      return await this.fallback.handle(incoming);
    } catch (error) {
      this.logger.error({ err: error, channel: incoming.channel }, 'conversation: handler failed');
      return FAILURE_REPLY;
    }
  }
}
