// One entry point for every listing format, shared by the CLI command and the HTTP route.
import type { Catalogue } from '../catalogue/loader';
import { createYielder } from '../event-loop';
import { prepareItemQr, renderHtml } from './html';
import { buildListing, buildListingAsync, type Listing, type ListingOptions } from './listing';
import { renderMarkdown } from './markdown';
import { renderText } from './text';

export const LISTING_FORMATS = ['html', 'md', 'txt'] as const;
export type ListingFormat = (typeof LISTING_FORMATS)[number];

export const CONTENT_TYPES: Record<ListingFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

export function isListingFormat(value: string): value is ListingFormat {
  return (LISTING_FORMATS as readonly string[]).includes(value);
}

export function renderListingAs(listing: Listing, format: ListingFormat): string {
  if (format === 'html') return renderHtml(listing);
  if (format === 'md') return renderMarkdown(listing);
  return renderText(listing);
}

/**
 * Throws UnknownCommuneError when the catalogue's offices.yaml has no such id, and
 * NoProcedureListError when the desk has no list and `all` is not set.
 */
export function renderListing(catalogue: Catalogue, communeId: string, format: ListingFormat, options: ListingOptions): { listing: Listing; body: string } {
  const listing = buildListing(catalogue, communeId, options);
  return { listing, body: renderListingAs(listing, format) };
}

/**
 * As renderListing, for the server: builds the listing and encodes its QR codes a few
 * milliseconds at a time, handing the event loop back in between, so a 2,000-procedure
 * listing does not hold up webhook answers. Throws as renderListing does.
 */
export async function renderListingAsync(catalogue: Catalogue, communeId: string, format: ListingFormat, options: ListingOptions): Promise<{ listing: Listing; body: string }> {
  const pause = createYielder();
  const listing = await buildListingAsync(catalogue, communeId, options, pause);
  if (format === 'html') {
    for (const group of listing.groups) {
      for (const item of group.items) {
        prepareItemQr(item);
        const turn = pause();
        if (turn) await turn;
      }
    }
  }
  return { listing, body: renderListingAs(listing, format) };
}
