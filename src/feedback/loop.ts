// feedback: what citizens think of answers — 👍/👎 presses and the questions the assistant
// could not answer, stored scrubbed of personal data for `motcua report`.
// The feedback loop in the conversation: a handler that takes 👍/👎 presses before the
// assistant sees them, and a wrapper around the assistant that records the questions it could
// not answer (it found nothing, or had to ask which procedure) and remembers each chat's last
// question, so a 👎 says which question got the disliked answer.
import type { Assistant } from '../assistant/assistant';
import type { ChatHandler, Responder } from '../conversation/engine';
import { textReply, type Incoming, type Reply } from '../conversation/message';
import type { Logger } from '../log';
import { FEEDBACK_THANKS, parseFeedbackPayload } from '../conversation/feedback';
import { scrubQuestion } from './scrub';
import type { FeedbackStore } from '../store/feedback';
import { FeedbackRecorder } from './recorder';

/** Chats whose last question is remembered for a 👎 (the oldest are forgotten first). */
const MAX_REMEMBERED = 10_000;
/** A 👎 this long after the question no longer names it. */
const QUESTION_TTL_MS = 6 * 3_600_000;

export class FeedbackLoop {
  private readonly lastQuestion = new Map<string, { text: string; at: number }>();
  private readonly recorder: FeedbackRecorder;

  constructor(
    store: FeedbackStore,
    private readonly logger: Logger,
  ) {
    this.recorder = new FeedbackRecorder(store);
  }

  /** Put before the assistant: answers a 👍/👎 press with thanks and records it. */
  readonly handler: ChatHandler = {
    tryHandle: async (incoming: Incoming): Promise<Reply | null> => {
      const vote = incoming.payload ? parseFeedbackPayload(incoming.payload) : undefined;
      if (!vote) return null;
      const key = chatKey(incoming);
      const last = this.lastQuestion.get(key);
      const question = vote.vote === 'down' && last && incoming.receivedAt.getTime() - last.at <= QUESTION_TTL_MS ? last.text : null;
      if (incoming.channel !== 'cli') {
        await this.recorder.record({ kind: vote.vote, code: vote.code, question, channel: incoming.channel, chatId: incoming.chatId }, incoming.receivedAt);
      }
      return vote.vote === 'up'
        ? textReply(FEEDBACK_THANKS)
        : textReply(FEEDBACK_THANKS, 'Bạn có thể hỏi lại bằng cách khác (ví dụ nêu rõ việc cần làm: "cấp lại", "đăng ký", "đổi"), hoặc hỏi trực tiếp bộ phận một cửa.');
    },
  };

  /** The assistant, recording what it could not answer. */
  responder(assistant: Assistant): Responder {
    return {
      handle: async (incoming: Incoming): Promise<Reply> => {
        const decision = assistant.decide(incoming);
        const reply = assistant.render(decision);
        const text = typeof incoming.text === 'string' ? incoming.text.trim() : '';
        if (incoming.payload || text === '' || incoming.channel === 'cli' || decision.kind === 'other') return reply;
        this.remember(chatKey(incoming), scrubQuestion(text), incoming.receivedAt.getTime());
        if (decision.kind === 'not-found' || decision.kind === 'choose') {
          // The citizen's reply must not wait on, or fail with, the bookkeeping.
          await this.recorder
            .record({ kind: decision.kind, question: text, channel: incoming.channel, chatId: incoming.chatId }, incoming.receivedAt)
            .catch((error: unknown) => this.logger.warn({ err: error }, 'feedback: could not store an unanswered question'));
        }
        return reply;
      },
    };
  }

  private remember(key: string, text: string, at: number): void {
    this.lastQuestion.delete(key);
    this.lastQuestion.set(key, { text, at });
    if (this.lastQuestion.size > MAX_REMEMBERED) this.lastQuestion.delete(this.lastQuestion.keys().next().value!);
  }
}

function chatKey(incoming: Incoming): string {
  return `${incoming.channel}:${incoming.chatId}`;
}
