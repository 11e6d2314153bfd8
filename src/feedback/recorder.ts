// What the feedback loop keeps: unanswered questions and 👍/👎 marks, without personal data
// (see scrub.ts and the salted session hash), stored through the FeedbackStore port.
import crypto from 'node:crypto';
import type { ChannelName } from '../conversation/message';
import type { FeedbackStore } from '../store/feedback';
import type { FeedbackKind } from './tables';
import { scrubQuestion } from './scrub';

export interface FeedbackEntry {
  kind: FeedbackKind;
  /** The question as typed; scrubbed here before it is stored. */
  question?: string | null;
  code?: string | null;
  channel: ChannelName;
  chatId: string;
}

/** A second 👍 or 👎 on the same answer from the same chat within this time is not counted again. */
const VOTE_DEDUPE_MS = 86_400_000;

export class FeedbackRecorder {
  private salt: Promise<string> | undefined;

  constructor(private readonly store: FeedbackStore) {}

  /** The chat as a salted sha256: the same chat gives the same value, nobody can reverse it without the database. */
  async session(channel: string, chatId: string): Promise<string> {
    this.salt ??= this.store.salt().catch((error: unknown) => {
      this.salt = undefined;
      throw error;
    });
    const salt = await this.salt;
    return crypto.createHash('sha256').update(`${salt}\0${channel}\0${chatId}`).digest('hex').slice(0, 32);
  }

  /** Stores one entry; returns false when it was a repeated vote. */
  async record(entry: FeedbackEntry, at: Date): Promise<boolean> {
    const session = await this.session(entry.channel, entry.chatId);
    const question = entry.question ? scrubQuestion(entry.question) || null : null;
    if (entry.kind === 'up' || entry.kind === 'down') {
      const earlier = await this.store.recentVote(session, entry.code ?? '', at.getTime() - VOTE_DEDUPE_MS);
      if (earlier) {
        // A change of mind replaces the earlier mark.
        await this.store.replaceVote(earlier, { kind: entry.kind, question: entry.kind === 'down' ? question : null, createdAt: at.getTime() });
        return false;
      }
    }
    await this.store.insert({ id: crypto.randomUUID(), kind: entry.kind, question: entry.kind === 'up' ? null : question, code: entry.code ?? null, channel: entry.channel, session, created_at: at.getTime() });
    return true;
  }
}
