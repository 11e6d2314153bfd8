// The printable listing: one HTML page made for A4 paper and black-and-white printers, with an
// inline SVG QR code per procedure. Every catalogue value is escaped.
import type { Listing } from './listing';
import { qrSvg } from './qr';
import type { ListingItem } from './summary';
import { FEE_LABEL, footerParts, howToAsk, localLinksWarning, metaLine, morePapersText, NO_PAPERS, ONLINE_LABEL, onlineText, PAPERS_LABEL, QR_CAPTION, TIME_LABEL, TITLE } from './wording';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A CSS string literal that cannot end the string or the <style> element. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** Every printed page names its desk and its number, so loose sheets on a board stay in order. */
function pageMarginBoxes(officeName: string): string {
  const box = 'font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt;';
  return `@page { @bottom-left { content: ${cssString(`${officeName} · ${TITLE}`)}; ${box} } @bottom-right { content: "Trang " counter(page) "/" counter(pages); ${box} } }`;
}

const STYLE = `
@page { size: A4; margin: 12mm 12mm 14mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 12.5pt; line-height: 1.35; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 186mm; padding: 0; }
header.sheet { border: 2px solid #000; padding: 3mm 4mm; margin-bottom: 4mm; }
.kicker { font-size: 11pt; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; margin: 0; }
h1 { font-size: 19pt; margin: 1mm 0 2mm; line-height: 1.2; }
header.sheet p { margin: .6mm 0; }
.meta { font-size: 10.5pt; }
.how { font-weight: 700; }
h2 { font-size: 15pt; margin: 4mm 0 2mm; padding-bottom: 1mm; border-bottom: 2px solid #000; break-after: avoid; page-break-after: avoid; }
.keep { break-inside: avoid; page-break-inside: avoid; }
article.proc { display: flex; gap: 4mm; align-items: flex-start; border: 1px solid #000; padding: 2.5mm 3mm; margin: 0 0 3mm; break-inside: avoid; page-break-inside: avoid; }
.proc .body { flex: 1; min-width: 0; }
h3 { font-size: 13.5pt; margin: 0 0 1mm; line-height: 1.25; }
.num { display: inline-block; min-width: 7mm; }
.code { font-weight: 400; font-size: 10.5pt; white-space: nowrap; }
.label { font-weight: 700; }
p.line { margin: 1mm 0 0; }
ul { margin: .5mm 0 0; padding-left: 5.5mm; }
li { margin: .3mm 0; }
.facts { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 0 3mm; margin-top: 1.5mm; padding-top: 1mm; border-top: 1px solid #000; }
.case { margin: 1mm 0 0; font-style: italic; }
.more { margin: .5mm 0 0; font-size: 11pt; font-style: italic; }
.count { white-space: nowrap; }
figure.qr { flex: none; width: 27mm; margin: 0; text-align: center; }
figure.qr svg { display: block; width: 27mm; height: 27mm; }
figcaption { font-size: 9pt; }
footer.sheet { border-top: 2px solid #000; margin-top: 5mm; padding-top: 2mm; font-size: 11pt; break-inside: avoid; page-break-inside: avoid; }
footer.sheet p { margin: 1mm 0; }
.url { font-weight: 700; word-break: break-all; }
a { color: #000; text-decoration: none; }
.warning { border: 3px dashed #000; padding: 2mm 3mm; margin: 0 0 4mm; font-weight: 700; font-size: 12pt; }
`;

function qrLabel(item: ListingItem): string {
  return escapeHtml(`Mã QR mở thủ tục ${item.code}: ${item.link}`);
}

/** Encodes the item's QR code into the cache, so a later renderHtml only copies it. */
export function prepareItemQr(item: ListingItem): void {
  qrSvg(item.link, qrLabel(item));
}

function renderItem(item: ListingItem): string {
  const papers =
    item.paperGroups.length === 0
      ? `<p class="line">${escapeHtml(NO_PAPERS)}</p>`
      : item.paperGroups
          .map((group) => {
            const title = group.title ? `<p class="case">${escapeHtml(group.title)}:</p>` : '';
            const list = group.papers.map((p) => `<li>${escapeHtml(p.name)}${p.count ? ` — <span class="count">${escapeHtml(p.count)}</span>` : ''}</li>`).join('');
            return `${title}<ul>${list}</ul>`;
          })
          .join('') + (item.morePapers > 0 ? `<p class="more">${escapeHtml(morePapersText(item.morePapers, 'qr'))}</p>` : '');
  const label = qrLabel(item);
  return (
    `<article class="proc" id="p-${escapeHtml(item.code)}" data-code="${escapeHtml(item.code)}" data-link="${escapeHtml(item.link)}">` +
    `<div class="body"><h3><span class="num">${item.number}.</span> ${escapeHtml(item.name)} <span class="code">(mã ${escapeHtml(item.code)})</span></h3>` +
    `<p class="line"><span class="label">${PAPERS_LABEL}:</span></p>${papers}` +
    `<div class="facts"><div><span class="label">${TIME_LABEL}:</span><br>${escapeHtml(item.time)}</div>` +
    `<div><span class="label">${FEE_LABEL}:</span><br>${escapeHtml(item.fee)}</div>` +
    `<div><span class="label">${ONLINE_LABEL}:</span><br>${escapeHtml(onlineText(item))}</div></div></div>` +
    `<figure class="qr">${qrSvg(item.link, label)}<figcaption>${QR_CAPTION}</figcaption></figure>` +
    `</article>`
  );
}

export function renderHtml(listing: Listing): string {
  const { office } = listing;
  const footer = footerParts(listing);
  const header =
    `<header class="sheet"><p class="kicker">${TITLE}</p><h1>${escapeHtml(office.name)}</h1>` +
    `<p><span class="label">Địa chỉ:</span> ${escapeHtml(office.address)}</p>` +
    `<p><span class="label">Giờ làm việc:</span> ${escapeHtml(office.hours)}</p>` +
    (office.phone ? `<p><span class="label">Điện thoại:</span> ${escapeHtml(office.phone)}</p>` : '') +
    `<p class="meta">${escapeHtml(metaLine(listing))}</p><p class="how">${escapeHtml(howToAsk(listing, 'qr'))}</p></header>`;
  const groups = listing.groups
    .map((group) => {
      const [first, ...rest] = group.items;
      // The heading travels with its first procedure so a page never ends on a bare heading.
      const head = `<div class="keep"><h2>${escapeHtml(group.field)}</h2>${first ? renderItem(first) : ''}</div>`;
      return `<section class="field">${head}${rest.map(renderItem).join('')}</section>`;
    })
    .join('\n');
  const warning = listing.localBaseUrl ? `<p class="warning" role="alert">${escapeHtml(localLinksWarning(listing.localBaseUrl))}</p>` : '';
  const empty = listing.total === 0 ? '<p>Chưa có thủ tục nào trong danh mục của nơi này.</p>' : '';
  const foot =
    `<footer class="sheet"><p>${escapeHtml(footer.fullText)} <a class="url" href="${escapeHtml(footer.portalUrl)}">${escapeHtml(footer.portalUrl)}</a></p>` +
    `<p>${escapeHtml(footer.ask)} <a class="url" href="${escapeHtml(footer.assistantUrl)}">${escapeHtml(footer.assistantUrl)}</a></p>` +
    `<p>${escapeHtml(footer.note)}</p></footer>`;
  return (
    `<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(`${TITLE} — ${office.name}`)}</title><style>${STYLE}${pageMarginBoxes(office.name)}</style></head>\n` +
    `<body>${warning}${header}\n<main>${empty}${groups}</main>\n${foot}</body></html>\n`
  );
}
