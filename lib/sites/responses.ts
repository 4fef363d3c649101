/**
 * Reading a page's own responses (PLATFORMS.md "Reading the page's own responses"; lib/content/page-responses):
 * a reader per site turns the JSON a page fetched into snapshots. The body is page content: readers take fixed paths,
 * check every type, and a reader that throws gives nothing.
 *
 * A reader answers more than snapshots (`ResponseRead`): whether its first snapshot is the page's subject (the
 * product page's product, the live room's product being explained), per-SKU prices of the page's product, and a
 * note when it read nothing for a reason the shopper should hear (`masked`: prices hidden from a logged-out
 * visitor; `unreadable`: an endpoint on the list answered in a shape the reader does not know).
 * `mergeResponseRead` keeps what a page's responses said so far (pure; the content script holds the state).
 */
import type { PageSnapshot, ProductSnapshot } from '../core/model';
import { snapshotKey } from '../core/keys';
import { toUrl } from './extract';

export type SkuPrice = NonNullable<ProductSnapshot['skuPrices']>[number];
export type ResponseNote = 'masked' | 'unreadable';

export interface ResponseRead {
  snapshots: PageSnapshot[];
  /** The first snapshot is what the page is about (a manual capture is filed under it). */
  subject?: boolean;
  /** Per-SKU prices of a product (the response itself may not name it: the page's product then). */
  skus?: { productId: string; prices: SkuPrice[] };
  note?: ResponseNote;
  /**
   * The response adds to what the page itself shows rather than standing for it: a list's later pages (Pinduoduo's
   * order_list_v4 after the first page in window.rawData). The runner then reports the page's own reading as well.
   */
  adds?: boolean;
}

export interface ResponseReader {
  id: string;
  /** Whether this reader knows the response of `request` seen on `page`. */
  matches(request: URL, page: URL): boolean;
  /** Snapshots alone (a reader with nothing more to say), or the full read. */
  read(request: URL, body: unknown, page: URL, now: number): PageSnapshot[] | ResponseRead;
}

const NOTHING: ResponseRead = { snapshots: [] };
const MAX_SNAPSHOTS = 50;

/** Every reader's answer, bounded and never thrown; `readResponse` (lib/sites/index.ts) is its `snapshots`. */
export function readResponseFull(
  readers: readonly ResponseReader[],
  requestUrl: string,
  body: unknown,
  pageUrl: string,
  now: number,
): ResponseRead {
  try {
    const page = toUrl(pageUrl);
    if (!page || typeof requestUrl !== 'string' || requestUrl.length > 4096) return NOTHING;
    const request = new URL(requestUrl, page);
    const reader = readers.find((r) => r.matches(request, page));
    if (!reader) return NOTHING;
    const got = reader.read(request, body, page, now);
    const r: ResponseRead = Array.isArray(got) ? { snapshots: got } : got;
    return { ...r, snapshots: r.snapshots.slice(0, MAX_SNAPSHOTS) };
  } catch {
    return NOTHING;
  }
}

export function readResponseWith(
  readers: readonly ResponseReader[],
  requestUrl: string,
  body: unknown,
  pageUrl: string,
  now: number,
): PageSnapshot[] {
  return readResponseFull(readers, requestUrl, body, pageUrl, now).snapshots;
}

/** What a page's responses said so far, for one page URL. */
export interface ResponseState {
  href: string;
  /** productId of the page's subject, when a response named one. */
  subject: string | null;
  /** The latest snapshot per product (platform + productId) or other page snapshot, in first-seen order. */
  seen: Map<string, PageSnapshot>;
  skus: Map<string, SkuPrice[]>;
  /** A response on this page said it adds to the page's own reading (ResponseRead.adds). */
  adds: boolean;
}

/** What a snapshot is about (lib/core/keys.ts): two reads of one thing keep the later, two things are both kept. */
const keyOf = snapshotKey;

/** The state after one more response on `href` (a new page URL starts afresh). */
export function mergeResponseRead(prev: ResponseState | null, href: string, read: ResponseRead): ResponseState {
  const state: ResponseState =
    prev && prev.href === href ? prev : { href, subject: null, seen: new Map(), skus: new Map(), adds: false };
  if (read.adds) state.adds = true;
  for (const s of read.snapshots) {
    const k = keyOf(s);
    if (!state.seen.has(k) && state.seen.size >= MAX_SNAPSHOTS) continue;
    state.seen.set(k, s);
  }
  const first = read.snapshots[0];
  if (read.subject && first) state.subject = keyOf(first);
  if (read.skus && read.skus.prices.length > 0) {
    if (state.skus.size >= MAX_SNAPSHOTS) state.skus.clear();
    state.skus.set(read.skus.productId, read.skus.prices.slice(0, 200));
  }
  return state;
}

/**
 * What the page's own reading and its responses say together, for a page whose responses add to it (`adds`): the
 * page's own first (its first is the page's subject), then what only the responses name.
 */
export function withPageReading(state: ResponseState, fromPage: PageSnapshot[]): PageSnapshot[] {
  const fromResponses = responseSnapshots(state);
  if (!state.adds) return fromResponses;
  const own = new Set(fromPage.map(keyOf));
  return [...fromPage, ...fromResponses.filter((s) => !own.has(keyOf(s)))].slice(0, MAX_SNAPSHOTS);
}

/** The snapshots to report: the subject first (it gets the screenshot), SKU prices on their product. */
export function responseSnapshots(state: ResponseState): PageSnapshot[] {
  const all = [...state.seen.entries()];
  const at = state.subject ? all.findIndex(([k]) => k === state.subject) : -1;
  if (at > 0) all.unshift(...all.splice(at, 1));
  return all.map(([, s]) => {
    const skus = s.kind === 'product' ? state.skus.get(s.productId) : undefined;
    return skus && s.kind === 'product' ? { ...s, skuPrices: skus } : s;
  });
}
