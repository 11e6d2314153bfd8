// listings: the simplified procedure listings communes post at their desks, in HTML (A4,
// with QR codes), Markdown and text, for `motcua listing` and GET /listings.
// Builds a commune's simplified procedure listing (niêm yết TTHC rút gọn) from the catalogue:
// the desk's procedures grouped by field, with the header and footer every format prints.
import type { Catalogue } from '../catalogue/loader';
import type { Office, Procedure } from '../catalogue/schema';
import { assistantLink, localOnlyBaseUrl, NATIONAL_PORTAL_URL, procedureLink, type ListingLinks } from './links';
import { summarize, type ListingItem } from './summary';

export interface ListingGroup {
  field: string;
  items: ListingItem[];
}

export interface Listing {
  office: Office;
  /** Local date in Asia/Ho_Chi_Minh, "24/11/2026". */
  date: string;
  catalogueVersion: string;
  groups: ListingGroup[];
  total: number;
  /** Codes the office lists that the catalogue does not have; reported to the operator, not printed. */
  missingCodes: string[];
  portalUrl: string;
  assistantUrl: string;
  /** True when links open the Telegram bot rather than the web page. */
  viaTelegram: boolean;
  /** Set when the links and QR codes open an address only the server reaches (localhost). */
  localBaseUrl?: string;
}

export interface ListingOptions {
  links: ListingLinks;
  now: Date;
  /** For a desk without a `procedures` list: every procedure at its level (`--all`). */
  all?: boolean;
}

export class UnknownCommuneError extends Error {
  override readonly name = 'UnknownCommuneError';
  constructor(readonly communeId: string, readonly known: readonly string[]) {
    super(`listings: no office "${communeId}" in offices.yaml${known.length > 0 ? `; known: ${known.join(', ')}` : ' (offices.yaml lists none)'}`);
  }
}

/**
 * The desk has no `procedures` list in offices.yaml: printing every procedure at its level
 * (hundreds of pages) is almost never what a clerk wants, so it is done only when asked.
 */
export class NoProcedureListError extends Error {
  override readonly name = 'NoProcedureListError';
  constructor(readonly office: Office, readonly atLevel: number) {
    super(`listings: office "${office.id}" has no procedures list in offices.yaml (${atLevel} procedures at its level)`);
  }
}

const dateFormat = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });

export function formatListingDate(at: Date): string {
  return dateFormat.format(at);
}

const collator = new Intl.Collator('vi');

export function findOffice(catalogue: Catalogue, communeId: string): Office {
  const office = catalogue.offices.find((o) => o.id === communeId);
  if (!office) throw new UnknownCommuneError(communeId, catalogue.offices.map((o) => o.id));
  return office;
}

/**
 * The office's own list, in the order the province wrote it (fields in order of first
 * appearance); otherwise every procedure at its level, fields and names in Vietnamese order.
 */
export function selectProcedures(catalogue: Catalogue, office: Office): { groups: Array<{ field: string; procedures: Procedure[] }>; missingCodes: string[] } {
  const missingCodes: string[] = [];
  let chosen: Procedure[];
  if (office.procedures) {
    const seen = new Set<string>();
    chosen = [];
    for (const code of office.procedures) {
      if (seen.has(code)) continue;
      seen.add(code);
      const procedure = catalogue.byCode.get(code);
      if (procedure) chosen.push(procedure);
      else missingCodes.push(code);
    }
  } else {
    chosen = catalogue.procedures
      .filter((p) => p.levels.includes(office.level))
      .sort((a, b) => collator.compare(a.field, b.field) || collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
  }
  const byField = new Map<string, Procedure[]>();
  for (const procedure of chosen) {
    const list = byField.get(procedure.field);
    if (list) list.push(procedure);
    else byField.set(procedure.field, [procedure]);
  }
  return { groups: [...byField].map(([field, procedures]) => ({ field, procedures })), missingCodes };
}

/**
 * Throws UnknownCommuneError for an unknown id and NoProcedureListError for a desk without a
 * list unless `all` is set.
 */
export function buildListing(catalogue: Catalogue, communeId: string, options: ListingOptions): Listing {
  const steps = listingSteps(catalogue, communeId, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** As buildListing, handing the event loop back through `pause` between procedures (see src/event-loop.ts). */
export async function buildListingAsync(catalogue: Catalogue, communeId: string, options: ListingOptions, pause: () => Promise<void> | undefined): Promise<Listing> {
  const steps = listingSteps(catalogue, communeId, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const turn = pause();
    if (turn) await turn;
  }
}

/** The listing, built one procedure per step. */
function* listingSteps(catalogue: Catalogue, communeId: string, options: ListingOptions): Generator<void, Listing> {
  const office = findOffice(catalogue, communeId);
  if (!office.procedures && !options.all) throw new NoProcedureListError(office, catalogue.procedures.filter((p) => p.levels.includes(office.level)).length);
  const { groups, missingCodes } = selectProcedures(catalogue, office);
  yield;
  let number = 0;
  const listingGroups: ListingGroup[] = [];
  for (const { field, procedures } of groups) {
    const items: ListingItem[] = [];
    for (const p of procedures) {
      items.push(summarize(p, ++number, procedureLink(p.code, options.links)));
      yield;
    }
    listingGroups.push({ field, items });
  }
  return {
    office,
    date: formatListingDate(options.now),
    catalogueVersion: catalogue.version,
    groups: listingGroups,
    total: number,
    missingCodes,
    portalUrl: NATIONAL_PORTAL_URL,
    assistantUrl: assistantLink(options.links),
    viaTelegram: options.links.botUsername !== undefined,
    ...(localOnlyBaseUrl(options.links) ? { localBaseUrl: localOnlyBaseUrl(options.links) } : {}),
  };
}
