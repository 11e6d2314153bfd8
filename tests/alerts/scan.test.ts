import { beforeAll, describe, expect, it } from 'vitest';
import { replyToPlainText, type Reply } from '../../src/conversation/message';
import { fixedClock } from '../../src/clock';
import { WorkingCalendar } from '../../src/dossiers/working-days';
import { silentLogger } from '../../src/log';
import { planScan, runScan, type ScanDeps } from '../../src/alerts/scan';
import { createAlertScheduler } from '../../src/alerts/scheduler';
import { describeStores } from '../helpers/stores';
import { DEFAULT_OFFICE_HOURS } from '../../src/office-hours';
import { addOfficial, calendar2026, clearAll, link, localFive, makeDossier, runsOn, scanPortsOn } from './factories';

const MONDAY = new Date('2026-11-23T08:00:00+07:00');
const codes = {
  late1: 'X-261116-0001',
  late5: 'X-261116-0002',
  apology: 'X-261116-0003',
  today: 'X-261116-0004',
  later: 'X-261116-0005',
  done: 'X-261116-0006',
  paused: 'X-261116-0007',
  minh: 'X-261116-0008',
  otherUnit: 'X-261116-0009',
};

function text(reply: Reply): string {
  return replyToPlainText(reply);
}

describeStores('overdue scan', (db) => {
  let deps: ScanDeps;

  beforeAll(async () => {
    const k = db().kysely;
    await clearAll(k);
    deps = { ...scanPortsOn(db()), calendar: new WorkingCalendar(calendar2026).toLenient(), nearDueDays: 1, escalateDays: 3, procedureName: (code) => (code === '1.001193' ? 'Đăng ký khai sinh' : undefined) };
    await addOfficial(k, 'cb-lan', 'officer');
    await addOfficial(k, 'cb-minh', 'officer');
    await addOfficial(k, 'cb-head', 'head', 'Phường Hạc Thành', 'Trưởng phòng Hà');
    await link(k, 'cb-lan', 'telegram', '1001');
    await link(k, 'cb-head', 'zalo', '2001');
    await k.insertInto('dossiers').values([
      makeDossier({ code: codes.late1, due_at: localFive('2026-11-20') }),
      makeDossier({ code: codes.late5, due_at: localFive('2026-11-16') }),
      makeDossier({ code: codes.apology, due_at: localFive('2026-11-25') }),
      makeDossier({ code: codes.today, due_at: localFive('2026-11-23') }),
      makeDossier({ code: codes.later, due_at: localFive('2026-11-26') }),
      makeDossier({ code: codes.done, due_at: localFive('2026-11-16'), status: 'returned', completed_at: localFive('2026-11-17') }),
      makeDossier({ code: codes.paused, due_at: localFive('2026-11-16'), status: 'paused', paused_at: localFive('2026-11-12') }),
      makeDossier({ code: codes.minh, official_id: 'cb-minh', due_at: localFive('2026-11-19') }),
      makeDossier({ code: codes.otherUnit, official_id: null, unit: 'Xã Đông Sơn', due_at: localFive('2026-11-19') }),
    ]).execute();
  });

  it('gives an officer one digest: overdue with working days late, then near due, counted first', async () => {
    const plan = await planScan(deps, MONDAY);
    const digest = plan.messages.find((m) => m.officialId === 'cb-lan' && m.kind === 'digest');
    expect(digest).toMatchObject({ channel: 'telegram', chatId: '1001', dedupeKey: 'digest:cb-lan:2026-11-23' });
    const body = text(digest!.reply);
    expect(body).toContain('Quá hạn: 2. Sắp đến hạn: 2.');
    // 16/11 → 23/11 is five working days; Friday 20/11 → Monday 23/11 is one.
    expect(body).toContain(`${codes.late5}: trễ 5 ngày làm việc (hạn 16/11/2026)`);
    expect(body).toContain(`${codes.late1}: trễ 1 ngày làm việc (hạn 20/11/2026)`);
    expect(body.indexOf(codes.late5)).toBeLessThan(body.indexOf(codes.late1));
    expect(body).toContain(`${codes.today}: hạn hôm nay`);
    // Tuesday 24/11/2026 is a day off, so Wednesday is the next working day.
    expect(body).toContain(`${codes.apology}: hạn 25/11/2026, còn 1 ngày làm việc`);
    for (const absent of [codes.later, codes.done, codes.paused, codes.minh]) expect(body).not.toContain(absent);
  });

  it('drafts a Mẫu 04 apology for a dossier due on the next working day, without the applicant’s name or phone', async () => {
    const plan = await planScan(deps, MONDAY);
    const apologies = plan.messages.filter((m) => m.kind === 'apology');
    expect(apologies.map((m) => m.dedupeKey)).toEqual([`apology:cb-lan:${codes.apology}:2026-11-23`]);
    const body = text(apologies[0]!.reply);
    expect(body).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(body).toContain(`hồ sơ mã số ${codes.apology} (thủ tục Đăng ký khai sinh), tiếp nhận ngày 02/11/2026, hẹn trả kết quả ngày 25/11/2026`);
    for (const m of plan.messages) {
      expect(text(m.reply)).not.toContain('0912345678');
      expect(text(m.reply)).not.toContain('Nguyễn Văn Bình');
    }
  });

  it('still drafts the Mẫu 04 for tomorrow\'s dossiers when ALERT_NEAR_DUE_DAYS is 0 (due today only)', async () => {
    const plan = await planScan({ ...deps, nearDueDays: 0 }, MONDAY);
    // The apology must reach the citizen a day before the deadline: on its due day it is too late.
    expect(plan.messages.filter((m) => m.kind === 'apology').map((m) => m.dedupeKey)).toEqual([`apology:cb-lan:${codes.apology}:2026-11-23`]);
    const digest = text(plan.messages.find((m) => m.officialId === 'cb-lan' && m.kind === 'digest')!.reply);
    // Near due means due today only: Wednesday's dossier is not listed, only its draft announced.
    expect(digest).toContain('Quá hạn: 2. Sắp đến hạn: 1.');
    expect(digest).not.toContain(`${codes.apology}:`);
    expect(digest).toContain('Mẫu 04 (phiếu xin lỗi, hẹn lại ngày trả) soạn sẵn cho 1 hồ sơ');
    expect(plan.nearDue).toBe(1);
  });

  it('gives the unit head the unit’s overdue list and escalates dossiers late more than 3 working days', async () => {
    const plan = await planScan(deps, MONDAY);
    const digest = plan.messages.find((m) => m.officialId === 'cb-head');
    expect(digest).toMatchObject({ channel: 'zalo', chatId: '2001', kind: 'digest' });
    const body = text(digest!.reply);
    expect(body).toContain('Quá hạn: 3. Trễ trên 3 ngày làm việc: 1.');
    expect(body).toMatch(new RegExp(`Cần chỉ đạo[^]*${codes.late5}: trễ 5 ngày làm việc[^]*Cán bộ cb-lan[^]*Quá hạn khác`));
    expect(body).toContain(`${codes.minh}: trễ 2 ngày làm việc`);
    expect(body).not.toContain(codes.otherUnit);
  });

  it('reports officials with no linked chat and units with no head instead of dropping them', async () => {
    const plan = await planScan(deps, MONDAY);
    expect(plan.unlinked).toEqual([{ officialId: 'cb-minh', role: 'officer', unit: 'Phường Hạc Thành', items: 1 }]);
    expect(plan.unitsWithoutHead).toEqual(['Xã Đông Sơn']);
  });

  it('queues once per official per day: a second run the same day sends nothing new', async () => {
    const first = await runScan(deps, MONDAY);
    expect(first.queued).toBe(3);
    const again = await runScan(deps, new Date('2026-11-23T15:30:00+07:00'));
    expect(again.queued).toBe(0);
    expect(again.alreadyQueued).toBe(3);
    const rows = await db().kysely.selectFrom('outbox').select(['dedupe_key', 'state']).execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.state === 'pending')).toBe(true);
  });

  it('a dry run queues nothing', async () => {
    const wednesday = new Date('2026-11-25T08:00:00+07:00');
    const dry = await runScan(deps, wednesday, { dryRun: true });
    expect(dry.messages.length).toBeGreaterThan(0);
    const count = await db().kysely.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });

  it('the scheduler skips days off and runs once per working day', async () => {
    const clock = fixedClock('2026-11-24T08:00:00+07:00');
    const scheduler = createAlertScheduler({ scan: deps, runs: runsOn(db()), cron: '0 8 * * 1-5', clock, logger: silentLogger(), owner: 'test' });
    expect(await scheduler.tick()).toEqual({ ran: false, reason: 'day_off' });
    clock.set('2026-11-25T08:00:00+07:00');
    const tick = await scheduler.tick();
    expect(tick.ran).toBe(true);
    if (tick.ran) {
      // Wednesday: 16/11 is now six working days late (24/11 is a holiday).
      const head = tick.result.messages.find((m) => m.officialId === 'cb-head')!;
      expect(text(head.reply)).toContain(`${codes.late5}: trễ 6 ngày làm việc`);
      expect(tick.result.queued).toBe(tick.result.messages.length);
    }
    expect(await scheduler.tick()).toEqual({ ran: false, reason: 'done' });
    const runs = await db().kysely.selectFrom('alert_runs').selectAll().execute();
    expect(runs.map((r) => [r.day, r.owner, r.finished_at !== null])).toEqual([['2026-11-25', 'test', true]]);
  });

  it('on start after the cron time, catches up on today’s scan; before it, waits', async () => {
    const clock = fixedClock('2026-11-26T07:00:00+07:00');
    const early = createAlertScheduler({ scan: deps, runs: runsOn(db()), cron: '0 8 * * 1-5', clock, logger: silentLogger(), owner: 'early' });
    expect(await early.start()).toBeUndefined();
    await early.stop();
    clock.set('2026-11-26T09:10:00+07:00');
    const late = createAlertScheduler({ scan: deps, runs: runsOn(db()), cron: '0 8 * * 1-5', clock, logger: silentLogger(), owner: 'late' });
    const outcome = await late.start();
    await late.stop();
    expect(outcome?.ran).toBe(true);
    const off = createAlertScheduler({ scan: deps, runs: runsOn(db()), cron: '0 8 * * 1-5', clock, logger: silentLogger(), owner: 'off', catchUp: false });
    expect(await off.start()).toBeUndefined();
    await off.stop();
  });
});

