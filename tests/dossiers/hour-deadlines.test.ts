// Dossiers whose procedure gives its time in hours (or half a working day), through the service
// on SQLite and PostgreSQL: the stored due instant, lateness a minute after it, pauses, a
// restarted clock, and what the citizen reads in the chat and in a status message.
import { beforeAll, expect, it } from 'vitest';
import type { CalendarData } from '../../src/catalogue/schema';
import { fixedClock } from '../../src/clock';
import { replyToPlainText } from '../../src/conversation/message';
import { DossierChatHandler } from '../../src/dossiers/chat';
import { DossierService } from '../../src/dossiers/service';
import { parseOfficeHours } from '../../src/office-hours';
import { createStores } from '../../src/store/stores';
import { describeStores } from '../helpers/stores';
import { findProcedure, HOURS_PROCEDURE, makeDossier, nextCode, realCalendar } from './factory';

let calendar: CalendarData;
beforeAll(async () => {
  calendar = await realCalendar();
});

const at = (local: string) => new Date(`${local}+07:00`);

describeStores('dossiers with a time in hours', (db) => {
  const clock = fixedClock('2026-03-02T09:00:00+07:00');
  const service = (officeHours?: ReturnType<typeof parseOfficeHours>) =>
    new DossierService({ stores: createStores(db()), procedure: findProcedure, calendar: () => calendar, clock, ...(officeHours ? { officeHours } : {}) });
  const certification = (receivedAt: string, overrides = {}) => makeDossier({ procedureCode: HOURS_PROCEDURE, receivedAt: at(receivedAt), ...overrides });
  const chat = async (s: DossierService, code: string) => {
    const answer = await new DossierChatHandler(s, clock).tryHandle({ channel: 'telegram', chatId: `h-${code}`, text: `/hoso ${code} 5678`, receivedAt: clock.now() });
    return answer ? replyToPlainText(answer) : '';
  };

  it('stores a 1-hour certification received Monday 09:00 as due Monday 10:00, and 11:00 as 14:00', async () => {
    clock.set('2026-03-02T12:00:00+07:00');
    const morning = await service().upsert('a', nextCode(), certification('2026-03-02T09:00:00'));
    expect(new Date(morning.dossier.due_at)).toEqual(at('2026-03-02T10:00:00'));
    const late = await service().upsert('a', nextCode(), certification('2026-03-02T11:00:00'));
    expect(new Date(late.dossier.due_at)).toEqual(at('2026-03-02T14:00:00'));
  });

  it('counts half a working day online: received Monday 09:00, due Tuesday 11:15', async () => {
    const { dossier } = await service().upsert('a', nextCode(), certification('2026-03-02T09:00:00', { channel: 'online' }));
    expect(new Date(dossier.due_at)).toEqual(at('2026-03-03T11:15:00'));
  });

  it('tells the citizen the hour, and that it is overdue a minute after it', async () => {
    const code = nextCode();
    await service().upsert('a', code, certification('2026-03-02T09:00:00'));
    clock.set('2026-03-02T10:00:00+07:00');
    let text = await chat(service(), code);
    expect(text).toContain('Hẹn trả: 10:00 ngày 02/03/2026');
    expect(text).toContain('Đúng hạn.');
    clock.set('2026-03-02T10:01:00+07:00');
    text = await chat(service(), code);
    expect(text).toContain('Đã quá giờ hẹn trả hôm nay.');
    expect((await service().lookup(code, '5678'))?.overdue).toBe(true);
    clock.set('2026-03-03T08:00:00+07:00');
    expect(await service().lookup(code, '5678')).toMatchObject({ overdue: true, workingDaysLate: 1 });
  });

  it('does not say "hôm nay" on a weekend for a dossier that fell due on Friday', async () => {
    const code = nextCode();
    await service().upsert('a', code, certification('2026-03-06T09:00:00'));
    clock.set('2026-03-07T09:00:00+07:00');
    const text = await chat(service(), code);
    expect(text).toContain('Hẹn trả: 10:00 ngày 06/03/2026');
    expect(text).toContain('Đã quá giờ hẹn trả.');
    expect(text).not.toContain('hôm nay');
  });

  it('keeps the date-only wording for a procedure in working days', async () => {
    clock.set('2026-03-02T12:00:00+07:00');
    const code = nextCode();
    await service().upsert('a', code, makeDossier({ receivedAt: at('2026-03-02T09:00:00') }));
    const text = await chat(service(), code);
    expect(text).toContain('Hẹn trả: 05/03/2026');
    expect(text).not.toContain('17:00');
  });

  it('gives a paused dossier its remaining office time back, and restarts a supplement in hours', async () => {
    clock.set('2026-03-03T16:30:00+07:00');
    const code = nextCode();
    await service().upsert('a', code, certification('2026-03-02T09:00:00'));
    await service().recordEvent('a', code, { type: 'paused', at: at('2026-03-02T09:30:00') });
    const resumed = await service().recordEvent('a', code, { type: 'resumed', at: at('2026-03-03T14:00:00') });
    expect(new Date(resumed.dossier.due_at)).toEqual(at('2026-03-03T14:30:00'));

    const other = nextCode();
    await service().upsert('a', other, certification('2026-03-02T09:00:00'));
    await service().recordEvent('a', other, { type: 'supplement_requested', at: at('2026-03-02T09:20:00') });
    // Complete again at 16:10, past the 15:00 cutoff: the hour runs from Tuesday 07:30.
    const restarted = await service().recordEvent('a', other, { type: 'supplement_received', at: at('2026-03-02T16:10:00') });
    expect(new Date(restarted.dossier.due_at)).toEqual(at('2026-03-03T08:30:00'));
  });

  it('sends subscribers the hour in the status message', async () => {
    clock.set('2026-03-02T09:10:00+07:00');
    const code = nextCode();
    await service().upsert('a', code, certification('2026-03-02T09:00:00'));
    await service().subscribe(code, '5678', 'telegram', `sub-${code}`);
    await service().recordEvent('a', code, { type: 'status', at: at('2026-03-02T09:05:00'), status: 'processing' });
    const rows = await db().kysely.selectFrom('outbox').selectAll().where('dedupe_key', 'like', `dossier:${code}:%`).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.body).blocks[0].text).toContain('Hẹn trả: 10:00 ngày 02/03/2026');
  });

  it('counts in the office hours it is given: 08:00–12:00, 13:00–17:30', async () => {
    clock.set('2026-03-02T18:00:00+07:00');
    const custom = service(parseOfficeHours('08:00-12:00,13:00-17:30'));
    const hours = await custom.upsert('a', nextCode(), certification('2026-03-02T11:30:00'));
    expect(new Date(hours.dossier.due_at)).toEqual(at('2026-03-02T13:30:00'));
    const days = await custom.upsert('a', nextCode(), makeDossier({ receivedAt: at('2026-03-02T09:00:00') }));
    expect(new Date(days.dossier.due_at)).toEqual(at('2026-03-05T17:30:00'));
  });
});
