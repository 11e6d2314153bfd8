// Parses the portal's channel table ("Cách thức thực hiện"), whose cells the crawl joined with no
// separator: "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1Miễn phíTrực tiếp1Miễn phí".
// A row is: channel, processing time, fee (fees.ts), description.
import type { ChannelKind, Fee, ProcessingTime, SubmissionChannel, TimeUnit } from '../schema';
import { detailAmount, feesFromNote, readFee } from './fees';
import { NO_INFO, tidy } from './text';

const HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

const KINDS: ReadonlyArray<[string, ChannelKind]> = [
  ['Dịch vụ bưu chính', 'postal'],
  ['Trực tuyến', 'online'],
  ['Trực tiếp', 'direct'],
];

const UNITS: ReadonlyArray<[RegExp, TimeUnit, number]> = [
  [/^Ngày làm việc/i, 'working_days', 1],
  [/^Ngày/i, 'days', 1],
  [/^Giờ/i, 'hours', 1],
  [/^Tháng/i, 'months', 1],
  // The schema has no years; a year is twelve months.
  [/^Năm/i, 'months', 12],
];

/** A row starts where a channel name is directly followed by a cell, not by prose. */
function rowStarts(body: string): Array<{ at: number; kind: ChannelKind; length: number }> {
  const starts: Array<{ at: number; kind: ChannelKind; length: number }> = [];
  const pattern = /Dịch vụ bưu chính|Trực tuyến|Trực tiếp/g;
  for (let m = pattern.exec(body); m; m = pattern.exec(body)) {
    const next = body.charAt(m.index + m[0].length);
    if (next !== '' && /[\s:(,.;\-–]/.test(next)) continue;
    const kind = KINDS.find(([name]) => name === m![0])![1];
    starts.push({ at: m.index, kind, length: m[0].length });
  }
  return starts;
}

interface Cells {
  time?: ProcessingTime;
  fees: Fee[];
  note?: string;
}

/** Reads the time cell at the start of `rest`; returns it and what follows. */
function readTime(rest: string): { time?: ProcessingTime; rest: string } {
  if (rest.startsWith(NO_INFO)) return { rest: rest.slice(NO_INFO.length) };
  const withUnit = /^(\d+(?:[.,]\d+)?)\s*(?=Ngày|Giờ|Tháng|Năm)/i.exec(rest);
  if (withUnit) {
    const after = rest.slice(withUnit[0].length);
    for (const [pattern, unit, factor] of UNITS) {
      const u = pattern.exec(after);
      if (!u) continue;
      const value = Number(withUnit[1]!.replace(',', '.')) * factor;
      const text = `${withUnit[1]} ${u[0].toLowerCase()}`;
      return { time: value > 0 ? { value, unit, text } : { text }, rest: after.slice(u[0].length) };
    }
  }
  // A bare number is the portal's table losing "Ngày làm việc"; fee digits may follow directly.
  const bare = /^(\d+)(?=Miễn phí|Không có thông tin|$)/.exec(rest);
  if (bare) return { time: workingDays(Number(bare[1])), rest: rest.slice(bare[0].length) };
  const joined = /^(\d+)((?:\d{1,3})(?:,\d{3})*) ?(?=Việt Nam Đồng|VNĐ|VND|Đồng|USD)/.exec(rest);
  if (joined) {
    const split = splitJoinedNumber(joined[1]! + joined[2]!, detailAmount(rest));
    if (split.time !== undefined) {
      return { time: workingDays(split.time), rest: rest.slice(String(split.time).length) };
    }
    return { rest };
  }
  // A time given in words ("Không phải trả kết quả…", "Không quy định") runs up to the fee cell.
  const fee = /Miễn phí|Không có thông tin|\d[\d,.]* ?(?:Việt Nam Đồng|VNĐ|VND|Đồng|USD)/.exec(rest);
  if (fee && fee.index > 0 && !/^\d/.test(rest)) {
    const text = tidy(rest.slice(0, fee.index));
    return { time: { text }, rest: rest.slice(fee.index) };
  }
  return { rest };
}

function workingDays(value: number): ProcessingTime {
  return value > 0 ? { value, unit: 'working_days', text: `${value} ngày làm việc` } : { text: '0 ngày làm việc' };
}

/**
 * "1500,000" is a bare time "1" joined to the fee "500,000": thousands groups are three digits,
 * so digits beyond that in the first group belong to the time. Without a comma the fee is under
 * 1,000 đồng (the portal's "20" for 20.000 đồng); the time is then the first digit. `written` is the
 * amount the row's detail spells out, when it does.
 */
export function splitJoinedNumber(digits: string, written?: number): { time?: number; amount: string } {
  // The detail often spells the fee out ("mức thu là 20.000 VNĐ/tờ khai"): "120,000" is then 1 + 20,000.
  if (written !== undefined && written > 0) {
    const grouped = written.toLocaleString('en-US');
    if (digits.endsWith(grouped) && digits.length > grouped.length) {
      const time = Number(digits.slice(0, digits.length - grouped.length));
      if (time > 0) return { time, amount: grouped };
    }
  }
  const comma = digits.indexOf(',');
  if (comma > 3) return { time: Number(digits.slice(0, comma - 3)), amount: digits.slice(comma - 3) };
  if (comma === -1 && digits.length >= 2) return { time: Number(digits[0]), amount: digits.slice(1) };
  return { amount: digits };
}

/**
 * When the time cell is empty the description often states the time ("Trong thời hạn 02 ngày làm
 * việc kể từ…"). The first such figure is the value; the text is its whole clause, because the
 * description often gives different times by case and a reader needs to see that.
 */
export function timeFromNote(note: string): ProcessingTime | undefined {
  const m = /(\d+(?:[.,]\d+)?)\s*(ngày làm việc|ngày|giờ làm việc|giờ|tháng)(?!\s*\/)/i.exec(note);
  if (!m) return undefined;
  const value = Number(m[1]!.replace(',', '.'));
  if (!(value > 0)) return undefined;
  const word = m[2]!.toLowerCase();
  const unit: TimeUnit = word === 'ngày làm việc' ? 'working_days' : word === 'ngày' ? 'days' : word.startsWith('giờ') ? 'hours' : 'months';
  const start = Math.max(note.lastIndexOf('\n', m.index), note.lastIndexOf(';', m.index)) + 1;
  const endMatch = /[\n;]|\.(?:\s|$)/.exec(note.slice(m.index + m[0].length));
  const end = endMatch ? m.index + m[0].length + endMatch.index : note.length;
  let clause = tidy(note.slice(start, end)).replace(/^[-+*•\s]+/, '');
  if (clause.length > 240) clause = `${m[1]} ${word}`;
  return { value, unit, text: clause };
}

interface Row extends Cells {
  /** The cell held something other than "Không có thông tin". */
  timePublished: boolean;
  feePublished: boolean;
}

function readRow(cells: string): Row {
  const timed = readTime(cells);
  const fee = readFee(timed.rest);
  const note = tidy(fee.rest);
  const hasNote = note !== '' && note !== NO_INFO;
  const time = timed.time ?? (hasNote ? timeFromNote(note) : undefined);
  const fees = fee.fees.length > 0 || !hasNote ? fee.fees : feesFromNote(note);
  return {
    ...(time ? { time } : {}),
    fees,
    ...(hasNote ? { note } : {}),
    timePublished: !cells.startsWith(NO_INFO) || time !== undefined,
    feePublished: !timed.rest.startsWith(NO_INFO) || fees.length > 0,
  };
}

export interface ChannelTable {
  channels: SubmissionChannel[];
  /** Some row published a time (or stated one in its description). */
  timePublished: boolean;
  /** Some row's fee cell held more than "Không có thông tin". */
  feePublished: boolean;
}

/** The table's rows with what the portal published, for the import report. */
export function parseChannelTable(text: string): ChannelTable {
  const body = text.startsWith(HEADER) ? text.slice(HEADER.length) : text;
  const starts = rowStarts(body);
  let timePublished = false;
  let feePublished = false;
  const channels = starts.map((start, i): SubmissionChannel => {
    const end = i + 1 < starts.length ? starts[i + 1]!.at : body.length;
    const { timePublished: t, feePublished: f, ...cells } = readRow(body.slice(start.at + start.length, end));
    timePublished ||= t;
    feePublished ||= f;
    return { kind: start.kind, ...cells };
  });
  return { channels, timePublished, feePublished };
}

/** The table's rows, in published order; an empty list when the table has no rows. */
export function parseChannels(text: string): SubmissionChannel[] {
  return parseChannelTable(text).channels;
}
