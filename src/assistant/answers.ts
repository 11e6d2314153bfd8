// How each facet of a procedure reads in a chat: the asked facet first, then buttons for the
// others, the procedure's code and name on top and its source linked at the bottom. Long
// lists are cut to fit a phone, with a link to the full text.
import { channelRows, channelWays } from '../catalogue/channel-rows';
import { feeNotes, feeValidUntilPassed, formatFees, formatTime } from '../catalogue/format';
import { citizenPaperCount, shortPapers } from '../catalogue/papers';
import type { Level, Procedure } from '../catalogue/schema';
import { FACETS, procedurePayload, type Block, type Button, type Facet, type Link, type Reply } from '../conversation/message';
import { clip, nameLabels } from './text';
import { feedbackPrompt } from '../conversation/feedback';

export const FACET_LABELS: Record<Facet, string> = {
  papers: 'Giấy tờ cần nộp',
  fee: 'Lệ phí',
  time: 'Thời gian',
  where: 'Nơi nộp',
  online: 'Nộp trực tuyến',
  who: 'Ai được làm',
  steps: 'Các bước',
  law: 'Căn cứ pháp lý',
  result: 'Kết quả',
};

const LEVEL_LABELS: Record<Level, string> = {
  commune: 'cấp xã',
  province: 'cấp tỉnh',
  ministry: 'cấp bộ (trung ương)',
  district: 'cấp huyện (cũ)',
  other: 'cơ quan khác',
};

export const PORTAL_URL = 'https://dichvucong.gov.vn';
const MAX_PAPERS = 8;
const MAX_VARIANTS = 3;
const MAX_STEPS = 6;
const MAX_LAWS = 6;
const ITEM_MAX = 130;
const TEXT_MAX = 500;

export interface AnswerOptions {
  portalUrl?: string;
  /** Other variants of the procedure (re-issue, exchange…), offered as buttons. */
  variants?: readonly Procedure[];
  /** When the answer is given, for fees quoted "until" a day (default: now). */
  now?: Date;
}

export function procedureHeading(p: Procedure): Block {
  return { type: 'heading', text: `${p.name} (mã ${p.code})` };
}

function sourceLink(p: Procedure): Link {
  return { label: 'Nguồn: Cổng Dịch vụ công Quốc gia', url: p.source.url };
}

function facetButtons(p: Procedure, shown: readonly Facet[]): Button[] {
  return FACETS.filter((f) => !shown.includes(f)).map((f) => ({ label: FACET_LABELS[f], payload: procedurePayload(p.code, f) }));
}

/** One or more facets of a procedure, or its overview when none is asked. */
export function procedureAnswer(p: Procedure, facets: readonly Facet[], options: AnswerOptions = {}): Reply {
  const blocks: Block[] = [procedureHeading(p)];
  const links: Link[] = [];
  const shown = facets.slice(0, 3);
  if (shown.length === 0) blocks.push(...overview(p, options.now ?? new Date()));
  for (const facet of shown) {
    if (shown.length > 1) blocks.push({ type: 'text', text: `${FACET_LABELS[facet]}:` });
    const part = FACET_RENDERERS[facet](p, options);
    blocks.push(...part.blocks);
    links.push(...part.links);
  }
  links.push(sourceLink(p));
  const variants = (options.variants ?? []).slice(0, MAX_VARIANTS);
  // A citizen who meant another variant ("cấp lại", not "cấp đổi") is one tap away from it.
  if (variants.length > 0) blocks.push({ type: 'text', text: 'Nếu bạn cần thủ tục khác cùng loại, chọn bên dưới.' });
  // Labelled beside the answer's own name, so a twin submitted another way shows what differs.
  const variantLabels = nameLabels([p.name, ...variants.map((v) => v.name)]).slice(1);
  const variantButtons = variants.map((v, i) => ({ label: variantLabels[i]!, payload: procedurePayload(v.code, shown[0]) }));
  // "Có hữu ích không?" 👍/👎: what citizens think of answers reaches `motcua report questions`.
  const feedback = feedbackPrompt(p.code);
  blocks.push(feedback.block);
  return { blocks, buttons: [...facetButtons(p, shown), ...variantButtons, ...feedback.buttons], links: dedupeLinks(links) };
}

