// GET /listings/:commune(.html|.md|.txt): a commune's simplified procedure listing, printable
// (HTML) or for posting (Markdown, text). GET /listings/ lists the offices that have one. A desk
// without a `procedures` list gets an explanation, and every procedure at its level only with
// `?all=1`.
import { Router, type Response } from 'express';
import type { Catalogue } from '../catalogue/loader';
import type { Clock } from '../clock';
import { escapeHtml } from '../listings/html';
import type { ListingLinks } from '../listings/links';
import { NoProcedureListError, UnknownCommuneError } from '../listings/listing';
import { CONTENT_TYPES, renderListingAsync, type ListingFormat } from '../listings/render';

export interface ListingRouterDeps {
  /** Called per request, so a reloaded catalogue is picked up. */
  catalogue: () => Catalogue;
  links: ListingLinks;
  clock: Clock;
}

const PAGE_STYLE = '<style>body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;font-size:13pt;max-width:40em;margin:2em auto;padding:0 1em;line-height:1.4}</style>';

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>${PAGE_STYLE}</head><body>${body}</body></html>\n`;
}

/** `base` is where the router is mounted, so links work with or without a trailing slash. */
function officeLinks(catalogue: Catalogue, base: string): string {
  if (catalogue.offices.length === 0) return '<p>Chưa có nơi nào trong offices.yaml.</p>';
  const href = (id: string, ext = '') => escapeHtml(`${base}/${encodeURIComponent(id)}${ext}`);
  return `<ul>${catalogue.offices.map((o) => `<li><a href="${href(o.id)}">${escapeHtml(o.name)}</a> (<a href="${href(o.id, '.md')}">.md</a>, <a href="${href(o.id, '.txt')}">.txt</a>)</li>`).join('')}</ul>`;
}

function notFound(res: Response, base: string, catalogue: Catalogue, commune: string, format: ListingFormat): void {
  const vi = `Không tìm thấy xã/phường "${commune}".`;
  const en = `No listing for commune "${commune}".`;
  if (format === 'html') {
    res.status(404).type('html').send(page('Không tìm thấy', `<h1>${escapeHtml(vi)}</h1><p lang="en">${escapeHtml(en)}</p><p>Các danh mục hiện có:</p>${officeLinks(catalogue, base)}`));
    return;
  }
  res.status(404).json({ error: 'not_found', message: `${vi} ${en}`, communes: catalogue.offices.map((o) => o.id) });
}

function noList(res: Response, error: NoProcedureListError, format: ListingFormat, allHref: string): void {
  const { office, atLevel } = error;
  const vi = `${office.name} chưa có danh sách thủ tục niêm yết.`;
  if (format === 'html') {
    res.status(404).type('html').send(page('Chưa có danh sách thủ tục',
      `<h1>${escapeHtml(vi)}</h1>` +
      `<p>Người quản trị chọn các thủ tục của nơi này bằng cách thêm mục <code>procedures:</code> (danh sách mã thủ tục, ví dụ <code>1.001193</code>) cho <code>id: ${escapeHtml(office.id)}</code> trong tệp <code>offices.yaml</code> của danh mục, rồi chạy <code>motcua validate</code>. Mã thủ tục tra bằng <code>motcua search "từ khóa"</code>.</p>` +
      `<p><a href="${escapeHtml(allHref)}">Xem toàn bộ ${atLevel} thủ tục cùng cấp</a> (rất dài).</p>`));
    return;
  }
  res.status(404).json({ error: 'no_procedure_list', message: `${vi} Thêm "procedures:" cho "${office.id}" trong offices.yaml, hoặc thêm ?all=1 để lấy toàn bộ ${atLevel} thủ tục cùng cấp.`, commune: office.id, atLevel });
}

export function createListingRouter(deps: ListingRouterDeps): Router {
  const router = Router();

  router.get('/', (req, res) => {
    res.type('html').send(page('Danh mục thủ tục hành chính', `<h1>Danh mục thủ tục hành chính (rút gọn)</h1>${officeLinks(deps.catalogue(), req.baseUrl)}`));
  });

  router.get('/:file', async (req, res) => {
    const match = /^(.+?)(?:\.(html|md|txt))?$/.exec(req.params.file);
    const commune = match?.[1] ?? req.params.file;
    const format = (match?.[2] ?? 'html') as ListingFormat;
    const catalogue = deps.catalogue();
    try {
      const all = req.query.all === '1' || req.query.all === 'true';
      const { body } = await renderListingAsync(catalogue, commune, format, { links: deps.links, now: deps.clock.now(), all });
      res.set('Content-Type', CONTENT_TYPES[format]).set('Cache-Control', 'no-cache').send(body);
    } catch (error) {
      if (error instanceof NoProcedureListError) noList(res, error, format, `${req.baseUrl}/${encodeURIComponent(req.params.file)}?all=1`);
      else if (error instanceof UnknownCommuneError) notFound(res, req.baseUrl, catalogue, commune, format);
      else throw error;
    }
  });

  return router;
}
