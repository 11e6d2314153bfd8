// The feedback buttons under a procedure answer: "Có hữu ích không?" 👍/👎. Their payloads
// follow the button grammar of src/conversation/message.ts: `f:<code>:up` and `f:<code>:down`.
import type { Block, Button } from './message';

export type Vote = 'up' | 'down';

export const FEEDBACK_QUESTION = 'Có hữu ích không?';
export const FEEDBACK_THANKS = 'Cảm ơn bạn đã góp ý!';
export const VOTE_LABELS: Record<Vote, string> = { up: '👍 Có', down: '👎 Không' };

export function feedbackPayload(code: string, vote: Vote): string {
  return `f:${code}:${vote}`;
}

export function parseFeedbackPayload(payload: string): { code: string; vote: Vote } | undefined {
  const match = /^f:(\d\.\d{6}):(up|down)$/.exec(payload);
  return match ? { code: match[1]!, vote: match[2] as Vote } : undefined;
}

/** The question and its two buttons, added under every procedure answer. */
export function feedbackPrompt(code: string): { block: Block; buttons: Button[] } {
  return {
    block: { type: 'text', text: FEEDBACK_QUESTION },
    buttons: (['up', 'down'] as const).map((vote) => ({ label: VOTE_LABELS[vote], payload: feedbackPayload(code, vote) })),
  };
}
