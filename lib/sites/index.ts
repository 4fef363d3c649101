import type { PageSnapshot } from '../model';
import type { SiteAdapter } from './types';
import { jd } from './jd';
import { taobao } from './taobao';
import { tmall } from './tmall';
import { douyin } from './douyin';
import { pdd } from './pdd';
import { generic } from './generic';

/** Platform adapters first; `generic` (schema.org) last, the fallback for any other http(s) page. */
export const ADAPTERS: readonly SiteAdapter[] = [jd, taobao, tmall, douyin, pdd, generic];

export function adapterFor(url: URL): SiteAdapter | null {
  return ADAPTERS.find((a) => a.matches(url)) ?? null;
}

function toUrl(url: URL | string): URL | null {
  try {
    const u = typeof url === 'string' ? new URL(url) : new URL(url.href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * Every snapshot a page holds, primary first (an order page may also give its parcel timeline; a PDD
 * order list gives each order). Never throws.
 */
export function extractAll(doc: Document, url: URL | string, now: number = Date.now()): PageSnapshot[] {
  const u = toUrl(url);
  const adapter = u ? adapterFor(u) : null;
  if (!u || !adapter || !doc) return [];
  try {
    if (adapter.extractAll) return adapter.extractAll(doc, u, now);
    const s = adapter.extract(doc, u, now);
    return s ? [s] : [];
  } catch {
    return [];
  }
}

/**
 * PUBLIC CONTRACT (DESIGN.md): reads a page into its primary snapshot, or null when the page is not a
 * product/order/logistics page we know. Never throws: hostile or broken pages give null.
 */
export function extractPage(doc: Document, url: URL | string, now: number = Date.now()): PageSnapshot | null {
  const u = toUrl(url);
  const adapter = u ? adapterFor(u) : null;
  if (!u || !adapter || !doc) return null;
  try {
    return adapter.extract(doc, u, now);
  } catch {
    return null;
  }
}
