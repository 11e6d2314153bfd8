// Zalo button labels kept in the database: per user, the newest 30 labels, across restarts.
import { expect, it } from 'vitest';
import { StoredButtonMemory } from '../../../src/channels/zalo/button-memory';
import { DbButtonMemoryStore } from '../../../src/store/zalo-buttons';
import { describeStores } from '../../helpers/stores';

describeStores('Zalo button memory in the database', (db) => {
  it('keeps each user’s newest 30 labels, forgets older ones, and keeps duplicates raw', async () => {
    let t = Date.parse('2026-11-24T08:00:00+07:00');
    const memory = new StoredButtonMemory(new DbButtonMemoryStore(db().kysely), () => new Date(t++));
    for (let i = 0; i < 35; i++) await memory.remember('u1', [{ label: `Mục ${i}`, payload: `p:${i}` }]);
    const labels = await memory.remember('u2', [{ label: 'Xem', payload: 'a' }, { label: 'xem ', payload: 'b' }, { label: 'Lệ phí', payload: 'p:1.001193:fee' }]);
    expect([...labels]).toEqual(['Lệ phí']);
    // A new instance (a restart) reads the same rows.
    const after = new StoredButtonMemory(new DbButtonMemoryStore(db().kysely));
    expect(await after.lookup('u1', 'mục 34')).toBe('p:34');
    expect(await after.lookup('u1', 'Mục 5')).toBe('p:5');
    expect(await after.lookup('u1', 'Mục 4')).toBeUndefined();
    expect(await after.lookup('u2', ' LỆ PHÍ ')).toBe('p:1.001193:fee');
    expect(await after.lookup('u2', 'Xem')).toBeUndefined();
    expect(await after.lookup('u3', 'Lệ phí')).toBeUndefined();
    const rows = await db().kysely.selectFrom('zalo_buttons').select('label_key').where('user_id', '=', 'u1').execute();
    expect(rows).toHaveLength(30);
    // Shown again, a label moves to the newest and takes its new payload.
    await memory.remember('u1', [{ label: 'Mục 5', payload: 'p:5b' }]);
    expect(await after.lookup('u1', 'Mục 5')).toBe('p:5b');
  });
});
