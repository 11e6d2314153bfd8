// The ButtonMemoryStore contract on both databases: labels per user, a label shown again takes
// its new payload and time, and only the user's most recent labels are kept.
import { expect, it } from 'vitest';
import { DbButtonMemoryStore } from '../../src/store/zalo-buttons';
import { describeStores } from '../helpers/stores';

describeStores('Zalo button store', (db) => {
  it('remembers payloads per user and label, keeping the most recent few', async () => {
    const store = new DbButtonMemoryStore(db().kysely);
    await store.remember('u1', [{ labelKey: 'a', payload: 'p:a' }, { labelKey: 'b', payload: 'p:b' }], 1, 3);
    await store.remember('u1', [{ labelKey: 'c', payload: 'p:c' }], 2, 3);
    await store.remember('u2', [{ labelKey: 'a', payload: 'q:a' }], 2, 3);
    await store.remember('u1', [{ labelKey: 'a', payload: 'p:a2' }, { labelKey: 'd', payload: 'p:d' }], 3, 3);
    expect(await store.payload('u1', 'a')).toBe('p:a2');
    expect(await store.payload('u1', 'b')).toBeUndefined();
    expect(await store.payload('u1', 'c')).toBe('p:c');
    expect(await store.payload('u1', 'd')).toBe('p:d');
    expect(await store.payload('u2', 'a')).toBe('q:a');
    expect(await store.payload('u3', 'a')).toBeUndefined();
  });
});
