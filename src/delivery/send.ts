// Sending one claimed message: its channel's sender (or a reroute when there is none, or when
// Zalo's window is closed), a turn at the channel's pace, the send, then the outcome recorded —
// a failure through the retry policy.
import type { Reply } from '../conversation/message';
import type { ZaloWindowStore } from '../store/zalo-window';
import type { Outcomes, PassResult } from './outcomes';
import { chatKey } from './pass';
import type { ChannelSender, SendingChannel } from './ports';
import type { ChatGaps, Pacer } from './rate-limit';
import { afterFailure, type RetryPolicy } from './retry';
import type { OutboxRow } from './tables';
import { zaloWindow } from './zalo-window';

export interface SendDeps {
  senders: ReadonlyMap<SendingChannel, ChannelSender>;
  pacers: ReadonlyMap<SendingChannel, Pacer>;
  gaps: ChatGaps;
  zaloWindow: ZaloWindowStore;
  outcomes: Outcomes;
  retry: RetryPolicy;
  random: () => number;
  now(): number;
}

export async function sendRow(deps: SendDeps, row: OutboxRow, result: PassResult): Promise<void> {
  const { outcomes, now } = deps;
  const channel = row.channel as SendingChannel;
  const sender = deps.senders.get(channel);
  if (!sender) return outcomes.reroute(row, `${row.channel}: channel not configured`, result);
  if (channel === 'zalo') {
    const window = await zaloWindow(deps.zaloWindow, row.chat_id, now());
    if (!window.open) return outcomes.reroute(row, window.reason, result);
  }
  let body: Reply;
  try {
    body = JSON.parse(row.body) as Reply;
  } catch {
    return outcomes.unreadable(row, result);
  }
  const finished = await deps.pacers.get(channel)!.acquire();
  try {
    try {
      await sender.send(row.chat_id, body);
    } finally {
      finished();
    }
    deps.gaps.sent(chatKey(row), now());
    await outcomes.sent(row, result);
  } catch (error) {
    deps.gaps.sent(chatKey(row), now());
    const decision = afterFailure(row, error, now(), deps.retry, deps.random);
    if (decision.action === 'wait') deps.gaps.block(chatKey(row), decision.until);
    await outcomes.failed(row, decision, result);
  }
}
