// Sending one claimed row on a manual clock with in-memory ports: the channel's answer becomes
// the right outcome, and a 429 closes the chat's gap until the wait is over.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock';
import { textReply } from '../../src/conversation/message';
import { emptyPass, Outcomes, type PassResult } from '../../src/delivery/outcomes';
import { DeliveryError, type ChannelSender } from '../../src/delivery/ports';
import { ChatGaps, Pacer } from '../../src/delivery/rate-limit';
import { ageLimitAt, defaultRetryPolicy } from '../../src/delivery/retry';
import { sendRow } from '../../src/delivery/send';
import type { OutboxRow } from '../../src/delivery/tables';
import { silentLogger } from '../../src/log';
import type { OutboxChange } from '../../src/store/outbox-claims';

const T0 = Date.parse('2026-11-24T08:00:00+07:00');

function row(overrides: Partial<OutboxRow> = {}): OutboxRow {
  return { id: 'r1', channel: 'telegram', chat_id: '1001', kind: 'digest', body: JSON.stringify(textReply('tin')), dedupe_key: null, state: 'pending', attempts: 0, next_attempt_at: T0, claimed_until: T0 + 1, claimed_by: 'me', last_error: null, official_id: null, created_at: T0, sent_at: null, failed_at: null, retried_at: null, ...overrides };
}

function harness(send: ChannelSender['send'], options: { lastInboundAt?: number; links?: Array<{ channel: string; chat_id: string }> } = {}) {
  const clock = fixedClock(new Date(T0));
  const now = () => clock.now().getTime();
  const settled: Array<{ id: string; change: OutboxChange }> = [];
  const gaps = new ChatGaps(1_000);
  const senders = new Map((['telegram', 'zalo'] as const).map((channel) => [channel, { channel, send }]));
  const outcomes = new Outcomes({
    claims: { claimDue: async () => [], settle: async (id, _owner, change) => { settled.push({ id, change }); } },
    officialChats: {
      otherChats: async (_id, except) => (options.links ?? []).filter((l) => l.channel !== except),
      chatsOf: async () => options.links ?? [],
    },
    owner: 'me',
    canSend: (channel) => channel === 'telegram' || channel === 'zalo',
    ageLimitAt: (r) => ageLimitAt(r, defaultRetryPolicy),
    now,
    logger: silentLogger(),
  });
  const deps = {
    officialLinks: {
      chatsOf: async () => options.links ?? [],
      move: async (r: OutboxRow, to: { channel: string; chat_id: string }, reason: string, result: PassResult) => {
        settled.push({ id: r.id, change: { channel: to.channel, chat_id: to.chat_id, next_attempt_at: now(), last_error: reason } });
        result.rerouted++;
      },
    },
    senders,
    pacers: new Map([...senders.keys()].map((channel) => [channel, new Pacer(10, async (ms: number) => clock.advance(ms), now)])),
    gaps,
    zaloWindow: { lastInboundAt: async () => options.lastInboundAt, sentSinceInbound: async () => 0 },
    outcomes,
    retry: defaultRetryPolicy,
    random: () => 0,
    now,
  };
  return { deps, settled, gaps, clock };
}

