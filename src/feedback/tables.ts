// Tables of the feedback loop (migration 0007).
export type FeedbackKind = 'not-found' | 'choose' | 'up' | 'down';

export interface FeedbackTables {
  feedback: {
    id: string;
    kind: string;
    /** The citizen's question with digits and names scrubbed, lower case; null for 👍. */
    question: string | null;
    /** The procedure answered (👍/👎). */
    code: string | null;
    channel: string;
    /** sha256 of the salt and the chat: counts people, names nobody. */
    session: string;
    created_at: number;
  };
  feedback_salt: {
    id: number;
    salt: string;
  };
}