describeStores('overdue scan, dossiers due during the office day (a time in hours)', (db) => {
  let deps: ScanDeps;
  const hourDue = 'X-261123-0001';
  const tomorrowHour = 'X-261123-0002';
  const dayDue = 'X-261123-0003';

  beforeAll(async () => {
    const k = db().kysely;
    await clearAll(k);
    deps = { ...scanPortsOn(db()), calendar: new WorkingCalendar(calendar2026).toLenient(), nearDueDays: 1, escalateDays: 3, officeHours: DEFAULT_OFFICE_HOURS };
    await addOfficial(k, 'cb-lan', 'officer');
    await link(k, 'cb-lan', 'telegram', '1001');
    await k.insertInto('dossiers').values([
      makeDossier({ code: hourDue, due_at: Date.parse('2026-11-23T10:00:00+07:00') }),
      makeDossier({ code: tomorrowHour, due_at: Date.parse('2026-11-25T09:30:00+07:00') }),
      makeDossier({ code: dayDue, due_at: localFive('2026-11-23') }),
    ]).execute();
  });

  const digestAt = async (at: string) => text((await planScan(deps, new Date(at))).messages.find((m) => m.kind === 'digest')!.reply);

  it('lists the hour of a dossier due today at 10:00, and the date alone for one due at 17:00', async () => {
    const body = await digestAt('2026-11-23T08:00:00+07:00');
    expect(body).toContain(`${hourDue}: hạn 10:00 hôm nay`);
    expect(body).toContain(`${dayDue}: hạn hôm nay`);
    expect(body).toContain(`${tomorrowHour}: hạn 09:30 ngày 25/11/2026, còn 1 ngày làm việc`);
  });

  it('counts it overdue from 10:01 the same day, 0 working days late', async () => {
    const body = await digestAt('2026-11-23T10:01:00+07:00');
    expect(body).toContain('Quá hạn: 1. Sắp đến hạn: 2.');
    expect(body).toContain(`${hourDue}: quá hạn từ hôm nay (hạn 10:00 ngày 23/11/2026)`);
  });

  it('puts the hour in the Mẫu 04 draft', async () => {
    const plan = await planScan(deps, new Date('2026-11-23T08:00:00+07:00'));
    const apology = plan.messages.find((m) => m.kind === 'apology' && m.dedupeKey.includes(tomorrowHour));
    expect(text(apology!.reply)).toContain('hẹn trả kết quả lúc 09:30 ngày 25/11/2026');
  });
});

