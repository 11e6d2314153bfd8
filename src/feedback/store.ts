// Where the feedback loop keeps what it learns: unanswered questions and 👍/👎 marks, without
// personal data (see scrub.ts and the salted session hash), and what `motcua report questions`
// reads back: the most frequent ones since a time.
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/database';
import type { ChannelName } from '../conversation/message';
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

export interface QuestionCount {
  question: string;
  /** How many times it was asked (or marked 👎). */
  count: number;
  /** By how many different chats. */
  people: number;
  /** Unanswered: how many of those times the assistant asked which procedure instead of finding none. */
  choose?: number;
  /** Disliked: the procedures it was answered with. */
  codes?: string[];
  lastAt: number;
}

export interface VoteCount {
  code: string;
  up: number;
  down: number;
}

export interface FeedbackSummary {
  unanswered: QuestionCount[];
  disliked: QuestionCount[];
  votes: VoteCount[];
}

/** A second 👍 or 👎 on the same answer from the same chat within this time is not counted again. */
const VOTE_DEDUPE_MS = 86_400_000;

export class FeedbackStore {
  private salt: Promise<string> | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  /** The chat as a salted sha256: the same chat gives the same value, nobody can reverse it without the database. */
  async session(channel: string, chatId: string): Promise<string> {
    this.salt ??= this.db
      .selectFrom('feedback_salt')
      .select('salt')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow()
      .then((r) => r.salt)
      .catch((error: unknown) => {
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
      const earlier = await this.db
        .selectFrom('feedback')
        .select('id')
        .where('session', '=', session)
        .where('kind', 'in', ['up', 'down'])
        .where('code', '=', entry.code ?? '')
        .where('created_at', '>', at.getTime() - VOTE_DEDUPE_MS)
        .executeTakeFirst();
      if (earlier) {
        // A change of mind replaces the earlier mark.
        await this.db.updateTable('feedback').set({ kind: entry.kind, question: entry.kind === 'down' ? question : null, created_at: at.getTime() }).where('id', '=', earlier.id).execute();
        return false;
      }
    }
    await this.db
      .insertInto('feedback')
      .values({ id: crypto.randomUUID(), kind: entry.kind, question: entry.kind === 'up' ? null : question, code: entry.code ?? null, channel: entry.channel, session, created_at: at.getTime() })
      .execute();
    return true;
  }

  /** Deletes entries older than `before` (ms); returns how many went. */
  async prune(before: number): Promise<number> {
    const result = await this.db.deleteFrom('feedback').where('created_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The most frequent unanswered and disliked questions since `since`, and 👍/👎 per procedure. */
  async summary(since: Date, limit: number): Promise<FeedbackSummary> {
    const from = since.getTime();
    const unansweredRows = await this.db
      .selectFrom('feedback')
      .select([
        'question',
        sql<number>`count(*)`.as('n'),
        sql<number>`count(distinct session)`.as('people'),
        sql<number>`sum(case when kind = 'choose' then 1 else 0 end)`.as('choose'),
        sql<number>`max(created_at)`.as('last_at'),
      ])
      .where('kind', 'in', ['not-found', 'choose'])
      .where('question', 'is not', null)
      .where('created_at', '>=', from)
      .groupBy('question')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(sql`max(created_at)`, 'desc')
      .limit(limit)
      .execute();
    const dislikedRows = await this.db
      .selectFrom('feedback')
      .select(['question', sql<number>`count(*)`.as('n'), sql<number>`count(distinct session)`.as('people'), sql<number>`max(created_at)`.as('last_at')])
      .where('kind', '=', 'down')
      .where('created_at', '>=', from)
      .groupBy('question')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(sql`max(created_at)`, 'desc')
      .limit(limit)
      .execute();
    // The procedures each disliked question was answered with, in one query, not one per row.
    const codeRows = await this.db.selectFrom('feedback').select(['question', 'code']).distinct().where('kind', '=', 'down').where('created_at', '>=', from).where('code', 'is not', null).execute();
    const codesOf = new Map<string | null, string[]>();
    for (const c of codeRows) codesOf.set(c.question, [...(codesOf.get(c.question) ?? []), c.code!]);
    const disliked: QuestionCount[] = dislikedRows.map((r) => ({
      question: r.question ?? '',
      count: Number(r.n),
      people: Number(r.people),
      codes: (codesOf.get(r.question) ?? []).sort(),
      lastAt: Number(r.last_at),
    }));
    const voteRows = await this.db
      .selectFrom('feedback')
      .select(['code', sql<number>`sum(case when kind = 'up' then 1 else 0 end)`.as('up'), sql<number>`sum(case when kind = 'down' then 1 else 0 end)`.as('down')])
      .where('kind', 'in', ['up', 'down'])
      .where('code', 'is not', null)
      .where('created_at', '>=', from)
      .groupBy('code')
      .orderBy(sql`sum(case when kind = 'down' then 1 else 0 end)`, 'desc')
      .orderBy('code')
      .limit(limit)
      .execute();
    return {
      unanswered: unansweredRows.map((r) => ({ question: r.question ?? '', count: Number(r.n), people: Number(r.people), choose: Number(r.choose), lastAt: Number(r.last_at) })),
      disliked,
      votes: voteRows.map((r) => ({ code: r.code!, up: Number(r.up), down: Number(r.down) })),
    };
  }
}
