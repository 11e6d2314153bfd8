// Sending one claimed message: an official's message to the chat linked to them now (never to a
// chat unlinked or linked to someone else since it was queued), its channel's sender (or a
// reroute when there is none; a reroute, or a hold until the user writes again, when Zalo's
// window is closed), a turn at the channel's pace, the send, then the outcome recorded — a
// failure through the retry policy.
import type { Reply } from '../conversation/message';
import type { OfficialChat } from '../store/official-chats';
import type { ZaloWindowStore } from '../store/zalo-window';
import type { Outcomes, PassResult } from './outcomes';
import { chatKey } from './pass';
import type { ChannelSender, SendingChannel } from './ports';
import type { ChatGaps, Pacer } from './rate-limit';
import { afterFailure, type RetryPolicy } from './retry';
import type { OutboxRow } from './tables';
import { zaloWindow } from './zalo-window';

/** An official's chats as linked now, and moving a claimed row to one of them. */
export interface OfficialLinks {
  /** The official's linked chats, the most recently linked first. */
  chatsOf(officialId: string): Promise<OfficialChat[]>;
  /** Points the row at `to` and releases it, due now (counted as rerouted). */
  move(row: OutboxRow, to: OfficialChat, reason: string, result: PassResult): Promise<void>;
}

export interface SendDeps {
  officialLinks: OfficialLinks;
  senders: ReadonlyMap<SendingChannel, ChannelSender>;
  pacers: ReadonlyMap<SendingChannel, Pacer>;
  gaps: ChatGaps;
  zaloWindow: Pick<ZaloWindowStore, 'lastInboundAt' | 'sentSinceInbound'>;
  outcomes: Outcomes;
  retry: RetryPolicy;
  random: () => number;
  now(): number;
}

export async function sendRow(deps: SendDeps, row: OutboxRow, result: PassResult): Promise<void> {
  const { outcomes, now } = deps;
  if (row.official_id) {
    // Queued for an official: the chat must still be theirs. Their chat on this channel linked
    // since then, else another channel's (Outcomes.reroute), else undeliverable.
    const chats = await deps.officialLinks.chatsOf(row.official_id);
    if (!chats.some((c) => c.channel === row.channel && c.chat_id === row.chat_id)) {
      const reason = `${row.channel}: the chat is no longer linked to official ${row.official_id}`;
      const relinked = chats.find((c) => c.channel === row.channel);
      if (relinked) return deps.officialLinks.move(row, relinked, `${reason}; moved to the chat linked now`, result);
      return outcomes.reroute(row, reason, result);
    }
  }
  const channel = row.channel as SendingChannel;
  const sender = deps.senders.get(channel);
  if (!sender) return outcomes.reroute(row, `${row.channel}: channel not configured`, result);
  if (channel === 'zalo') {
    const window = await zaloWindow(deps.zaloWindow, row.chat_id, now());
    if (!window.open) return outcomes.outsideWindow(row, window.reason, result);
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
