// Builds a commune's simplified procedure listing (niêm yết TTHC rút gọn) from the catalogue:
// the desk's procedures grouped by field, with the header and footer every format prints.
import type { Catalogue } from '../catalogue/loader';
import type { Office, Procedure } from '../catalogue/schema';
import { assistantLink, NATIONAL_PORTAL_URL, procedureLink, type ListingLinks } from './links';
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
}

export class UnknownCommuneError extends Error {
  override readonly name = 'UnknownCommuneError';
  constructor(readonly communeId: string, readonly known: readonly string[]) {
    super(`listings: no office "${communeId}" in offices.yaml${known.length > 0 ? `; known: ${known.join(', ')}` : ' (offices.yaml lists none)'}`);
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

export function buildListing(catalogue: Catalogue, communeId: string, options: { links: ListingLinks; now: Date }): Listing {
  const office = findOffice(catalogue, communeId);
  const { groups, missingCodes } = selectProcedures(catalogue, office);
  let number = 0;
  const listingGroups = groups.map(({ field, procedures }) => ({
    field,
    items: procedures.map((p) => summarize(p, ++number, procedureLink(p.code, options.links))),
  }));
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
  };
}
