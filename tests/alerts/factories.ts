// Test factories: dossiers, officials and chat links with sensible defaults.
import type { Kysely } from 'kysely';
import { scanPorts } from '../../src/alerts/service';
import type { CalendarData } from '../../src/catalogue/schema';
import type { NewDossierRow } from '../../src/dossiers/tables';
import { DbAlertRunStore, type AlertRunStore } from '../../src/store/alert-runs';
import type { Database } from '../../src/store/database';
import type { Db } from '../../src/store/db';
import { createStores } from '../../src/store/stores';

/** 2026 as decreed (DOMAIN.md), enough for scans in November 2026. */
export const calendar2026: CalendarData = {
  timezone: 'Asia/Ho_Chi_Minh',
  cutoff: '15:00',
  years: {
    '2026': {
      daysOff: [
        { from: '2026-01-01', to: '2026-01-04', name: 'Tết Dương lịch' },
        { from: '2026-02-14', to: '2026-02-22', name: 'Tết Nguyên đán' },
        { from: '2026-04-26', to: '2026-04-27', name: 'Giỗ Tổ Hùng Vương' },
        { from: '2026-04-30', to: '2026-05-03', name: '30/4 và 1/5' },
        { from: '2026-08-29', to: '2026-09-02', name: 'Quốc khánh' },
        { date: '2026-11-24', name: 'Ngày Văn hóa Việt Nam' },
      ],
      workingDays: [{ date: '2026-01-10', name: 'Làm bù' }],
    },
  },
};

/** 17:00 local time on a day: when the desk closes and a dossier falls due. */
export function localFive(day: string): number {
  return Date.parse(`${day}T17:00:00+07:00`);
}

let sequence = 0;

export function makeDossier(overrides: Partial<NewDossierRow> = {}): NewDossierRow {
  sequence++;
  const received = Date.parse('2026-11-02T09:00:00+07:00');
  return {
    code: `000.00.20.H56-261102-${String(sequence).padStart(4, '0')}`,
    agency_code: '000.00.20.H56',
    procedure_code: '1.001193',
    unit: 'Phường Hạc Thành',
    official_id: 'cb-lan',
    applicant_name: 'Nguyễn Văn Bình',
    applicant_phone: '0912345678',
    channel: 'direct',
    status: 'processing',
    received_at: received,
    clock_started_at: received,
    due_at: localFive('2026-11-30'),
    original_due_at: null,
    extended: 0,
    paused_at: null,
    completed_at: null,
    updated_at: received,
    ...overrides,
  };
}

export async function addOfficial(db: Kysely<Database>, id: string, role: 'officer' | 'head', unit = 'Phường Hạc Thành', name = `Cán bộ ${id}`): Promise<void> {
  await db.insertInto('officials').values({ id, name, unit, role, created_at: 0, active: 1 }).execute();
}

export async function link(db: Kysely<Database>, officialId: string, channel: 'telegram' | 'zalo', chatId: string): Promise<void> {
  await db.insertInto('chat_links').values({ official_id: officialId, channel, chat_id: chatId, linked_at: 0 }).execute();
}

/** The scan's officials, open dossiers and outbox on one database. */
export function scanPortsOn(db: Db): ReturnType<typeof scanPorts> {
  const stores = createStores(db);
  return scanPorts(stores, stores.dossiers);
}

export function runsOn(db: Db): AlertRunStore {
  return new DbAlertRunStore(db.kysely);
}

export async function clearAll(db: Kysely<Database>): Promise<void> {
  for (const table of ['dossiers', 'officials', 'chat_links', 'outbox', 'alert_runs', 'link_codes', 'chat_activity', 'rate_limits'] as const) {
    await db.deleteFrom(table).execute();
  }
}