describe('scan text', () => {
  it('keeps a digest with many dossiers short: ten listed, the rest counted', async () => {
    const { officerDigest } = await import('../../src/alerts/digest');
    const items = Array.from({ length: 25 }, (_, i) => ({ code: `C-${i}`, procedureCode: '1.001193', officialId: 'x', dueDay: '2026-11-16', lateDays: i + 1, overdue: true, daysLeft: 0, extended: false }));
    const body = replyToPlainText(officerDigest('2026-11-23', items, [], 0));
    expect(body.match(/• /g)).toHaveLength(10);
    expect(body).toContain('Còn 15 hồ sơ khác.');
    expect(body).toContain('C-24: trễ 25 ngày');
    expect(body.length).toBeLessThan(1200);
  });

  it('says "quá hạn từ hôm nay" for a dossier due earlier today', async () => {
    const { officerDigest } = await import('../../src/alerts/digest');
    const item = { code: 'C-1', procedureCode: '1.001193', officialId: 'x', dueDay: '2026-11-23', lateDays: 0, overdue: true, daysLeft: 0, extended: false };
    expect(replyToPlainText(officerDigest('2026-11-23', [item], [], 0))).toContain('C-1: quá hạn từ hôm nay (hạn 23/11/2026)');
  });

  it('keeps the longest head digest under Zalo’s 2,000 characters', async () => {
    const { headDigest } = await import('../../src/alerts/digest');
    const items = Array.from({ length: 40 }, (_, i) => ({ code: `000.00.20.H56-251124-${String(i).padStart(4, '0')}`, procedureCode: '1.001193', officialId: `cb-${i}`, dueDay: '2026-10-16', lateDays: 20 + i, overdue: true, daysLeft: 0, extended: true }));
    const body = replyToPlainText(headDigest('2026-11-23', 'Trung tâm Phục vụ hành chính công phường Hạc Thành', items, 3, () => 'Nguyễn Thị Thanh Hương Lan'));
    expect(body).toContain('Còn 30 hồ sơ khác.');
    expect(body.length).toBeLessThan(2000);
  });
});
