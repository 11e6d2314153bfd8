// One procedure in the listing's short form: papers (see papers.ts), fee and time at the desk,
// and whether it can be done online. Long published texts are cut so an entry fits a phone
// screen or a few printed lines.
import { formatFees, formatTime } from '../catalogue/format';
import type { Procedure, SubmissionChannel } from '../catalogue/schema';
import { shorten, shortPapers, type ListingPaperGroup } from '../catalogue/papers';

export type { ListingPaper, ListingPaperGroup } from '../catalogue/papers';

export interface ListingItem {
  /** 1-based position in the whole listing, so a clerk can say "thủ tục số 12". */
  number: number;
  code: string;
  name: string;
  paperGroups: ListingPaperGroup[];
  /** Papers left out of the short form. */
  morePapers: number;
  fee: string;
  time: string;
  online: boolean;
  /** The online channel's time and fee, when they differ from the desk's. */
  onlineNote?: string;
  link: string;
}

const FACT_MAX = 140;

function deskChannel(channels: readonly SubmissionChannel[]): SubmissionChannel | undefined {
  return channels.find((c) => c.kind === 'direct') ?? channels.find((c) => c.kind === 'postal') ?? channels[0];
}

export function summarize(procedure: Procedure, number: number, link: string): ListingItem {
  const desk = deskChannel(procedure.channels);
  const online = procedure.channels.find((c) => c.kind === 'online');
  const time = shorten(formatTime(desk?.time), FACT_MAX);
  const fee = desk ? shorten(formatFees(desk.fees), FACT_MAX) : 'Không có thông tin';
  const papers = shortPapers(procedure.papers);
  const item: ListingItem = {
    number,
    code: procedure.code,
    name: shorten(procedure.name, 300),
    paperGroups: papers.groups,
    morePapers: papers.more,
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
