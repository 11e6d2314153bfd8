// The listing as plain text, for a Zalo group post or an SMS-style notice: no markup, links spelt out.
import type { Listing } from './listing';
import type { ListingItem } from './summary';
import { FEE_LABEL, footerParts, howToAsk, localLinksWarning, metaLine, morePapersText, NO_PAPERS, ONLINE_LABEL, onlineText, PAPERS_LABEL, TIME_LABEL, TITLE } from './wording';

function renderItem(item: ListingItem): string {
  const lines = [`${item.number}. ${item.name} (mã ${item.code})`, `- ${PAPERS_LABEL}:`];
  if (item.paperGroups.length === 0) lines.push(`  ${NO_PAPERS}`);
  for (const group of item.paperGroups) {
    if (group.title) lines.push(`  ${group.title}:`);
    for (const p of group.papers) lines.push(`  • ${p.name}${p.count ? ` — ${p.count}` : ''}`);
  }
  if (item.morePapers > 0) lines.push(`  ${morePapersText(item.morePapers, 'link')}`);
  lines.push(`- ${TIME_LABEL}: ${item.time}`, `- ${FEE_LABEL}: ${item.fee}`, `- ${ONLINE_LABEL}: ${onlineText(item)}`, `- Hỏi thêm: ${item.link}`);
  return lines.join('\n');
}

export function renderText(listing: Listing): string {
  const { office } = listing;
  const footer = footerParts(listing);
  const out = listing.localBaseUrl ? [`!!! ${localLinksWarning(listing.localBaseUrl)}`, ''] : [];
  out.push(TITLE.toUpperCase(), office.name, `Địa chỉ: ${office.address}`, `Giờ làm việc: ${office.hours}`);
  if (office.phone) out.push(`Điện thoại: ${office.phone}`);
  out.push(metaLine(listing), howToAsk(listing, 'link'), '');
  if (listing.total === 0) out.push('Chưa có thủ tục nào trong danh mục của nơi này.', '');
  for (const group of listing.groups) {
    out.push(`== ${group.field.toUpperCase()} ==`, '');
    for (const item of group.items) out.push(renderItem(item), '');
  }
  out.push('————', `${footer.fullText} ${footer.portalUrl}`, `${footer.ask} ${footer.assistantUrl}`, footer.note, '');
  return out.join('\n');
}
