// The dossier store's contract, on SQLite and PostgreSQL: rows, history, subscriptions, the
// due and open queries, and what a transaction and a savepoint keep or roll back.
import { expect, it } from 'vitest';
import type { DossierRow } from '../../src/dossiers/tables';
import { type DossierTransaction, KyselyDossierStore } from '../../src/store/dossiers';
import { describeStores } from '../helpers/stores';
import { outboxRow } from './outbox-rows';
import { nextCode } from '../dossiers/factory';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T10:00:00+07:00');

function row(code: string, overrides: Partial<DossierRow> = {}): DossierRow {
  return {
    code,
    agency_code: '000.00.20.H56',
    procedure_code: '1.001193',
    unit: 'xa-an-binh',
    official_id: 'cb-01',
    applicant_name: 'Nguyễn Văn An',
    applicant_phone: '0912345678',
    channel: 'direct',
    status: 'received',
    received_at: T0,
    clock_started_at: T0,
    due_at: T0 + 72 * HOUR,
    original_due_at: null,
    extended: 0,
    paused_at: null,
    completed_at: null,
    updated_at: T0,
    ...overrides,
  };
}

function event(code: string, id: string, at: number, requestHash: string | null = null) {
  return { id, dossier_code: code, type: 'status', at, status: 'processing', actor: 'a', note: null, request_hash: requestHash, created_at: at };
}