function dedupeLinks(links: Link[]): Link[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    if (seen.has(l.url)) return false;
    seen.add(l.url);
    return true;
  });
}

interface Part {
  blocks: Block[];
  links: Link[];
}

const text = (t: string): Part => ({ blocks: [{ type: 'text', text: t }], links: [] });

function deskChannel(p: Procedure) {
  return p.channels.find((c) => c.kind === 'direct') ?? p.channels.find((c) => c.kind === 'postal') ?? p.channels[0];
}

function overview(p: Procedure, now: Date): Block[] {
  const lines: string[] = [];
  lines.push(`Cấp thực hiện: ${p.levels.map((l) => LEVEL_LABELS[l]).join(', ')}`);
  const desk = deskChannel(p);
  if (desk) {
    lines.push(`Thời gian: ${clip(formatTime(desk.time), 120)}`);
    lines.push(`Lệ phí: ${clip(formatFees(desk.fees, { now, channel: desk.kind }), 120)}`);
  }
  const online = p.channels.some((c) => c.kind === 'online');
  if (p.channels.length > 0) lines.push(online ? 'Nộp trực tuyến: có' : 'Nộp trực tuyến: chưa');
  const papers = citizenPaperCount(p.papers);
  if (papers > 0) lines.push(`Giấy tờ: ${papers} loại — bấm "${FACET_LABELS.papers}" để xem`);
  return [{ type: 'list', items: lines }, { type: 'text', text: 'Bạn muốn biết thêm gì? Chọn bên dưới.' }];
}

