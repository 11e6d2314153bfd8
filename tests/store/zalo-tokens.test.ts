// The ZaloTokenStore contract on both databases: the configured pair seeds the store, a saved
// (refreshed) pair wins over it afterwards, and a newly configured pair wins once more.
import { expect, it } from 'vitest';
import { DbZaloTokenStore } from '../../src/store/zalo-tokens';
import { describeStores } from '../helpers/stores';

describeStores('Zalo token store', (db) => {
  it('seeds from the config, keeps a refreshed pair across restarts, and takes a new configured pair', async () => {
    const configured = { accessToken: 'a-1', refreshToken: 'r-1' };
    expect(await new DbZaloTokenStore(db().kysely, 'app', undefined).load()).toBeUndefined();
    const store = new DbZaloTokenStore(db().kysely, 'app', configured);
    expect(await store.load()).toEqual(configured);
    await store.save({ accessToken: 'a-2', refreshToken: 'r-2' }, new Date('2026-11-23T08:00:00Z'));
    expect(await new DbZaloTokenStore(db().kysely, 'app', configured).load()).toEqual({ accessToken: 'a-2', refreshToken: 'r-2' });
    expect(await new DbZaloTokenStore(db().kysely, 'other-app', undefined).load()).toBeUndefined();
    const reauthorised = { accessToken: 'a-9', refreshToken: 'r-9' };
    expect(await new DbZaloTokenStore(db().kysely, 'app', reauthorised).load()).toEqual(reauthorised);
    expect(await new DbZaloTokenStore(db().kysely, 'app', reauthorised).load()).toEqual(reauthorised);
  });
});
