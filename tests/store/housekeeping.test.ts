// Tables that grow with traffic stay bounded: 60 simulated days of lookups, chats and webhook
// events on an injected clock, with the daily housekeeping at its cron time, on both databases.
import { expect, it } from 'vitest';
import { fixedClock } from '../../src/clock';
import { WindowLimiter } from '../../src/dossiers/rate-limit';
import { silentLogger } from '../../src/log';
import { StoreChatActivity } from '../../src/store/chat-activity';
import { createHousekeeping, DAY_MS } from '../../src/store/housekeeping';
import { describeStores } from '../helpers/stores';
import { createStores } from '../../src/store/stores';

const DAYS = 60;
const RETENTION_DAYS = 7;
const LOOKUPS_PER_DAY = 120;
const CHATS_PER_DAY = 50;
const EVENTS_PER_DAY = 80;

describeStores('housekeeping', (db) => {
  const count = async (table: 'rate_limits' | 'chat_activity' | 'seen_events' | 'zalo_buttons' | 'conversation_state') =>
    Number((await db().kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it(`keeps rate-limit, chat-activity, seen-event and conversation rows bounded over ${DAYS} simulated days`, async () => {
    const clock = fixedClock('2026-01-01T00:00:00+07:00');
    const limiter = new WindowLimiter(createStores(db()).rateLimits, { limit: 10, windowMs: 15 * 60_000 });
    const activity = new StoreChatActivity(db().kysely);
    const housekeeping = createHousekeeping({ oldRows: createStores(db()).oldRows, clock, logger: silentLogger(), cron: '17 3 * * *', retentionDays: RETENTION_DAYS });
    const start = clock.now().getTime();
    const peaks = { rate_limits: 0, chat_activity: 0, seen_events: 0, zalo_buttons: 0, conversation_state: 0 };
    const conversations = createStores(db()).conversations;
    for (let day = 0; day < DAYS; day++) {
      const midnight = start + day * DAY_MS;
      // Traffic spread over the day: new clients, new chats, new webhook events.
      for (let i = 0; i < LOOKUPS_PER_DAY; i++) await limiter.take(`ip:10.${day}.${i % 250}.1`, new Date(midnight + i * 600_000));
      for (let i = 0; i < CHATS_PER_DAY; i++) await activity.touch('telegram', `d${day}-c${i}`, new Date(midnight + i * 1_200_000));
      // What the assistant remembers of each of those chats (30 minutes' worth of use).
      for (let i = 0; i < CHATS_PER_DAY; i++) await conversations.save(`telegram:d${day}-c${i}`, { code: '1.000894', at: midnight + i * 1_200_000 });
      // One regular who writes every day must never lose their activity row.
      await activity.touch('zalo', 'regular', new Date(midnight + 12 * 3_600_000));
      // Zalo users shown a few buttons, most never coming back.
      await db().kysely.insertInto('zalo_buttons').values(Array.from({ length: 3 }, (_, i) => ({ user_id: `z${day}`, label_key: `nút ${i}`, payload: `p:1.00119${i}`, shown_at: midnight + 3_600_000 }))).execute();
      await db().kysely.insertInto('seen_events').values(Array.from({ length: EVENTS_PER_DAY }, (_, i) => ({ channel: 'telegram', event_id: `${day}-${i}`, seen_at: midnight + i * 900_000 }))).execute();
      // 03:17 the next morning, Vietnam time: the cron's run.
      clock.set(new Date(midnight + DAY_MS + (3 * 60 + 17) * 60_000));
      expect(await housekeeping.runOnce()).toBeDefined();
      for (const table of ['rate_limits', 'chat_activity', 'seen_events', 'zalo_buttons', 'conversation_state'] as const) peaks[table] = Math.max(peaks[table], await count(table));
    }
    // Without the prune these would be DAYS days' worth (7,200 / 3,001 / 4,800 / 180 / 3,000 rows).
    expect(peaks.rate_limits).toBeLessThanOrEqual(2 * LOOKUPS_PER_DAY);
    expect(peaks.chat_activity).toBeLessThanOrEqual((RETENTION_DAYS + 2) * CHATS_PER_DAY + 1);
    expect(peaks.seen_events).toBeLessThanOrEqual((RETENTION_DAYS + 2) * EVENTS_PER_DAY);
    expect(peaks.zalo_buttons).toBeLessThanOrEqual((RETENTION_DAYS + 2) * 3);
    expect(peaks.conversation_state).toBeLessThanOrEqual(2 * CHATS_PER_DAY);
    expect(await activity.lastInboundAt('zalo', 'regular')).toEqual(new Date(start + (DAYS - 1) * DAY_MS + 12 * 3_600_000));
    // Today's limits still hold after a prune: a blocked client stays blocked.
    const now = clock.now();
    for (let i = 0; i < 10; i++) await limiter.take('ip:192.0.2.1', now);
    await housekeeping.runOnce();
    expect(await limiter.blocked('ip:192.0.2.1', now)).toBe(true);
  }, 120_000);

  it('refuses a malformed HOUSEKEEPING_CRON with a message naming it', () => {
    expect(() => createHousekeeping({ oldRows: createStores(db()).oldRows, clock: fixedClock('2026-01-01T00:00:00Z'), logger: silentLogger(), cron: 'every night', retentionDays: 30 })).toThrow(/HOUSEKEEPING_CRON/);
  });
});
