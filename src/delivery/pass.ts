// One dispatcher pass's plan: the claimed rows as one queue per chat, in the chat's order, and
// the rows that wait for a later pass because their chat is still inside its gap.
import type { ChatGaps } from './rate-limit';
import type { OutboxRow } from './tables';

// One message per chat per pass: a chat's next message waits in the outbox (not in a worker)
// until its gap has passed, so a slow chat never holds up the others or a claim.
const MAX_PER_CHAT_PER_PASS = 1;

export interface PassPlan {
  /** Rows to send now, one queue per chat; chats run side by side. */
  queues: OutboxRow[][];
  /** Rows put back until their chat's gap has passed. */
  deferred: Array<{ row: OutboxRow; until: number }>;
}

export function chatKey(row: Pick<OutboxRow, 'channel' | 'chat_id'>): string {
  return `${row.channel}:${row.chat_id}`;
}

export function planPass(claimed: readonly OutboxRow[], gaps: ChatGaps, now: number): PassPlan {
  // RETURNING does not keep the claim's ORDER BY on PostgreSQL.
  const rows = [...claimed].sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.created_at - b.created_at || a.id.localeCompare(b.id));
  const byChat = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const list = byChat.get(chatKey(row));
    if (list) list.push(row);
    else byChat.set(chatKey(row), [row]);
  }
  const plan: PassPlan = { queues: [], deferred: [] };
  for (const [chat, list] of byChat) {
    list.sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id));
    // A chat still inside its gap (a 429, or a message moments ago) waits for its turn.
    const start = gaps.readyAt(chat) > now ? 0 : MAX_PER_CHAT_PER_PASS;
    if (start > 0) plan.queues.push(list.slice(0, start));
    const until = Math.max(gaps.readyAt(chat), now + (start > 0 ? gaps.gapMs : 0));
    for (const row of list.slice(start)) plan.deferred.push({ row, until });
  }
  return plan;
}
