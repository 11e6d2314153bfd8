import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { CalendarData } from '../../src/catalogue/schema';
import { fixedClock } from '../../src/clock';
import { DossierConflictError, DossierNotFoundError } from '../../src/dossiers/errors';
import { agencyForKey, cachedKeyResolver, createApiKey, revokeApiKey } from '../../src/dossiers/keys';
import { WindowLimiter } from '../../src/dossiers/rate-limit';
import { DossierService } from '../../src/dossiers/service';
import { KyselyApiKeyStore } from '../../src/store/api-keys';
import { KyselyRateLimitStore } from '../../src/store/rate-limits';
import { localDay } from '../../src/dossiers/working-days';
import { describeStores } from '../helpers/stores';
import { findProcedure, makeDossier, nextCode, realCalendar, dossierHistory } from './factory';
import { createStores } from '../../src/store/stores';

let calendar: CalendarData;
beforeAll(async () => {
  calendar = await realCalendar();
});

describeStores('dossier service', (db) => {
  const clock = fixedClock('2026-11-20T10:05:00+07:00');
  const service = () => new DossierService({ stores: createStores(db()), procedure: findProcedure, calendar: () => calendar, clock });
  const outboxFor = (code: string) => db().kysely.selectFrom('outbox').selectAll().where('dedupe_key', 'like', `dossier:${code}:%`).execute();

  it('computes the due date from the procedure and the calendar: Fri 20/11 + 3 is Thu 26/11', async () => {
    const code = nextCode();
    const { outcome, dossier } = await service().upsert('000.00.20.H56', code, makeDossier());
    expect(outcome).toBe('created');
    expect(localDay(new Date(dossier.due_at))).toBe('2026-11-26');
    expect(dossier.status).toBe('received');
  });

  it('allows only one of two extensions sent at the same moment (Mẫu 04 resets the date once)', async () => {
    const code = nextCode();
    await service().upsert('a', code, makeDossier());
    const results = await Promise.allSettled([
      service().recordEvent('a', code, { type: 'extended', at: new Date('2026-11-25T09:00:00+07:00'), newDueAt: new Date('2026-12-02T17:00:00+07:00') }),
      service().recordEvent('b', code, { type: 'extended', at: new Date('2026-11-25T09:00:01+07:00'), newDueAt: new Date('2026-12-09T17:00:00+07:00') }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof DossierConflictError)).toHaveLength(1);
    expect((await dossierHistory(db().kysely, code)).filter((e) => e.type === 'extended')).toHaveLength(1);
  });

  it('changes nothing when the same upsert is repeated', async () => {
    const code = nextCode();
    await service().upsert('a', code, makeDossier());
    const again = await service().upsert('a', code, makeDossier());
    expect(again.outcome).toBe('unchanged');
    expect(await dossierHistory(db().kysely, code)).toHaveLength(1);
  });

  it('recounts the due date when the receipt time is corrected past 15:00', async () => {
    const code = nextCode();
    await service().upsert('a', code, makeDossier());
    const { dossier } = await service().upsert('a', code, makeDossier({ receivedAt: new Date('2026-11-20T16:00:00+07:00') }));
    expect(localDay(new Date(dossier.due_at))).toBe('2026-11-27');
  });

  it('keeps a due date the one-stop system sends', async () => {
    const { dossier } = await service().upsert('a', nextCode(), makeDossier({ dueAt: new Date('2026-12-01T17:00:00+07:00') }));
    expect(new Date(dossier.due_at).toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('rejects malformed codes, impossible dates in codes and unknown procedures, naming the field', async () => {
    for (const bad of ['000.00.20.H56-251124-7', 'H56-251124-0007', '000.00.20.H56-251324-0007', '000.00.20.H56-250230-0001', '']) {
      await expect(service().upsert('a', bad, makeDossier())).rejects.toMatchObject({ name: 'DossierInputError', field: 'code' });
    }
    await expect(service().upsert('a', nextCode(), makeDossier({ procedureCode: '9.999999' }))).rejects.toMatchObject({ field: 'procedureCode' });
  });

  it('keeps a dossier due in 2027 (no days off in the calendar yet) and warns that its due date is provisional', async () => {
    const result = await service().upsert('a', nextCode(), makeDossier({ receivedAt: new Date('2026-12-28T09:00:00+07:00'), procedureCode: '1.004222' }));
    expect(result.outcome).toBe('created');
    expect(result.warnings?.join(' ')).toMatch(/2027/);
  });

  it('refuses a channel without a processing time in days unless dueAt is sent', async () => {
    await expect(service().upsert('a', nextCode(), makeDossier({ procedureCode: '1.004222', channel: 'postal' }))).rejects.toMatchObject({ field: 'dueAt' });
  });

  it('queues one Vietnamese message per subscriber on a status change, and none on a repeat', async () => {
    const code = nextCode();
    await service().upsert('a', code, makeDossier());
    expect(await service().subscribe(code, '5678', 'telegram', '42')).toBeDefined();
    expect(await service().subscribe(code, '5678', 'zalo', 'z-1')).toBeDefined();
    const event = { type: 'status' as const, at: new Date('2026-11-23T09:00:00+07:00'), status: 'processing' as const };
    expect((await service().recordEvent('a', code, event)).outcome).toBe('updated');
    expect((await service().recordEvent('a', code, event)).outcome).toBe('unchanged');
    const messages = await outboxFor(code);
    expect(messages).toHaveLength(2);
    const text = JSON.parse(messages[0]!.body).blocks[0].text as string;
    expect(text).toContain(code);
    expect(text).toContain('Đang xử lý');
    expect(text).toContain('26/11/2026');
    expect(text).not.toContain('0912345678');
    expect((await dossierHistory(db().kysely, code)).map((e) => e.type)).toEqual(['received', 'status']);
  });

  it('does not subscribe with wrong phone digits, and stops messages after /huy', async () => {
    const code = nextCode();
    await service().upsert('a', code, makeDossier());
    expect(await service().subscribe(code, '0000', 'telegram', '7')).toBeUndefined();
    await service().subscribe(code, '5678', 'telegram', '8');
    expect(await service().unsubscribe(code, 'telegram', '8')).toBe(true);
    await service().recordEvent('a', code, { type: 'status', at: new Date('2026-11-23T09:00:00+07:00'), status: 'ready' });
    expect(await outboxFor(code)).toHaveLength(0);
  });

  it('stops status messages to a chat subscribed with the old phone once the applicant\'s phone changes', async () => {
    const code = nextCode();
    // Typed wrong at the desk: the digits of someone else's phone.
    await service().upsert('a', code, makeDossier({ applicantPhone: '0903331234' }));
    await service().subscribe(code, '1234', 'telegram', 'stranger');
    // Corrected to the applicant's own phone; the applicant follows the dossier too.
    await service().upsert('a', code, makeDossier());
    await service().subscribe(code, '5678', 'telegram', 'owner');
    await service().recordEvent('a', code, { type: 'status', at: new Date('2026-11-23T09:00:00+07:00'), status: 'ready' });
    expect((await outboxFor(code)).map((m) => m.chat_id)).toEqual(['owner']);
    // A change that keeps the last four digits (the same phone written another way) keeps them.
    await service().upsert('a', code, makeDossier({ applicantPhone: '+84 912 345 678', status: 'ready' }));
    await service().recordEvent('a', code, { type: 'status', at: new Date('2026-11-24T09:00:00+07:00'), status: 'returned' });
    expect((await outboxFor(code)).map((m) => m.chat_id)).toEqual(['owner', 'owner']);
  });

  it('stops the clock on a supplement request and restarts it from zero when answered', async () => {
    const code = nextCode();
    await service().upsert('a', code, makeDossier());
    await service().recordEvent('a', code, { type: 'supplement_requested', at: new Date('2026-11-23T09:00:00+07:00'), note: 'Thiếu giấy chứng sinh' });
    const looked = await service().lookup(code, '5678');
    expect(looked?.status).toBe('supplement_requested');
    const { dossier } = await service().recordEvent('a', code, { type: 'supplement_received', at: new Date('2026-11-30T10:00:00+07:00') });
    // Mon 30/11 + 3 = Thu 3/12.
    expect(localDay(new Date(dossier.due_at))).toBe('2026-12-03');
    expect(dossier.status).toBe('processing');
  });

  it('allows one extension (Mẫu 04) and refuses a second', async () => {
    const code = nextCode();
    await service().upsert('a', code, makeDossier());
    const { dossier } = await service().recordEvent('a', code, { type: 'extended', at: new Date('2026-11-25T09:00:00+07:00'), newDueAt: new Date('2026-12-02T17:00:00+07:00') });
    expect(localDay(new Date(dossier.original_due_at!))).toBe('2026-11-26');
    await expect(service().recordEvent('a', code, { type: 'extended', at: new Date('2026-11-26T09:00:00+07:00'), newDueAt: new Date('2026-12-09T17:00:00+07:00') })).rejects.toBeInstanceOf(DossierConflictError);
    await expect(service().recordEvent('a', code, { type: 'extended', at: new Date('2026-11-25T09:00:00+07:00') })).rejects.toMatchObject({ field: 'newDueAt' });
  });

  it('pushes the due date back by the working days a pause lasted', async () => {
    const code = nextCode();
    await service().upsert('a', code, makeDossier());
    await service().recordEvent('a', code, { type: 'paused', at: new Date('2026-11-20T11:00:00+07:00') });
    await expect(service().recordEvent('a', code, { type: 'paused', at: new Date('2026-11-20T12:00:00+07:00') })).rejects.toBeInstanceOf(DossierConflictError);
    const { dossier } = await service().recordEvent('a', code, { type: 'resumed', at: new Date('2026-11-25T10:00:00+07:00') });
    expect(localDay(new Date(dossier.due_at))).toBe('2026-11-30');
    expect(dossier.status).toBe('processing');
  });

  it('stops and restarts the clock for a supplement request or a pause sent as a status (PUT, CSV), as the events do', async () => {
    const at = fixedClock('2026-11-20T10:05:00+07:00');
    const s = new DossierService({ stores: createStores(db()), procedure: findProcedure, calendar: () => calendar, clock: at });
    // Received Fri 20/11 10:00, due Thu 26/11; papers asked for on Mon 23/11.
    const asked = nextCode();
    await s.upsert('a', asked, makeDossier());
    at.set('2026-11-23T09:00:00+07:00');
    await s.upsert('a', asked, makeDossier({ status: 'supplement_requested' }));
    // Mon 30/11, still waiting for the citizen's papers: not late, the clock stopped on 23/11.
    at.set('2026-11-30T09:00:00+07:00');
    expect(await s.lookup(asked, '5678')).toMatchObject({ status: 'supplement_requested', overdue: false, workingDaysLate: 0 });
    // The papers arrive: counted from zero, Mon 30/11 + 3 is Thu 3/12.
    const complete = await s.upsert('a', asked, makeDossier({ status: 'processing' }));
    expect(localDay(new Date(complete.dossier.due_at))).toBe('2026-12-03');
    expect(await s.lookup(asked, '5678')).toMatchObject({ overdue: false, dueAt: '2026-12-03T17:00:00+07:00' });

    // Paused Fri 20/11 11:00, resumed Wed 25/11 10:00: Mon 23 and Wed 25 lost, due Mon 30/11.
    const paused = nextCode();
    at.set('2026-11-20T10:05:00+07:00');
    await s.upsert('a', paused, makeDossier());
    at.set('2026-11-20T11:00:00+07:00');
    await s.upsert('a', paused, makeDossier({ status: 'paused' }));
    at.set('2026-11-25T10:00:00+07:00');
    const resumed = await s.upsert('a', paused, makeDossier({ status: 'processing' }));
    expect(localDay(new Date(resumed.dossier.due_at))).toBe('2026-11-30');
  });

  it('writes a dossier and its history together or not at all', async () => {
    const code = nextCode();
    // A failure after the dossier row is written, as a crash between the two inserts would be.
    if (db().dialect === 'sqlite') {
      await sql.raw(`CREATE TRIGGER fail_history BEFORE INSERT ON dossier_events WHEN NEW.actor = 'crash' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`).execute(db().kysely);
    } else {
      await sql.raw(`CREATE FUNCTION fail_history() RETURNS trigger AS $$ BEGIN IF NEW.actor = 'crash' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`).execute(db().kysely);
      await sql.raw(`CREATE TRIGGER fail_history BEFORE INSERT ON dossier_events FOR EACH ROW EXECUTE FUNCTION fail_history()`).execute(db().kysely);
    }
    await expect(service().upsert('crash', code, makeDossier())).rejects.toThrow(/simulated crash/);
    expect(await db().kysely.selectFrom('dossiers').select('code').where('code', '=', code).execute()).toEqual([]);
    await service().upsert('ok', code, makeDossier());
    await expect(service().recordEvent('crash', code, { type: 'status', at: new Date('2026-11-23T09:00:00+07:00'), status: 'ready' })).rejects.toThrow(/simulated crash/);
    expect((await service().lookup(code, '5678'))?.status).toBe('received');
    // Upserts sent at the same moment may share one transaction (SQLite): each still stands or falls alone.
    const together = service();
    const codes = [nextCode(), nextCode(), nextCode()];
    const results = await Promise.allSettled(codes.map((c, i) => together.upsert(i === 1 ? 'crash' : 'ok', c, makeDossier())));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const stored = await db().kysely.selectFrom('dossiers').select('code').where('code', 'in', codes).orderBy('code').execute();
    expect(stored.map((r) => r.code)).toEqual([codes[0], codes[2]]);
    const history = await db().kysely.selectFrom('dossier_events').select('dossier_code').where('dossier_code', 'in', codes).orderBy('dossier_code').execute();
    expect(history.map((r) => r.dossier_code)).toEqual([codes[0], codes[2]]);
    await sql.raw(`DROP TRIGGER fail_history${db().dialect === 'postgres' ? ' ON dossier_events' : ''}`).execute(db().kysely);
  });

  it('answers events for unknown dossiers with a not-found error', async () => {
    await expect(service().recordEvent('a', nextCode(), { type: 'status', at: new Date(), status: 'ready' })).rejects.toBeInstanceOf(DossierNotFoundError);
  });

  it('shows the citizen a masked view, and the same nothing for a wrong code or wrong phone', async () => {
    const code = nextCode();
    await service().upsert('a', code, makeDossier());
    const view = await service().lookup(code.toLowerCase(), '5678');
    expect(view).toMatchObject({ code, procedure: { code: '1.001193', name: 'Đăng ký khai sinh' }, statusLabel: 'Đã tiếp nhận', applicant: 'Nguyễn V. A.', receivedAt: '2026-11-20T10:00:00+07:00', dueAt: '2026-11-26T17:00:00+07:00', overdue: false, workingDaysLate: 0 });
    expect(JSON.stringify(view)).not.toMatch(/0912345678|Văn An/);
    expect(await service().lookup(code, '5679')).toBeUndefined();
    expect(await service().lookup(nextCode(), '5678')).toBeUndefined();
    expect(await service().lookup('not-a-code', '5678')).toBeUndefined();
  });

  it('reports an overdue dossier with its working days late (24/11 not counted)', async () => {
    const code = nextCode();
    await service().upsert('a', code, makeDossier({ dueAt: new Date('2026-11-20T17:00:00+07:00') }));
    const late = new DossierService({ stores: createStores(db()), procedure: findProcedure, calendar: () => calendar, clock: fixedClock('2026-11-25T09:00:00+07:00') });
    expect(await late.lookup(code, '5678')).toMatchObject({ overdue: true, workingDaysLate: 2 });
  });

  it('lists one unit\'s open near-due and overdue dossiers, earliest first, leaving out closed and paused ones', async () => {
    const unit = `unit-${nextCode()}`;
    const s = service();
    const overdue = nextCode();
    const nearDue = nextCode();
    const later = nextCode();
    const closed = nextCode();
    const paused = nextCode();
    await s.upsert('a', nearDue, makeDossier({ unit, dueAt: new Date('2026-11-23T17:00:00+07:00') }));
    await s.upsert('a', overdue, makeDossier({ unit, dueAt: new Date('2026-11-19T17:00:00+07:00'), receivedAt: new Date('2026-11-16T10:00:00+07:00') }));
    await s.upsert('a', later, makeDossier({ unit, dueAt: new Date('2026-12-10T17:00:00+07:00') }));
    await s.upsert('a', closed, makeDossier({ unit, status: 'returned', dueAt: new Date('2026-11-20T17:00:00+07:00') }));
    await s.upsert('a', paused, makeDossier({ unit, dueAt: new Date('2026-11-20T17:00:00+07:00') }));
    await s.recordEvent('a', paused, { type: 'paused', at: new Date('2026-11-20T11:00:00+07:00') });
    await s.upsert('a', nextCode(), makeDossier({ unit: `${unit}-other`, dueAt: new Date('2026-11-19T17:00:00+07:00'), receivedAt: new Date('2026-11-16T10:00:00+07:00') }));
    const limit = s.nearDueLimit(1);
    expect(localDay(limit)).toBe('2026-11-23');
    const rows = await s.findDue({ unit, dueBy: limit });
    expect(rows.map((r) => r.code)).toEqual([overdue, nearDue]);
    expect(s.lateness(rows[0]!)).toMatchObject({ overdue: true, workingDaysLate: 1 });
    expect((await s.findDue({ officialId: 'cb-01', dueBy: limit })).map((r) => r.code)).toEqual(expect.arrayContaining([overdue, nearDue]));
  });

  it('stores API keys only as hashes and recognises them until revoked', async () => {
    const keys = new KyselyApiKeyStore(db().kysely);
    const created = await createApiKey(keys, '000.00.20.h56', clock.now());
    expect(created.agencyCode).toBe('000.00.20.H56');
    expect(await agencyForKey(keys, created.key)).toBe('000.00.20.H56');
    expect(await agencyForKey(keys, `${created.key}x`)).toBeUndefined();
    const stored = await db().kysely.selectFrom('api_keys').select('key_hash').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(created.key);
    expect(await revokeApiKey(keys, created.id, clock.now())).toBe(true);
    expect(await agencyForKey(keys, created.key)).toBeUndefined();
    await expect(createApiKey(keys, 'H56', clock.now())).rejects.toMatchObject({ field: 'agency' });
  });

  it('remembers a valid key briefly, so a revoked key stops working within the TTL', async () => {
    const keys = new KyselyApiKeyStore(db().kysely);
    let now = 0;
    const resolve = cachedKeyResolver(keys, 10_000, () => now);
    const created = await createApiKey(keys, '000.00.22.H56', clock.now());
    expect(await resolve(created.key)).toBe('000.00.22.H56');
    expect(await resolve('mck_wrong')).toBeUndefined();
    await revokeApiKey(keys, created.id, clock.now());
    now = 5_000;
    expect(await resolve(created.key)).toBe('000.00.22.H56');
    now = 10_001;
    expect(await resolve(created.key)).toBeUndefined();
  });

  it('limits failed lookups per key across limiter instances (as across processes)', async () => {
    const options = { limit: 3, windowMs: 60_000 };
    const a = new WindowLimiter(new KyselyRateLimitStore(db().kysely), options);
    const b = new WindowLimiter(new KyselyRateLimitStore(db().kysely), options);
    const now = new Date('2026-11-20T10:00:00Z');
    expect((await a.take('ip:10.0.0.1', now)).allowed).toBe(true);
    expect((await b.take('ip:10.0.0.1', now)).allowed).toBe(true);
    expect(await a.blocked('ip:10.0.0.1', now)).toBe(false);
    expect((await a.take('ip:10.0.0.1', now)).allowed).toBe(true);
    expect(await b.blocked('ip:10.0.0.1', now)).toBe(true);
    expect(await b.take('ip:10.0.0.1', new Date(now.getTime() + 15_000))).toEqual({ allowed: false, retryAfterMs: 45_000 });
    expect(await b.blocked('ip:10.0.0.2', now)).toBe(false);
    expect(await b.blocked('ip:10.0.0.1', new Date(now.getTime() + 60_000))).toBe(false);
  });
});
