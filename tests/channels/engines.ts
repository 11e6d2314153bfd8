// Small engines for channel tests: channels must not care who answers, so a recording
// responder is enough to check the translation both ways.
import type { Incoming, Reply } from '../../src/conversation/message';
import { procedurePayload, reply } from '../../src/conversation/message';
import type { ChatEngine } from '../../src/channels/chat-engine';

export interface RecordingEngine extends ChatEngine {
  seen: Incoming[];
}

/** Answers every message with a heading, the text it got (markup included) and two buttons. */
export function recordingEngine(answer?: (incoming: Incoming) => Reply): RecordingEngine {
  const seen: Incoming[] = [];
  return {
    seen,
    async handle(incoming) {
      seen.push(incoming);
      if (answer) return answer(incoming);
      return reply(
        [
          { type: 'heading', text: 'Đăng ký khai sinh' },
          { type: 'text', text: `Bạn hỏi: ${incoming.text || incoming.payload || ''} <b> & "x"` },
        ],
        { buttons: [{ label: 'Lệ phí', payload: procedurePayload('1.001193', 'fee') }, { label: 'Giấy tờ', payload: procedurePayload('1.001193', 'papers') }] },
      );
    },
  };
}
