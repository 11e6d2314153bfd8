// The listing as Markdown, for a commune's website: no QR codes, a link per procedure instead.
import type { Listing } from './listing';
import type { ListingItem } from './summary';
import { FEE_LABEL, footerParts, howToAsk, localLinksWarning, metaLine, morePapersText, NO_PAPERS, ONLINE_LABEL, onlineText, PAPERS_LABEL, TIME_LABEL, TITLE } from './wording';

/** Escapes what Markdown would read as markup in catalogue text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`).replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3');
}

function linkTarget(url: string): string {
  return url.replace(/[()\s]/g, (c) => encodeURIComponent(c));
}

function renderItem(item: ListingItem): string {
  const lines = [`### ${item.number}. ${escapeMarkdown(item.name)} (mã ${item.code})`, '', `**${PAPERS_LABEL}:**`, ''];
  if (item.paperGroups.length === 0) lines.push(NO_PAPERS, '');
  for (const group of item.paperGroups) {
    if (group.title) lines.push(`*${escapeMarkdown(group.title)}:*`, '');
    for (const p of group.papers) lines.push(`- ${escapeMarkdown(p.name)}${p.count ? ` — ${p.count}` : ''}`);
    lines.push('');
  }
  if (item.morePapers > 0) lines.push(`*${morePapersText(item.morePapers, 'link')}*`, '');
  lines.push(
    `**${TIME_LABEL}:** ${escapeMarkdown(item.time)}  `,
    `**${FEE_LABEL}:** ${escapeMarkdown(item.fee)}  `,
    `**${ONLINE_LABEL}:** ${escapeMarkdown(onlineText(item))}  `,
    `[Hỏi thêm về thủ tục này](${linkTarget(item.link)})`,
    '',
  );
  return lines.join('\n');
}

export function renderMarkdown(listing: Listing): string {
  const { office } = listing;
  const footer = footerParts(listing);
  const out = listing.localBaseUrl ? [`> **${escapeMarkdown(localLinksWarning(listing.localBaseUrl))}**`, ''] : [];
  out.push(`# ${TITLE}: ${escapeMarkdown(office.name)}`, '', `**Địa chỉ:** ${escapeMarkdown(office.address)}  `, `**Giờ làm việc:** ${escapeMarkdown(office.hours)}  `);
  if (office.phone) out.push(`**Điện thoại:** ${escapeMarkdown(office.phone)}  `);
  out.push(escapeMarkdown(metaLine(listing)), '', howToAsk(listing, 'link'), '');
  if (listing.total === 0) out.push('Chưa có thủ tục nào trong danh mục của nơi này.', '');
  for (const group of listing.groups) {
    out.push(`## ${escapeMarkdown(group.field)}`, '');
    for (const item of group.items) out.push(renderItem(item));
  }
  out.push('---', '', `${footer.fullText} <${footer.portalUrl}>`, '', `${footer.ask} <${footer.assistantUrl}>`, '', footer.note, '');
  return out.join('\n');
}