describeStores('dossier store', (db) => {
  const store = () => new KyselyDossierStore(db().kysely);
  const insert = (r: DossierRow) =>
    store().transaction(async (tx) => {
      await tx.addAgency(r.agency_code, T0);
      return tx.insert(r);
    });

  it('inserts a dossier once, finds it, and updates it in place', async () => {
    const code = nextCode();
    expect(await insert(row(code))).toBe(true);
    expect(await insert(row(code, { unit: 'other' }))).toBe(false);
    expect(await store().find(code)).toEqual(row(code));
    await store().transaction((tx) => tx.update(row(code, { status: 'processing', updated_at: T0 + 1 })));
    expect(await store().transaction((tx) => tx.findForUpdate(code))).toMatchObject({ status: 'processing', unit: 'xa-an-binh', updated_at: T0 + 1 });
    expect(await store().find(nextCode())).toBeUndefined();
  });

  it('keeps history in event order and recognises a request hash it has seen', async () => {
    const code = nextCode();
    await insert(row(code));
    await store().transaction(async (tx) => {
      await tx.addEvent(event(code, 'e2', T0 + 2 * HOUR, 'hash-2'));
      await tx.addEvent(event(code, 'e1', T0 + HOUR));
    });
    expect((await store().history(code)).map((e) => e.at)).toEqual([T0 + HOUR, T0 + 2 * HOUR]);
    expect(await store().history(code)).toContainEqual({ type: 'status', at: T0 + HOUR, status: 'processing', actor: 'a', note: null });
    expect(await store().transaction((tx) => tx.hasEvent(code, 'hash-2'))).toBe(true);
    expect(await store().transaction((tx) => tx.hasEvent(code, 'hash-3'))).toBe(false);
  });

  it('subscribes a chat once, lists it to the transaction, and unsubscribes it', async () => {
    const code = nextCode();
    await insert(row(code));
    const chat = { channel: 'zalo', chatId: '5812345678901234567' };
    await store().subscribe(code, chat, new Date(T0));
    await store().subscribe(code, chat, new Date(T0 + 1));
    expect(await store().transaction((tx) => tx.subscribers(code))).toEqual([chat]);
    expect(await store().unsubscribe(code, chat)).toBe(true);
    expect(await store().unsubscribe(code, chat)).toBe(false);
    expect(await store().transaction((tx) => tx.subscribers(code))).toEqual([]);
  });

  it('writes to the outbox inside the transaction: a message commits or rolls back with the change', async () => {
    const [kept, lost] = [nextCode(), nextCode()];
    const outboxed = async (key: string) => (await db().kysely.selectFrom('outbox').select('id').where('dedupe_key', '=', key).execute()).length;
    expect(await store().transaction((tx) => tx.outbox.insert([outboxRow({ dedupe_key: kept }), outboxRow()]))).toBe(2);
    await expect(
      store().transaction(async (tx) => {
        await tx.outbox.insert([outboxRow({ dedupe_key: lost })]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect([await outboxed(kept), await outboxed(lost)]).toEqual([1, 0]);
  });

  it('rolls back a failed transaction whole, and a failed savepoint alone', async () => {
    const lost = nextCode();
    const kept = nextCode();
    const dropped = nextCode();
    await expect(
      store().transaction(async (tx) => {
        await tx.insert(row(lost));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store().find(lost)).toBeUndefined();
    const outcomes = await store().transaction(async (tx: DossierTransaction) => [
      await tx.savepoint(() => tx.insert(row(kept))),
      await tx.savepoint(async () => {
        await tx.insert(row(dropped));
        throw new Error('bad item');
      }),
    ]);
    expect(outcomes[0]).toEqual({ ok: true, value: true });
    expect(outcomes[1]).toMatchObject({ ok: false, error: new Error('bad item') });
    expect(await store().find(kept)).toBeDefined();
    expect(await store().find(dropped)).toBeUndefined();
  });

  it('finds open dossiers of a unit or official due by a time, earliest first, without closed or stopped ones', async () => {
    const unit = `unit-${nextCode()}`;
    const [late, soon, later, closed, paused] = [nextCode(), nextCode(), nextCode(), nextCode(), nextCode()];
    await insert(row(soon, { unit, due_at: T0 + 2 * HOUR }));
    await insert(row(late, { unit, due_at: T0 - HOUR }));
    await insert(row(later, { unit, due_at: T0 + 100 * HOUR }));
    await insert(row(closed, { unit, due_at: T0, status: 'ready', completed_at: T0 }));
    await insert(row(paused, { unit, due_at: T0, status: 'paused', paused_at: T0 }));
    const dueBy = new Date(T0 + 3 * HOUR);
    expect((await store().findDue({ unit, dueBy })).map((r) => r.code)).toEqual([late, soon]);
    expect((await store().findDue({ unit, dueBy, limit: 1 })).map((r) => r.code)).toEqual([late]);
    expect((await store().findDue({ officialId: 'cb-01', dueBy })).map((r) => r.code)).toEqual(expect.arrayContaining([late, soon]));
    expect((await store().findDue({ unit, officialId: 'cb-02', dueBy })).map((r) => r.code)).toEqual([]);
  });

  it('pages through open dossiers due before a horizon by (due date, code)', async () => {
    const horizon = T0 - 1000 * HOUR;
    const due = horizon - 10 * HOUR;
    const codes = [nextCode(), nextCode(), nextCode()];
    for (const code of codes) await insert(row(code, { due_at: due }));
    // Due earlier but with a later code: the due time orders first, and `extended` is read.
    const earlier = nextCode();
    await insert(row(earlier, { due_at: due - HOUR, extended: 1 }));
    await insert(row(nextCode(), { due_at: due - HOUR, status: 'ready', completed_at: due }));
    await insert(row(nextCode(), { due_at: horizon }));
    const first = await store().openDuePage(horizon, undefined, 2);
    expect(first.map((r) => r.code)).toEqual([earlier, codes[0]]);
    expect(first[0]).toEqual({ code: earlier, procedure_code: '1.001193', unit: 'xa-an-binh', official_id: 'cb-01', due_at: due - HOUR, received_at: T0, extended: 1, status: 'received' });
    const last = first[1]!;
    const second = await store().openDuePage(horizon, { due: last.due_at, code: last.code }, 2);
    expect(second.map((r) => r.code)).toEqual(codes.slice(1));
  });
});
