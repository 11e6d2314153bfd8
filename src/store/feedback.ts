// The feedback loop's rows (feedback, feedback_salt): the FeedbackStore port and its Kysely
// implementation, including the counts `motcua report questions` reads back.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { FeedbackKind, FeedbackTables } from '../feedback/tables';
import type { Database } from './database';

export type FeedbackRow = Insertable<FeedbackTables['feedback']>;

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

export interface FeedbackStore {
  /** The database's own salt for session hashes (made by migration 0007). */
  salt(): Promise<string>;
  /** The id of the session's 👍 or 👎 on `code` stored after `since` (ms), if any. */
  recentVote(session: string, code: string, since: number): Promise<string | undefined>;
  /** Replaces an earlier vote with a new mark (a change of mind). */
  replaceVote(id: string, vote: { kind: FeedbackKind; question: string | null; createdAt: number }): Promise<void>;
  insert(row: FeedbackRow): Promise<void>;
  /** The most frequent unanswered and disliked questions since `since`, and 👍/👎 per procedure. */
  summary(since: Date, limit: number): Promise<FeedbackSummary>;
}

export class DbFeedbackStore implements FeedbackStore {
  constructor(private readonly db: Kysely<Database>) {}

  async salt(): Promise<string> {
    const row = await this.db.selectFrom('feedback_salt').select('salt').where('id', '=', 1).executeTakeFirstOrThrow();
    return row.salt;
  }

  async recentVote(session: string, code: string, since: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('feedback')
      .select('id')
      .where('session', '=', session)
      .where('kind', 'in', ['up', 'down'])
      .where('code', '=', code)
      .where('created_at', '>', since)
      .executeTakeFirst();
    return row?.id;
  }

  async replaceVote(id: string, vote: { kind: FeedbackKind; question: string | null; createdAt: number }): Promise<void> {
    await this.db.updateTable('feedback').set({ kind: vote.kind, question: vote.question, created_at: vote.createdAt }).where('id', '=', id).execute();
  }

  async insert(row: FeedbackRow): Promise<void> {
    await this.db.insertInto('feedback').values(row).execute();
  }

  /** Rows of these kinds since `from`, per question: the most frequent first, then the latest. */
  private questionCounts(kinds: FeedbackKind[], from: number, limit: number, { askedOnly }: { askedOnly: boolean }) {
    return this.db
      .selectFrom('feedback')
      .select([
        'question',
        sql<number>`count(*)`.as('n'),
        sql<number>`count(distinct session)`.as('people'),
        sql<number>`sum(case when kind = 'choose' then 1 else 0 end)`.as('choose'),
        sql<number>`max(created_at)`.as('last_at'),
      ])
      .where('kind', 'in', kinds)
      .$if(askedOnly, (qb) => qb.where('question', 'is not', null))
      .where('created_at', '>=', from)
      .groupBy('question')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy(sql`max(created_at)`, 'desc')
      .limit(limit)
      .execute();
  }

  async summary(since: Date, limit: number): Promise<FeedbackSummary> {
    const from = since.getTime();
    const unansweredRows = await this.questionCounts(['not-found', 'choose'], from, limit, { askedOnly: true });
    const dislikedRows = await this.questionCounts(['down'], from, limit, { askedOnly: false });
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
