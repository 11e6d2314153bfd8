// The feedback loop on both databases: through the real conversation engine and assistant, a
// question the bot cannot answer and a 👎 are stored without digits, names or the chat id;
// a 👍 pressed twice counts once; the summary counts questions and people; the housekeeping
// prunes rows past FEEDBACK_RETENTION_DAYS (90 days by default) and keeps younger ones.
import { beforeAll, expect, it } from 'vitest';
import { Assistant } from '../../src/assistant/assistant';
import { ConversationEngine } from '../../src/conversation/engine';
import { ConversationMemory } from '../../src/assistant/memory';
import type { Incoming, Reply } from '../../src/conversation/message';
import { fixedClock } from '../../src/clock';
import { FeedbackLoop } from '../../src/feedback/loop';
import { FEEDBACK_QUESTION, FEEDBACK_THANKS } from '../../src/conversation/feedback';
import { scrubQuestion } from '../../src/feedback/scrub';
import { DbFeedbackStore } from '../../src/store/feedback';
import { silentLogger } from '../../src/log';
import { loadSearch } from '../../src/search/load';
import { createHousekeeping, DAY_MS } from '../../src/store/housekeeping';
import type { SearchIndex } from '../../src/search/index';
import { describeStores } from '../helpers/stores';
import { createStores } from '../../src/store/stores';

let index: SearchIndex;
beforeAll(async () => {
  ({ index } = await loadSearch('tests/fixtures/catalogue-good'));
});

it('scrubs digits, phone numbers and full names from a question', () => {
  expect(scrubQuestion('Tôi là Nguyễn Văn Bình, SĐT 0912 345 678, CCCD 038090001234 sinh 12/03/1990 hỏi   thủ tục'))
    .toBe('tôi là [tên], sđt [số], cccd [số] sinh [số] hỏi thủ tục');
});

describeStores('feedback', (db) => {
  const clock = fixedClock('2026-11-20T09:00:00+07:00');
  let engine: ConversationEngine;
  const say = (chatId: string, text: string, payload?: string): Promise<Reply> =>
    engine.handle({ channel: 'telegram', chatId, text, ...(payload ? { payload } : {}), receivedAt: clock.now() } satisfies Incoming);
  const rows = () => db().kysely.selectFrom('feedback').selectAll().orderBy('created_at').execute();

  beforeAll(() => {
    const loop = new FeedbackLoop(new DbFeedbackStore(db().kysely), silentLogger());
    const assistant = new Assistant({ index, memory: new ConversationMemory({ clock }) });
    engine = new ConversationEngine([loop.handler], loop.responder(assistant), silentLogger());
  });

  it('offers "Có hữu ích không?" 👍/👎 under a procedure answer and thanks for a press', async () => {
    const answer = await say('5550001', 'làm giấy khai sinh cần gì');
    expect(answer.blocks.at(-1)).toEqual({ type: 'text', text: FEEDBACK_QUESTION });
    expect(answer.buttons.slice(-2)).toEqual([{ label: '👍 Có', payload: 'f:1.001193:up' }, { label: '👎 Không', payload: 'f:1.001193:down' }]);
    const thanks = await say('5550001', '', 'f:1.001193:down');
    expect(thanks.blocks[0]).toEqual({ type: 'text', text: FEEDBACK_THANKS });
    const [row] = await rows();
    expect(row).toMatchObject({ kind: 'down', code: '1.001193', question: 'làm giấy khai sinh cần gì', channel: 'telegram' });
    expect(row!.session).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(await rows())).not.toContain('5550001');
  });

  it('stores what it could not answer, scrubbed, and counts repeated questions and people', async () => {
    clock.advance(60_000);
    await say('5550002', 'Tôi Trần Thị Mai 0987654321 xin giấy phép nuôi chó cảnh');
    await say('5550003', 'xin giấy phép nuôi chó cảnh');
    await say('5550003', 'xin giấy phép nuôi chó cảnh');
    await say('5550003', 'cảm ơn'); // not a question: nothing stored
    const stored = (await rows()).filter((r) => r.kind !== 'down');
    expect(stored.map((r) => r.question)).toEqual(['tôi [tên] [số] xin giấy phép nuôi chó cảnh', 'xin giấy phép nuôi chó cảnh', 'xin giấy phép nuôi chó cảnh']);
    expect(stored.every((r) => r.kind === 'not-found' || r.kind === 'choose')).toBe(true);
    expect(JSON.stringify(stored)).not.toMatch(/0987654321|Mai|5550002|5550003/);

    const summary = await new DbFeedbackStore(db().kysely).summary(new Date(clock.now().getTime() - 7 * DAY_MS), 10);
    expect(summary.unanswered[0]).toMatchObject({ question: 'xin giấy phép nuôi chó cảnh', count: 2, people: 1 });
    expect(summary.disliked).toEqual([expect.objectContaining({ question: 'làm giấy khai sinh cần gì', count: 1, people: 1, codes: ['1.001193'] })]);
    expect(summary.votes).toEqual([{ code: '1.001193', up: 0, down: 1 }]);
  });

  it('counts a chat’s repeated 👍 once, and a change of mind replaces its 👎', async () => {
    await say('5550001', '', 'f:1.001193:up');
    await say('5550001', '', 'f:1.001193:up');
    const votes = (await rows()).filter((r) => r.kind === 'up' || r.kind === 'down');
    expect(votes.map((r) => [r.kind, r.question])).toEqual([['up', null]]);
  });

  it('is pruned by the housekeeping after 90 days by default, younger rows kept', async () => {
    const later = fixedClock(new Date(clock.now().getTime() + 89 * DAY_MS));
    const housekeeping = (at: typeof later) => createHousekeeping({ oldRows: createStores(db()).oldRows, clock: at, logger: silentLogger(), cron: '17 3 * * *', retentionDays: 30 });
    expect((await housekeeping(later).runOnce())!.feedback).toBe(0);
    expect((await rows()).length).toBe(4);
    later.advance(2 * DAY_MS);
    expect((await housekeeping(later).runOnce())!.feedback).toBe(4);
    expect(await rows()).toEqual([]);
    // FEEDBACK_RETENTION_DAYS shortens it.
    await say('5550004', 'xin giấy phép nuôi chó cảnh');
    const short = createHousekeeping({ oldRows: createStores(db()).oldRows, clock: fixedClock(new Date(clock.now().getTime() + 8 * DAY_MS)), logger: silentLogger(), cron: '17 3 * * *', retentionDays: 30, feedbackRetentionDays: 7 });
    expect((await short.runOnce())!.feedback).toBe(1);
  });
});
