// The WebhookInbox contract on both databases: an event is stored once per channel, handed out
// oldest first once nobody's claim holds it, claimed by one process only, and kept without its
// body once done; the housekeeping deletes rows by age.
import { expect, it } from 'vitest';
import { fixedClock } from '../../src/clock';
import { silentLogger } from '../../src/log';
import { createHousekeeping, DAY_MS } from '../../src/store/housekeeping';
import { createStores } from '../../src/store/stores';
import { describeStores } from '../helpers/stores';

const T0 = Date.parse('2026-11-23T08:00:00Z');
const at = (ms: number) => new Date(T0 + ms);

describeStores('webhook inbox', (db) => {
  it('stores an event once per channel, also after it is done', async () => {
    const zalo = createStores(db()).webhookInbox('zalo');
    expect(await zalo.add({ eventId: 'msg:a', body: '{"x":1}', receivedAt: at(0) }, at(20_000))).toBe(true);
    expect(await zalo.add({ eventId: 'msg:a', body: '{"x":2}', receivedAt: at(5) }, at(20_005))).toBe(false);
    expect(await createStores(db()).webhookInbox('telegram:1').add({ eventId: 'msg:a', body: '{}', receivedAt: at(0) }, at(0))).toBe(true);
    await zalo.done('msg:a', at(100));
    expect(await zalo.add({ eventId: 'msg:a', body: '{"x":3}', receivedAt: at(200) }, at(20_200))).toBe(false);
    const row = await db().kysely.selectFrom('webhook_inbox').selectAll().where('channel', '=', 'zalo').where('event_id', '=', 'msg:a').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ body: '', done_at: T0 + 100, received_at: T0 });
  });

  it('hands out pending events whose claim ran out, oldest first, to one claimer', async () => {
    const inbox = createStores(db()).webhookInbox('due-test');
    await inbox.add({ eventId: 'late', body: 'b2', receivedAt: at(2_000) }, at(22_000));
    await inbox.add({ eventId: 'early', body: 'b1', receivedAt: at(1_000) }, at(21_000));
    await inbox.add({ eventId: 'held', body: 'b3', receivedAt: at(500) }, at(60_000));
    await inbox.add({ eventId: 'finished', body: 'b4', receivedAt: at(0) }, at(20_000));
    await inbox.done('finished', at(10));
    expect(await inbox.due(at(21_999), 10)).toEqual([{ eventId: 'early', body: 'b1', receivedAt: at(1_000) }]);
    expect((await inbox.due(at(30_000), 10)).map((e) => e.eventId)).toEqual(['early', 'late']);
    // A live process extends its claim while it still handles an event.
    await inbox.extend(['late'], at(50_000));
    expect((await inbox.due(at(30_000), 10)).map((e) => e.eventId)).toEqual(['early']);
    // Two processes replaying at once: one gets it.
    expect(await inbox.claim('early', at(30_000), at(50_000))).toBe(true);
    expect(await inbox.claim('early', at(30_000), at(50_000))).toBe(false);
    expect(await inbox.due(at(30_000), 10)).toEqual([]);
    expect(await inbox.claim('finished', at(30_000), at(50_000))).toBe(false);
  });

  it('gives up on pending events received before a limit', async () => {
    const inbox = createStores(db()).webhookInbox('abandon-test');
    await inbox.add({ eventId: 'old', body: 'b', receivedAt: at(0) }, at(1_000));
    await inbox.add({ eventId: 'new', body: 'b', receivedAt: at(DAY_MS) }, at(DAY_MS + 1_000));
    expect(await inbox.abandon(at(DAY_MS - 1), at(DAY_MS + 5_000))).toBe(1);
    expect((await inbox.due(at(2 * DAY_MS), 10)).map((e) => e.eventId)).toEqual(['new']);
    expect(await inbox.abandon(at(DAY_MS - 1), at(DAY_MS + 5_000))).toBe(0);
  });

  it('is pruned by the daily housekeeping after the retention, as seen event ids are', async () => {
    const stores = createStores(db());
    const inbox = stores.webhookInbox('prune-test');
    await inbox.add({ eventId: 'month-old', body: '', receivedAt: at(-31 * DAY_MS) }, at(0));
    await inbox.done('month-old', at(-31 * DAY_MS));
    await inbox.add({ eventId: 'recent', body: '', receivedAt: at(-DAY_MS) }, at(0));
    await inbox.done('recent', at(-DAY_MS));
    const housekeeping = createHousekeeping({ oldRows: stores.oldRows, clock: fixedClock(at(0)), logger: silentLogger(), cron: '17 3 * * *', retentionDays: 30 });
    expect((await housekeeping.runOnce())?.webhookInbox).toBeGreaterThanOrEqual(1);
    const left = await db().kysely.selectFrom('webhook_inbox').select('event_id').where('channel', '=', 'prune-test').execute();
    expect(left.map((r) => r.event_id)).toEqual(['recent']);
  });
});
