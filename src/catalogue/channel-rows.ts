// The fee or time of each way to submit, as rows a citizen reads: ways that say the same are
// one row ("Trực tuyến, trực tiếp: Miễn phí"), and a way the portal lists twice with different
// answers is told apart by the case its note states ("Trực tuyến (trường hợp cần xác minh): 3
// ngày làm việc"), never shown as two bare rows of the same name.
import { CHANNEL_LABELS } from './format';
import { shorten } from './papers';
import type { ChannelKind, SubmissionChannel } from './schema';

const CASE_MAX = 90;
// "… với trường hợp cần xác minh; …", "Trường hợp thuộc … thì …", "đối với các trường hợp quy định tại …".
const CASE_CLAUSE = /trường hợp\s+(.+?)(?=\s+thì\s|[;:(]|\.(?:\s|$)|\s+-\s|$)/iu;
// "Tại cơ quan đại diện: 10 USD/bản."
const PLACE = /^[-+\s]*(tại\s+[^:;.]{3,120}):/iu;

/** The case a channel row is for, read from its note, when the note states one. */
export function channelCase(note: string | undefined): string | undefined {
  if (!note) return undefined;
  const text = note.replace(/\s+/g, ' ').trim();
  const place = PLACE.exec(text)?.[1];
  if (place) return shorten(place.charAt(0).toLowerCase() + place.slice(1), CASE_MAX);
  const clause = CASE_CLAUSE.exec(text)?.[1];
  return clause ? shorten(`trường hợp ${clause}`, CASE_MAX) : undefined;
}

/** "Trực tuyến: 1 ngày làm việc" rows, one per distinct answer, in the portal's order. */
export function channelRows(channels: readonly SubmissionChannel[], value: (c: SubmissionChannel) => string): string[] {
  const values = channels.map(value);
  const differs = new Set<ChannelKind>();
  channels.forEach((c, i) => {
    if (channels.some((d, j) => d.kind === c.kind && values[j] !== values[i])) differs.add(c.kind);
  });
  const rows = new Map<string, { kinds: ChannelKind[]; case?: string; value: string }>();
  channels.forEach((c, i) => {
    const value = values[i]!;
    const found = differs.has(c.kind) ? channelCase(c.note) : undefined;
    const key = `${found ?? ''}\u0000${value}`;
    const row = rows.get(key);
    if (!row) rows.set(key, { kinds: [c.kind], ...(found ? { case: found } : {}), value });
    else if (!row.kinds.includes(c.kind)) row.kinds.push(c.kind);
  });
  return [...rows.values()].map((row) => {
    const ways = row.kinds.map((k, i) => (i === 0 ? CHANNEL_LABELS[k] : CHANNEL_LABELS[k].toLowerCase())).join(', ');
    return `${ways}${row.case ? ` (${row.case})` : ''}: ${row.value}`;
  });
}

/** "trực tuyến, trực tiếp": each way once. */
export function channelWays(channels: readonly SubmissionChannel[], joiner = ', '): string {
  return [...new Set(channels.map((c) => c.kind))].map((k) => CHANNEL_LABELS[k].toLowerCase()).join(joiner);
}
