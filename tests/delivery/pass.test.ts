// A pass's plan at a chosen instant: one queue per chat holding its oldest claimed row, the
// others put back until the chat's gap has passed.
import { describe, expect, it } from 'vitest';
import { chatKey, planPass } from '../../src/delivery/pass';
import { ChatGaps } from '../../src/delivery/rate-limit';
import type { OutboxRow } from '../../src/delivery/tables';

const NOW = 100_000;

function row(id: string, chat: string, createdAt: number, nextAttemptAt = createdAt): OutboxRow {
  return { id, channel: 'telegram', chat_id: chat, kind: 'digest', body: '{}', dedupe_key: null, state: 'pending', attempts: 0, next_attempt_at: nextAttemptAt, claimed_until: null, claimed_by: null, last_error: null, official_id: null, created_at: createdAt, sent_at: null, failed_at: null, retried_at: null };
}

const ids = (rows: OutboxRow[][]) => rows.map((queue) => queue.map((r) => r.id));

describe('pass plan', () => {
  it('sends the oldest row of each chat now and defers the chat’s others by its gap', () => {
    const plan = planPass([row('a2', 'A', 2), row('b1', 'B', 1, 50), row('a1', 'A', 1, 90), row('a3', 'A', 3)], new ChatGaps(1_000), NOW);
    expect(ids(plan.queues)).toEqual([['a1'], ['b1']]);
    expect(plan.deferred.map((d) => [d.row.id, d.until])).toEqual([['a2', NOW + 1_000], ['a3', NOW + 1_000]]);
  });

  it('orders rows of one chat created in the same millisecond by id', () => {
    expect(ids(planPass([row('y', 'A', 5), row('x', 'A', 5)], new ChatGaps(1), NOW).queues)).toEqual([['x']]);
  });

  it('defers every row of a chat still inside its gap until the gap has passed', () => {
    const gaps = new ChatGaps(1_000);
    gaps.block(chatKey(row('', 'A', 0)), NOW + 30_000);
    gaps.sent(chatKey(row('', 'B', 0)), NOW - 400);
    const plan = planPass([row('a1', 'A', 1), row('b1', 'B', 1), row('c1', 'C', 1)], gaps, NOW);
    expect(ids(plan.queues)).toEqual([['c1']]);
    expect(plan.deferred.map((d) => [d.row.id, d.until])).toEqual([['a1', NOW + 30_000], ['b1', NOW + 600]]);
  });
});
