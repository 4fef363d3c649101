import type { PageSnapshot, Platform } from '../core/model';

export type PageKind = PageSnapshot['kind'];

/**
 * One shop's reader. `extract` reads the DOM only (never writes it) and returns null for pages it
 * does not understand. `examples` lists URLs the adapter must claim: a registry test checks that no
 * two adapters claim the same page (the refined-github url-detection habit, STYLE.md).
 */
export interface SiteAdapter {
  id: Platform;
  /** Page kinds this adapter can produce; the registry test wants a fixture for each. */
  kinds: PageKind[];
  matches(url: URL): boolean;
  /** The primary snapshot of the page (an order page with a tracking timeline → the order). */
  extract(doc: Document, url: URL, now: number): PageSnapshot | null;
  /** Every snapshot the page holds, primary first (an order page may also give its parcels). */
  extractAll?(doc: Document, url: URL, now: number): PageSnapshot[];
  examples: string[];
  /**
   * A stand-in that reads nothing itself (lib/content/structured.ts): the runner puts the reader the background
   * injects for it in its place.
   */
  probe?: true;
}
