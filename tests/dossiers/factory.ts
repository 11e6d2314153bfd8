// Shared test data: three procedures with known processing times (one in hours), the real calendar,
// `makeDossier(overrides)` for intake bodies and `dossierHistory` to read what intake wrote.
import path from 'node:path';
import type { Kysely } from 'kysely';
import { loadCatalogue } from '../../src/catalogue/loader';
import { procedureSchema, type CalendarData, type Procedure } from '../../src/catalogue/schema';
import type { DossierInput } from '../../src/dossiers/intake-input';
import type { Database } from '../../src/store/database';
import { KyselyDossierStore, type HistoryEntry } from '../../src/store/dossiers';

const source = { url: 'https://dichvucong.gov.vn/', retrievedAt: '2026-07-01' };

/** A commune-level procedure with the given channels and their processing times. */
function communeProcedure(code: string, name: string, field: string, channels: unknown[]): Procedure {
  return procedureSchema.parse({ code, name, field, levels: ['commune'], channels, source });
}

export const PROCEDURES: Procedure[] = [
  communeProcedure('1.001193', 'Đăng ký khai sinh', 'Hộ tịch', [
    { kind: 'direct', time: { value: 3, unit: 'working_days', text: '3 ngày làm việc' } },
    { kind: 'online', time: { value: 3, unit: 'working_days', text: '3 ngày làm việc' } },
  ]),
  communeProcedure('1.004222', 'Đăng ký thường trú', 'Cư trú', [
    { kind: 'direct', time: { value: 7, unit: 'working_days', text: '7 ngày làm việc' } },
    { kind: 'postal', time: { text: 'Theo quy định' } },
  ]),
  communeProcedure('2.000815', 'Chứng thực bản sao từ bản chính', 'Chứng thực', [
    { kind: 'direct', time: { value: 1, unit: 'hours', text: 'Trong 01 giờ' } },
    { kind: 'online', time: { value: 0.5, unit: 'working_days', text: '0,5 ngày làm việc' } },
  ]),
];
/** The certification above: 1 hour of office time at the desk, half a working day online. */
export const HOURS_PROCEDURE = '2.000815';

const byCode = new Map(PROCEDURES.map((p) => [p.code, p]));
export const findProcedure = (code: string) => byCode.get(code);

let calendar: CalendarData | undefined;
export async function realCalendar(): Promise<CalendarData> {
  if (!calendar) {
    const { catalogue, problems } = await loadCatalogue(path.resolve('procedures'));
    if (problems.length > 0) throw new Error(`calendar problems: ${JSON.stringify(problems)}`);
    calendar = catalogue.calendar;
  }
  return calendar;
}

export const AGENCY = '000.00.20.H56';
export const OTHER_AGENCY = '000.00.21.H56';

let sequence = 0;
/** A fresh dossier code of AGENCY (or `agency`), unique within the test run. */
export function nextCode(agency = AGENCY): string {
  sequence += 1;
  return `${agency}-261120-${String(sequence).padStart(4, '0')}`;
}

export function makeDossier(overrides: Partial<DossierInput> = {}): DossierInput {
  return {
    procedureCode: '1.001193',
    unit: 'xa-an-binh',
    officialId: 'cb-01',
    applicantName: 'Nguyễn Văn An',
    applicantPhone: '0912345678',
    channel: 'direct',
    receivedAt: new Date('2026-11-20T10:00:00+07:00'),
    ...overrides,
  };
}

/** A dossier's history, oldest first, read through the dossier store. */
export function dossierHistory(db: Kysely<Database>, code: string): Promise<HistoryEntry[]> {
  return new KyselyDossierStore(db).history(code);
}