describe('sending one row', () => {
  it('marks a row sent once the channel accepted it, and spaces the chat', async () => {
    const { deps, settled, gaps } = harness(async () => {});
    const result = emptyPass();
    await sendRow(deps, row(), result);
    expect(settled).toEqual([{ id: 'r1', change: { state: 'sent', sent_at: T0, attempts: 1 } }]);
    expect(result.sent).toBe(1);
    expect(gaps.readyAt('telegram:1001')).toBe(T0 + 1_000);
  });

  it('waits out a 429 without counting an attempt, and holds the chat until then', async () => {
    const { deps, settled, gaps } = harness(async () => { throw new DeliveryError('429', 'rate_limited', 30_000); });
    const result = emptyPass();
    await sendRow(deps, row(), result);
    expect(settled).toEqual([{ id: 'r1', change: { next_attempt_at: T0 + 30_000, last_error: 'delivery: 429' } }]);
    expect(result.retried).toBe(1);
    expect(gaps.readyAt('telegram:1001')).toBe(T0 + 30_000);
  });

  it('backs off after a transient failure', async () => {
    const { deps, settled } = harness(async () => { throw new DeliveryError('502', 'transient'); });
    await sendRow(deps, row({ attempts: 2 }), emptyPass());
    expect(settled).toEqual([{ id: 'r1', change: { attempts: 3, next_attempt_at: T0 + 4_000, last_error: 'delivery: 502' } }]);
  });

  it('sends a Zalo message for an official whose window is closed to their other chat', async () => {
    const { deps, settled } = harness(async () => {}, { links: [{ channel: 'zalo', chat_id: 'z1' }, { channel: 'telegram', chat_id: 'T2' }] });
    const result = emptyPass();
    await sendRow(deps, row({ channel: 'zalo', chat_id: 'z1', official_id: 'cb-1' }), result);
    expect(settled).toEqual([{ id: 'r1', change: { channel: 'telegram', chat_id: 'T2', next_attempt_at: T0, last_error: 'zalo: the user never wrote to the OA; rerouted to telegram' } }]);
    expect(result.rerouted).toBe(1);
  });

  it('never sends an official\'s row to a chat no longer theirs: to the chat they linked since on that channel, else another channel\'s, else undeliverable', async () => {
    const sentTo: string[] = [];
    const relinked = harness(async (chatId) => { sentTo.push(chatId); }, { links: [{ channel: 'telegram', chat_id: 'T9' }, { channel: 'zalo', chat_id: 'z1' }] });
    const result = emptyPass();
    await sendRow(relinked.deps, row({ official_id: 'cb-1' }), result);
    expect(relinked.settled).toEqual([{ id: 'r1', change: { channel: 'telegram', chat_id: 'T9', next_attempt_at: T0, last_error: 'telegram: the chat is no longer linked to official cb-1; moved to the chat linked now' } }]);
    const unlinked = harness(async (chatId) => { sentTo.push(chatId); });
    await sendRow(unlinked.deps, row({ id: 'r2', official_id: 'cb-1' }), result);
    expect(unlinked.settled).toEqual([{ id: 'r2', change: { state: 'undeliverable', failed_at: T0, last_error: 'telegram: the chat is no longer linked to official cb-1' } }]);
    expect(sentTo).toEqual([]);
    expect(result).toMatchObject({ rerouted: 1, undeliverable: 1, sent: 0 });
  });

  it('holds a Zalo row with no way out until its age limit, then makes it undeliverable; a row whose body is not JSON is a failed dead letter', async () => {
    const { deps, settled, clock } = harness(async () => {}, { lastInboundAt: T0 - 49 * 3_600_000 });
    const result = emptyPass();
    await sendRow(deps, row({ channel: 'zalo', chat_id: 'z1', kind: 'dossier_update' }), result);
    clock.advance(5);
    await sendRow(deps, row({ id: 'r2', body: '{' }), result);
    clock.set(new Date(T0 + 7 * 24 * 3_600_000));
    await sendRow(deps, row({ channel: 'zalo', chat_id: 'z1', kind: 'dossier_update' }), result);
    expect(settled).toEqual([
      { id: 'r1', change: { next_attempt_at: T0 + 7 * 24 * 3_600_000, last_error: 'zalo: more than 48 h since the user last wrote; held until the user writes again' } },
      { id: 'r2', change: { state: 'failed', failed_at: T0 + 5, last_error: 'delivery: body is not valid JSON' } },
      { id: 'r1', change: { state: 'undeliverable', failed_at: T0 + 7 * 24 * 3_600_000, last_error: 'zalo: more than 48 h since the user last wrote; held 168 h (its age limit) and the user did not write again' } },
    ]);
    expect(result).toMatchObject({ held: 1, undeliverable: 1, failed: 1 });
  });
});
