// The OfficialStore contract on both databases: officials, one-time codes redeemed once, one
// chat per channel per official, and the keyset pages the daily scan reads.
import { beforeEach, expect, it } from 'vitest';
import type { OfficialRow } from '../../src/alerts/tables';
import { DbOfficialStore } from '../../src/store/officials';
import { describeStores } from '../helpers/stores';

const AT = new Date('2026-11-23T08:00:00+07:00');
const official = (id: string, overrides: Partial<OfficialRow> = {}): OfficialRow => ({ id, name: `Cán bộ ${id}`, unit: 'Phường Hạc Thành', role: 'officer', created_at: 0, active: 1, ...overrides });

describeStores('official store', (db) => {
  let store: DbOfficialStore;

  beforeEach(async () => {
    for (const table of ['chat_links', 'link_codes', 'officials'] as const) await db().kysely.deleteFrom(table).execute();
    store = new DbOfficialStore(db().kysely);
  });

  it('stores officials and lists them by unit, then id', async () => {
    await store.insert(official('cb-b', { unit: 'Xã Quảng Phú' }));
    await store.insert(official('cb-c'));
    await store.insert(official('cb-a'));
    expect(await store.get('cb-c')).toEqual(official('cb-c'));
    expect(await store.get('cb-x')).toBeUndefined();
    expect((await store.all()).map((o) => o.id)).toEqual(['cb-a', 'cb-c', 'cb-b']);
  });

  it('redeems a code once, moving the chat to its official; tells unknown, used and expired codes apart', async () => {
    await store.insert(official('cb-lan'));
    await store.insert(official('cb-minh'));
    await store.addLinkCode({ codeHash: 'h-lan', officialId: 'cb-lan', expiresAt: AT.getTime() + 60_000 });
    await store.addLinkCode({ codeHash: 'h-minh', officialId: 'cb-minh', expiresAt: AT.getTime() + 60_000 });
    await store.addLinkCode({ codeHash: 'h-old', officialId: 'cb-lan', expiresAt: AT.getTime() - 1 });

    expect(await store.redeem('h-lan', 'telegram', '555', AT)).toMatchObject({ ok: true, official: { id: 'cb-lan' } });
    expect(await store.redeem('h-lan', 'telegram', '556', AT)).toEqual({ ok: false, reason: 'used' });
    expect(await store.redeem('h-old', 'telegram', '556', AT)).toEqual({ ok: false, reason: 'expired' });
    expect(await store.redeem('h-none', 'telegram', '556', AT)).toEqual({ ok: false, reason: 'unknown' });
    // The same chat linked by another official now belongs to them alone.
    expect((await store.redeem('h-minh', 'telegram', '555', AT)).ok).toBe(true);
    expect(await store.links()).toEqual([{ officialId: 'cb-minh', channel: 'telegram', chatId: '555', linkedAt: AT.getTime() }]);
  });

  it('refuses a code of an inactive official', async () => {
    await store.insert(official('cb-gone', { active: 0 }));
    await store.addLinkCode({ codeHash: 'h-gone', officialId: 'cb-gone', expiresAt: AT.getTime() + 60_000 });
    expect(await store.redeem('h-gone', 'zalo', '9', AT)).toEqual({ ok: false, reason: 'unknown' });
    expect(await store.links()).toEqual([]);
  });

  it('unlinks one channel or all, counting what went', async () => {
    await store.insert(official('cb-lan'));
    for (const [hash, channel, chat] of [['h1', 'telegram', '1'], ['h2', 'zalo', '2']] as const) {
      await store.addLinkCode({ codeHash: hash, officialId: 'cb-lan', expiresAt: AT.getTime() + 60_000 });
      await store.redeem(hash, channel, chat, AT);
    }
    expect(await store.unlink('cb-lan', 'zalo')).toBe(1);
    expect((await store.links('cb-lan')).map((l) => l.channel)).toEqual(['telegram']);
    expect(await store.unlink('cb-lan')).toBe(1);
    expect(await store.unlink('cb-lan')).toBe(0);
  });

  it('pages active officials by id and chat links by channel and chat id', async () => {
    for (const id of ['cb-1', 'cb-2', 'cb-3', 'cb-4']) await store.insert(official(id, { active: id === 'cb-3' ? 0 : 1 }));
    expect((await store.activePage('', 2)).map((o) => o.id)).toEqual(['cb-1', 'cb-2']);
    expect(await store.activePage('cb-2', 2)).toEqual([{ id: 'cb-4', name: 'Cán bộ cb-4', unit: 'Phường Hạc Thành', role: 'officer' }]);

    const links = [['cb-1', 'telegram', '20'], ['cb-2', 'telegram', '10'], ['cb-4', 'zalo', '05']] as const;
    await db().kysely.insertInto('chat_links').values(links.map(([id, channel, chat]) => ({ official_id: id, channel, chat_id: chat, linked_at: 0 }))).execute();
    const first = await store.linkPage(undefined, 2);
    expect(first).toEqual([{ officialId: 'cb-2', channel: 'telegram', chatId: '10' }, { officialId: 'cb-1', channel: 'telegram', chatId: '20' }]);
    expect(await store.linkPage({ channel: 'telegram', chatId: '20' }, 2)).toEqual([{ officialId: 'cb-4', channel: 'zalo', chatId: '05' }]);
  });
});
