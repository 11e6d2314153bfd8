// The SeenEvents contract on both databases: an event id is new once per channel, across
// instances (a restart), and very long ids are kept by their first 200 characters.
import { expect, it } from 'vitest';
import { DbSeenEvents } from '../../src/store/seen-events';
import { describeStores } from '../helpers/stores';

describeStores('seen events', (db) => {
  it('is true the first time an id is offered on a channel, false after, even after a restart', async () => {
    const zalo = new DbSeenEvents(db().kysely, 'zalo', () => new Date('2026-11-23T08:00:00Z'));
    expect(await zalo.firstTime('ev-1')).toBe(true);
    expect(await zalo.firstTime('ev-1')).toBe(false);
    expect(await new DbSeenEvents(db().kysely, 'zalo').firstTime('ev-1')).toBe(false);
    expect(await new DbSeenEvents(db().kysely, 'telegram:42').firstTime('ev-1')).toBe(true);
    const long = 'x'.repeat(250);
    expect(await zalo.firstTime(long)).toBe(true);
    expect(await zalo.firstTime(`${'x'.repeat(200)}y`)).toBe(false);
    const row = await db().kysely.selectFrom('seen_events').select('seen_at').where('channel', '=', 'zalo').where('event_id', '=', 'ev-1').executeTakeFirstOrThrow();
    expect(row.seen_at).toBe(Date.parse('2026-11-23T08:00:00Z'));
  });

  it('looks an id up without recording it, and records it once handled', async () => {
    const telegram = new DbSeenEvents(db().kysely, 'telegram:7');
    expect(await telegram.seen('u-1')).toBe(false);
    expect(await telegram.seen('u-1')).toBe(false);
    await telegram.record('u-1');
    await telegram.record('u-1');
    expect(await new DbSeenEvents(db().kysely, 'telegram:7').seen('u-1')).toBe(true);
    expect(await new DbSeenEvents(db().kysely, 'telegram:8').seen('u-1')).toBe(false);
    expect(await telegram.firstTime('u-1')).toBe(false);
  });
});
