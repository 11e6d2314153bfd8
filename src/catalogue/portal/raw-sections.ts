// Sections of a record's raw page text. The crawler cut some fields at the first mention of the
// next heading ("…theo mục 4.3 (Thành phần hồ sơ); nộp hồ sơ…"), losing steps and papers that the
// raw page text still holds between the real headings.
import type { PortalRecord } from './record';

const STEPS_START = 'Trình Tự Thực Hiện';
const CHANNELS_START = 'Cách Thức Thực HiệnHình thức nộp';
const PAPERS_START = 'Thành phần hồ sơ';
const LEGAL_START = 'Căn cứ pháp lýTên văn bản pháp lý';

/** The steps as the raw page has them, or undefined when the headings are not found. */
export function rawSteps(record: PortalRecord): string | undefined {
  const raw = record.raw_text;
  const start = raw.indexOf(STEPS_START);
  const end = raw.indexOf(CHANNELS_START, start);
  if (start < 0 || end < 0) return undefined;
  return raw.slice(start + STEPS_START.length, end);
}

/** The papers as the raw page has them: from the heading after the channel table to the legal basis. */
export function rawPapers(record: PortalRecord): string | undefined {
  const raw = record.raw_text;
  const table = raw.indexOf(CHANNELS_START);
  if (table < 0) return undefined;
  const start = raw.indexOf(PAPERS_START, table);
  if (start < 0) return undefined;
  const end = raw.indexOf(LEGAL_START, start);
  return raw.slice(start + PAPERS_START.length, end < 0 ? undefined : end);
}
