/**
 * Running a list of adapters over a page. lib/sites/index.ts runs them all (background, offscreen,
 * tests); each content script runs only its shop family's (entrypoints/*.content.ts), so a shop page
 * never downloads the readers of the other shops.
 */
import type { PageSnapshot } from '../core/model';
import type { SiteAdapter } from './types';

export function toUrl(url: URL | string): URL | null {
  try {
    const u = typeof url === 'string' ? new URL(url) : new URL(url.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** Every snapshot the first adapter claiming the page finds, primary first. Never throws. */
export function extractWith(
  adapters: readonly SiteAdapter[],
  doc: Document,
  url: URL | string,
  now: number,
): PageSnapshot[] {
  const u = toUrl(url);
  const adapter = u ? adapters.find((a) => a.matches(u)) : undefined;
  if (!u || !adapter || !doc) return [];
  try {
    if (adapter.extractAll) return adapter.extractAll(doc, u, now);
    const s = adapter.extract(doc, u, now);
    return s ? [s] : [];
  } catch {
    return [];
  }
}