const FACET_RENDERERS: Record<Facet, (p: Procedure, o: AnswerOptions) => Part> = {
  papers: (p) => {
    if (p.papers.length === 0) return text('Danh mục chưa ghi giấy tờ cho thủ tục này. Bạn xem đầy đủ ở trang nguồn bên dưới.');
    // The same list as Telegram, Zalo and the printed listing: what a citizen brings.
    const { groups, more } = shortPapers(p.papers, MAX_PAPERS);
    const blocks: Block[] = [];
    for (const group of groups) {
      if (group.title) blocks.push({ type: 'text', text: `${clip(group.title, 130)}:` });
      blocks.push({ type: 'list', items: group.papers.map((x) => `${x.name}${x.count ? ` (${x.count})` : ''}`) });
    }
    const links: Link[] = [];
    if (more > 0) {
      blocks.push({ type: 'text', text: `… và ${more} giấy tờ khác.` });
      links.push({ label: 'Xem đầy đủ giấy tờ', url: p.source.url });
    }
    return { blocks, links };
  },
  fee: (p, o) => {
    if (p.channels.length === 0) return text('Danh mục chưa ghi lệ phí cho thủ tục này. Bạn hỏi bộ phận một cửa hoặc xem trang nguồn.');
    const now = o.now ?? new Date();
    const blocks: Block[] = [{ type: 'list', items: channelRows(p.channels, (c) => clip(formatFees(c.fees, { now, channel: c.kind }), 200)) }];
    // What the amounts alone do not say: per page, capped, set by the province, reduced until…
    for (const note of feeNotes(p.channels, now)) blocks.push({ type: 'text', text: `Ghi chú: ${note}` });
    const until = feeValidUntilPassed(p.channels.flatMap((c) => c.fees), now);
    if (until) blocks.push({ type: 'text', text: `Lưu ý: mức phí trên ghi áp dụng đến ngày ${until}, nay đã qua nên có thể đã thay đổi. Bạn hỏi lại bộ phận một cửa trước khi nộp.` });
    return { blocks, links: [] };
  },
  time: (p) => {
    if (p.channels.length === 0) return text('Danh mục chưa ghi thời gian giải quyết. Bạn hỏi bộ phận một cửa hoặc xem trang nguồn.');
    return { blocks: [{ type: 'list', items: channelRows(p.channels, (c) => clip(formatTime(c.time), 200)) }], links: [] };
  },
  where: (p) => {
    const lines: string[] = [];
    const place = p.submissionAddress ?? p.agencies.implementing;
    if (place) lines.push(`Nơi tiếp nhận: ${clip(place, 300)}`);
    // The competent agency decides; it is not where the papers are lodged. A commune-level
    // procedure with no receiving office named is lodged at the commune's one-stop desk.
    else if (p.levels.length === 1 && p.levels[0] === 'commune') lines.push('Nơi tiếp nhận: bộ phận một cửa cấp xã');
    if (!place && p.agencies.competent) lines.push(`Cơ quan giải quyết: ${clip(p.agencies.competent, 300)}`);
    lines.push(`Cấp thực hiện: ${p.levels.map((l) => LEVEL_LABELS[l]).join(', ')}`);
    if (p.channels.length > 0) lines.push(`Cách nộp: ${channelWays(p.channels)}`);
    return { blocks: [{ type: 'list', items: lines }], links: [] };
  },
  online: (p, o) => {
    const portal = o.portalUrl ?? PORTAL_URL;
    const online = p.channels.find((c) => c.kind === 'online');
    if (online) {
      return {
        blocks: [{ type: 'text', text: `Có. Bạn nộp trực tuyến trên Cổng Dịch vụ công Quốc gia. Thời gian: ${clip(formatTime(online.time), 120)}; lệ phí: ${clip(formatFees(online.fees, { now: o.now ?? new Date(), channel: 'online' }), 120)}.` }],
        links: [{ label: 'Nộp trực tuyến', url: portal }],
      };
    }
    if (p.channels.length === 0) return { blocks: [{ type: 'text', text: 'Danh mục chưa ghi cách nộp. Bạn kiểm tra trên Cổng Dịch vụ công Quốc gia.' }], links: [{ label: 'Cổng Dịch vụ công Quốc gia', url: portal }] };
    const ways = channelWays(p.channels, ' hoặc ');
    return text(`Chưa nộp trực tuyến được. Bạn nộp ${ways}.`);
  },
  who: (p) => {
    const blocks: Block[] = [];
    blocks.push({ type: 'text', text: p.applicants ? `Đối tượng: ${clip(p.applicants, 300)}` : 'Danh mục chưa ghi đối tượng thực hiện.' });
    if (p.conditions) blocks.push({ type: 'text', text: `Điều kiện: ${clip(p.conditions, TEXT_MAX)}` });
    return { blocks, links: [] };
  },
  steps: (p) => {
    if (p.steps.length === 0) return text('Danh mục chưa ghi các bước. Bạn xem trang nguồn bên dưới.');
    const items = p.steps.slice(0, MAX_STEPS).map((s) => clip(s, 220));
    const blocks: Block[] = [{ type: 'list', items }];
    const links: Link[] = [];
    if (p.steps.length > MAX_STEPS) {
      blocks.push({ type: 'text', text: `… và ${p.steps.length - MAX_STEPS} bước nữa.` });
      links.push({ label: 'Xem đầy đủ các bước', url: p.source.url });
    }
    return { blocks, links };
  },
  law: (p) => {
    if (p.legalBasis.length === 0) return text('Danh mục chưa ghi căn cứ pháp lý.');
    const items = p.legalBasis.slice(0, MAX_LAWS).map((l) => clip(l.number ? `${l.number} – ${l.title}` : l.title, ITEM_MAX));
    const blocks: Block[] = [{ type: 'list', items }];
    if (p.legalBasis.length > MAX_LAWS) blocks.push({ type: 'text', text: `… và ${p.legalBasis.length - MAX_LAWS} văn bản khác.` });
    return { blocks, links: [] };
  },
  result: (p) => {
    if (p.results.length === 0) return text('Danh mục chưa ghi kết quả của thủ tục này.');
    return { blocks: [{ type: 'list', items: p.results.map((r) => clip(r.code ? `${r.name} (${r.code})` : r.name, ITEM_MAX)) }], links: [] };
  },
};
