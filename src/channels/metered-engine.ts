// Counts each message a channel hands to the engine and times the reply, per channel
// (motcua_messages_in_total, motcua_reply_seconds).
import type { Metrics } from '../metrics';
import type { ChatEngine } from './chat-engine';

export function meteredEngine(engine: ChatEngine, metrics: Pick<Metrics, 'messagesIn' | 'replyLatency'>): ChatEngine {
  return {
    async handle(incoming) {
      metrics.messagesIn.inc({ channel: incoming.channel });
      const stop = metrics.replyLatency.startTimer({ channel: incoming.channel });
      try {
        return await engine.handle(incoming);
      } finally {
        stop();
      }
    },
  };
}
