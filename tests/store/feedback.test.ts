// The FeedbackStore contract on both databases: the salt, a chat's recent vote found and
// replaced, and the summary's counts of questions, people, procedures and votes since a time.
import { beforeEach, expect, it } from 'vitest';
import { DbFeedbackStore, type FeedbackRow } from '../../src/store/feedback';
import { describeStores } from '../helpers/stores';

const NOW = Date.parse('2026-11-20T09:00:00+07:00');
const HOUR = 3_600_000;
let next = 0;
const row = (overrides: Partial<FeedbackRow>): FeedbackRow => ({ id: `f-${++next}`, kind: 'not-found', question: null, code: null, channel: 'telegram', session: 's1', created_at: NOW, ...overrides });

describeStores('feedback store', (db) => {
  let store: DbFeedbackStore;

  beforeEach(async () => {
    await db().kysely.deleteFrom('feedback').execute();
    store = new DbFeedbackStore(db().kysely);
  });

  it('has one salt made by its migration', async () => {
    const salt = await store.salt();
    expect(salt.length).toBeGreaterThanOrEqual(16);
    expect(await store.salt()).toBe(salt);
  });

  it('finds a session’s vote on a procedure within the time given, and replaces it', async () => {
    await store.insert(row({ id: 'v1', kind: 'up', code: '1.001193', created_at: NOW - 2 * HOUR }));
    await store.insert(row({ id: 'q1', kind: 'not-found', question: 'nuôi chó', created_at: NOW }));
    expect(await store.recentVote('s1', '1.001193', NOW - 3 * HOUR)).toBe('v1');
    expect(await store.recentVote('s1', '1.001193', NOW - HOUR)).toBeUndefined();
    expect(await store.recentVote('s2', '1.001193', NOW - 3 * HOUR)).toBeUndefined();
    expect(await store.recentVote('s1', '2.000001', NOW - 3 * HOUR)).toBeUndefined();
    await store.replaceVote('v1', { kind: 'down', question: 'khai sinh', createdAt: NOW });
    const stored = await db().kysely.selectFrom('feedback').select(['kind', 'question', 'created_at']).where('id', '=', 'v1').executeTakeFirstOrThrow();
    expect(stored).toEqual({ kind: 'down', question: 'khai sinh', created_at: NOW });
  });

  it('sums up unanswered and disliked questions, people and votes since a time', async () => {
    await store.insert(row({ kind: 'choose', question: 'mất sổ đỏ', session: 's1' }));
    await store.insert(row({ kind: 'not-found', question: 'mất sổ đỏ', session: 's2', created_at: NOW + 1 }));
    await store.insert(row({ kind: 'not-found', question: 'mất sổ đỏ', session: 's2', created_at: NOW - HOUR }));
    await store.insert(row({ kind: 'not-found', question: 'nuôi mèo', session: 's3', created_at: NOW - 30 * HOUR }));
    await store.insert(row({ kind: 'down', question: 'khai sinh', code: '1.001193', session: 's4' }));
    await store.insert(row({ kind: 'down', question: 'khai sinh', code: '1.000001', session: 's5' }));
    await store.insert(row({ kind: 'up', code: '1.001193', session: 's6' }));
    const summary = await store.summary(new Date(NOW - 24 * HOUR), 10);
    expect(summary).toEqual({
      unanswered: [{ question: 'mất sổ đỏ', count: 3, people: 2, choose: 1, lastAt: NOW + 1 }],
      disliked: [{ question: 'khai sinh', count: 2, people: 2, codes: ['1.000001', '1.001193'], lastAt: NOW }],
      votes: [{ code: '1.000001', up: 0, down: 1 }, { code: '1.001193', up: 1, down: 1 }],
    });
    expect((await store.summary(new Date(NOW - 48 * HOUR), 1)).unanswered.map((q) => q.question)).toEqual(['mất sổ đỏ']);
  });
});
