// The assistant's memory of a conversation, shared by every process on one database. Several
// `serve` processes may answer one chat (behind a load balancer, or a webhook retried to
// another one): without this, "còn lệ phí thì sao?" or "số 2" reaching a process that did not
// give the last answer was searched afresh ("Bạn hỏi về thủ tục nào?"). Before each message
// the chat's stored entry is taken into this process's memory; after it, what changed is
// stored. A database that fails costs only the sharing: the process answers from its own memory.
import type { Responder } from '../conversation/engine';
import type { Incoming, Reply } from '../conversation/message';
import type { Logger } from '../log';
import type { ConversationStates } from '../store/conversation-state';
import { chatKey, type ConversationMemory } from './memory';

/** `inner` (the assistant, or a wrapper around it) with the chat's memory loaded before and stored after. */
export function sharedMemory(inner: Responder, memory: ConversationMemory, states: ConversationStates, logger: Logger): Responder {
  return {
    handle: async (incoming: Incoming): Promise<Reply> => {
      // `motcua ask` asks each question afresh and leaves nothing in the database.
      if (incoming.channel === 'cli') return inner.handle(incoming);
      const chat = chatKey(incoming);
      try {
        const stored = await states.load(chat);
        if (stored) memory.adopt(chat, stored);
      } catch (err) {
        logger.warn({ err, channel: incoming.channel }, 'assistant: could not load the conversation; answering from this process memory');
      }
      const before = memory.entry(chat);
      const reply = await inner.handle(incoming);
      const after = memory.entry(chat);
      // Every change makes a new entry: the same one is nothing to store.
      if (after && after !== before) {
        await states.save(chat, after).catch((err: unknown) => logger.warn({ err, channel: incoming.channel }, 'assistant: could not store the conversation; another process will not know it'));
      }
      return reply;
    },
  };
}
