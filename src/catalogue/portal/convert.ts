// Turns one portal record into a catalogue procedure, validated by the catalogue schema, and
// notes what could not be parsed so the import report can count it.
import { procedureSchema, type Procedure, type ProcedureInput } from '../schema';
import { parseChannelTable } from './channels';
import { parseLegalBasis } from './legal-basis';
import { parseLevels } from './levels';
import { parsePaperTable, type PaperTable } from './papers';
import type { PortalRecord } from './record';
import { rawPapers, rawSteps } from './raw-sections';
import { parseResults } from './results';
import { parseSteps } from './steps';
import { NO_INFO, present, slug } from './text';

/**
 * The crawl has no per-record retrieval date; it ran June–July 2026, so every record carries the
 * end of that window.
 */
export const RETRIEVED_AT = '2026-07-31';

/** Whether the portal published a time and a fee at all (not just "Không có thông tin"). */
export interface Published {
  time: boolean;
  fee: boolean;
}

export type Conversion =
  | { ok: true; procedure: Procedure; folder: string; notes: string[]; published: Published }
  | { ok: false; code: string; reason: string };

function related(text: string): string[] {
  const body = present(text);
  if (!body) return [];
  // The portal prints its related-procedure table twice (two layouts): "#Tên thủ tục1<name>#1Tên thủ tục<name>".
  const rows = body.split(/#?\d*Tên thủ tục\d*/).map((r) => r.replace(/#\d*$/, '').trim());
  return [...new Set(rows.filter((r) => r && r !== NO_INFO))];
}

/**
 * The table's papers. Rows of rule text are left out and counted; when the portal put nothing but
 * rule text in the table ("Khi có người đến lưu trú, …"), it stays, since it is all the page says.
 */
function papersOf(table: PaperTable, notes: string[]): PaperTable['groups'] {
  if (table.ruleRows.length === 0) return table.groups;
  if (table.groups.length === 0) {
    notes.push('only rule text in the papers table (kept as papers)');
    return [{ kind: 'submit', papers: table.ruleRows }];
  }
  notes.push('rule text or notes in the papers table, left out');
  return table.groups;
}

export function convertRecord(record: PortalRecord, popularity: ReadonlyMap<string, number>): Conversion {
  const code = record.ma_thu_tuc.trim();
  const notes: string[] = [];
  const { levels, unknown } = parseLevels(record.cap_thuc_hien);
  if (unknown.length) notes.push(`unknown level: ${unknown.join(', ')}`);
  const field = present(record.linh_vuc) ?? 'Khác';
  const table = parseChannelTable(record.cach_thuc_thuc_hien);
  const channels = table.channels;
  let paperTable = parsePaperTable(record.thanh_phan_ho_so);
  if (paperTable.groups.length === 0 && paperTable.ruleRows.length === 0) {
    const raw = rawPapers(record);
    if (raw) paperTable = parsePaperTable(raw);
    if (paperTable.groups.length) notes.push('papers read from the raw page text');
  }
  const papers = papersOf(paperTable, notes);
  // The steps field is cut short when the crawler met a mention of a later heading.
  const fieldSteps = record.trinh_tu_thuc_hien.trim();
  const pageSteps = rawSteps(record)?.trim();
  const stepsText = pageSteps && pageSteps.length > fieldSteps.length + 20 && pageSteps.startsWith(fieldSteps.slice(0, 40)) ? pageSteps : fieldSteps;
  const { results, keywords } = parseResults(record.ket_qua_xu_ly);
  const input: ProcedureInput = {
    code,
    name: present(record.ten_thu_tuc) ?? '',
    field,
    levels,
    type: present(record.loai_thu_tuc),
    applicants: present(record.doi_tuong_thuc_hien),
    agencies: {
      competent: present(record.co_quan_co_tham_quyen),
      implementing: present(record.co_quan_thuc_hien),
      delegated: present(record.co_quan_duoc_uy_quyen),
      coordinating: present(record.co_quan_phoi_hop),
    },
    submissionAddress: present(record.dia_chi_tiep_nhan),
    channels,
    papers,
    steps: parseSteps(stepsText),
    conditions: present(record.yeu_cau_dieu_kien),
    legalBasis: parseLegalBasis(record.can_cu_phap_ly),
    results,
    related: related(record.thu_tuc_lien_quan),
    source: { url: record.detail_url.trim(), decision: present(record.so_quyet_dinh), retrievedAt: RETRIEVED_AT },
    keywords,
    popularity: popularity.get(code) ?? 0,
  };
  const checked = procedureSchema.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    return { ok: false, code: code || '(no code)', reason: `${issue.path.join('.') || 'record'}: ${issue.message}` };
  }
  return { ok: true, procedure: checked.data, folder: slug(field), notes, published: { time: table.timePublished, fee: table.feePublished } };
}
