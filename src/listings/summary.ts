// One procedure in the listing's short form: papers with counts, fee and time at the desk,
// and whether it can be done online. Long published texts are cut so an entry fits a phone
// screen or a few printed lines.
import { formatFees, formatPaperCount, formatTime } from '../catalogue/format';
import type { PaperGroup, Procedure, SubmissionChannel } from '../catalogue/schema';

export interface ListingPaper {
  name: string;
  /** "1 bản chính, 1 bản sao"; empty when the catalogue gives no counts. */
  count: string;
}

export interface ListingPaperGroup {
  /** "Trường hợp …", "Giấy tờ xuất trình", or undefined for the plain list to submit. */
  title?: string;
  papers: ListingPaper[];
}

export interface ListingItem {
  /** 1-based position in the whole listing, so a clerk can say "thủ tục số 12". */
  number: number;
  code: string;
  name: string;
  paperGroups: ListingPaperGroup[];
  fee: string;
  time: string;
  online: boolean;
  /** The online channel's time and fee, when they differ from the desk's. */
  onlineNote?: string;
  link: string;
}

const PAPER_NAME_MAX = 120;
const FACT_MAX = 140;

/** Collapses whitespace and cuts at a word boundary with an ellipsis. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/[;:,.]+$/, '');
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[;:,.\s]+$/, '')}…`;
}

function groupTitle(group: PaperGroup): string | undefined {
  const parts: string[] = [];
  if (group.kind === 'present') parts.push('Giấy tờ xuất trình');
  if (group.case) parts.push(shorten(group.case, PAPER_NAME_MAX));
  return parts.length > 0 ? parts.join(' – ') : undefined;
}

function deskChannel(channels: readonly SubmissionChannel[]): SubmissionChannel | undefined {
  return channels.find((c) => c.kind === 'direct') ?? channels.find((c) => c.kind === 'postal') ?? channels[0];
}

export function summarize(procedure: Procedure, number: number, link: string): ListingItem {
  const desk = deskChannel(procedure.channels);
  const online = procedure.channels.find((c) => c.kind === 'online');
  const time = shorten(formatTime(desk?.time), FACT_MAX);
  const fee = desk ? shorten(formatFees(desk.fees), FACT_MAX) : 'Không có thông tin';
  const item: ListingItem = {
    number,
    code: procedure.code,
    name: shorten(procedure.name, 300),
    paperGroups: procedure.papers.map((group) => {
      const title = groupTitle(group);
      const papers = group.papers.map((p) => ({ name: shorten(p.name, PAPER_NAME_MAX), count: formatPaperCount(p) }));
      return title ? { title, papers } : { papers };
    }),
    time,
    fee,
    online: online !== undefined,
    link,
  };
  if (online && online !== desk) {
    const onlineTime = shorten(formatTime(online.time), FACT_MAX);
    const onlineFee = shorten(formatFees(online.fees), FACT_MAX);
    if (onlineTime !== time || onlineFee !== fee) item.onlineNote = `${onlineTime}, ${onlineFee === 'Miễn phí' ? 'miễn phí' : onlineFee}`;
  }
  return item;
}
