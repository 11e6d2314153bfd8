// Reads the portal crawl: one JSON object a line, optionally gzipped. Fields are all strings.
import fs from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

export interface PortalRecord {
  ma_thu_tuc: string;
  detail_url: string;
  ten_thu_tuc: string;
  so_quyet_dinh: string;
  cap_thuc_hien: string;
  loai_thu_tuc: string;
  linh_vuc: string;
  doi_tuong_thuc_hien: string;
  co_quan_co_tham_quyen: string;
  dia_chi_tiep_nhan: string;
  co_quan_duoc_uy_quyen: string;
  co_quan_phoi_hop: string;
  thu_tuc_lien_quan: string;
  trinh_tu_thuc_hien: string;
  cach_thuc_thuc_hien: string;
  thanh_phan_ho_so: string;
  can_cu_phap_ly: string;
  co_quan_thuc_hien: string;
  yeu_cau_dieu_kien: string;
  ket_qua_xu_ly: string;
  raw_text: string;
  _source_folder?: string;
}

export class PortalInputError extends Error {
  override readonly name = 'PortalInputError';
}

const FIELDS: ReadonlyArray<keyof PortalRecord> = [
  'ma_thu_tuc', 'detail_url', 'ten_thu_tuc', 'so_quyet_dinh', 'cap_thuc_hien', 'loai_thu_tuc', 'linh_vuc',
  'doi_tuong_thuc_hien', 'co_quan_co_tham_quyen', 'dia_chi_tiep_nhan', 'co_quan_duoc_uy_quyen', 'co_quan_phoi_hop',
  'thu_tuc_lien_quan', 'trinh_tu_thuc_hien', 'cach_thuc_thuc_hien', 'thanh_phan_ho_so', 'can_cu_phap_ly',
  'co_quan_thuc_hien', 'yeu_cau_dieu_kien', 'ket_qua_xu_ly', 'raw_text',
];

/** Missing fields read as empty strings; a line that is not a JSON object is an error. */
export function parseRecords(text: string, file: string): PortalRecord[] {
  const records: PortalRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new PortalInputError(`import-portal: ${file}:${index + 1}: not JSON`);
    }
    if (typeof value !== 'object' || value === null) throw new PortalInputError(`import-portal: ${file}:${index + 1}: not an object`);
    const object = value as Record<string, unknown>;
    const record = {} as Record<string, string>;
    for (const field of FIELDS) record[field] = typeof object[field] === 'string' ? (object[field] as string) : '';
    if (typeof object._source_folder === 'string') record._source_folder = object._source_folder;
    records.push(record as unknown as PortalRecord);
  });
  return records;
}

export async function readRecords(file: string): Promise<PortalRecord[]> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new PortalInputError(`import-portal: cannot read ${file}`);
  }
  const text = file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return parseRecords(text, file);
}

/** Usage counts by procedure code from portal-popularity.jsonl ({code, uses, …} a line). */
export interface PopularityRow {
  code: string;
  name: string;
  audience: string;
  uses: number;
}

/** The usage list's rows that have a code and a count. */
export async function readPopularityRows(file: string): Promise<PopularityRow[]> {
  const text = await fs.readFile(file, 'utf8');
  const rows: PopularityRow[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { code?: unknown; name?: unknown; audience?: unknown; uses?: unknown };
    if (typeof row.code !== 'string' || typeof row.uses !== 'number') continue;
    rows.push({ code: row.code, name: typeof row.name === 'string' ? row.name : '', audience: typeof row.audience === 'string' ? row.audience : 'citizen', uses: row.uses });
  }
  return rows;
}

/** Uses per code; a code listed for both audiences counts its larger figure, not the sum. */
export function popularityByCode(rows: readonly PopularityRow[]): Map<string, number> {
  const uses = new Map<string, number>();
  for (const row of rows) uses.set(row.code, Math.max(uses.get(row.code) ?? 0, Math.round(row.uses)));
  return uses;
}
