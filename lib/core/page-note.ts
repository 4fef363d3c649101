/**
 * What the popup says about the page in the active tab: which shop it is, what we read on that shop and what not
 * (`COVERAGE`, the same table as README "读取范围"), and why this page gave no price when its content script said so
 * (`PageNote`, kept per tab in storage.session by the worker, lib/background/tab-reads.ts). Types and data only.
 */
import type { PlatformId } from './platforms';

/** Why a page's own responses gave no price (lib/sites/responses.ts ResponseNote). */
export type PageNoteKind = 'masked' | 'unreadable';

export interface PageNote {
  /** The page it was said on: shown only while the tab still shows it. */
  url: string;
  note: PageNoteKind;
  at: number;
}

export { tabNoteKey } from './storage-keys';

export type CoverageItem = 'product' | 'live' | 'video' | 'order' | 'logistics';
type Shop = Exclude<PlatformId, 'generic'>;

/**
 * Per shop, what is read from its web pages, and what is not (and why, when the answer is "in the app").
 * Douyin's orders and parcels are only in its app: they are added by hand.
 */
export const COVERAGE: Record<Shop, { read: CoverageItem[]; notRead: CoverageItem[]; inApp?: boolean }> = {
  jd: { read: ['product', 'order', 'logistics'], notRead: [] },
  taobao: { read: ['product', 'order', 'logistics'], notRead: [] },
  tmall: { read: ['product', 'order', 'logistics'], notRead: [] },
  douyin: { read: ['product', 'live', 'video'], notRead: ['order', 'logistics'], inApp: true },
  pdd: { read: ['product', 'order', 'logistics'], notRead: [] },
};

const HOSTS: readonly [RegExp, Shop][] = [
  [/(^|\.)jd\.(com|hk)$/, 'jd'],
  [/(^|\.)taobao\.com$/, 'taobao'],
  [/(^|\.)tmall\.(com|hk)$/, 'tmall'],
  [/(^|\.)(jinritemai|douyin)\.com$/, 'douyin'],
  [/(^|\.)(yangkeduo|pinduoduo)\.com$/, 'pdd'],
];

/** The shop a tab's URL belongs to, or null. */
export function shopOfUrl(url: string | undefined): Shop | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return HOSTS.find(([re]) => re.test(u.hostname))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** What the popup shows about the active tab (absent: not a shop page). */
export interface PageStatus {
  platform: Shop;
  note?: PageNoteKind;
}

/** The active tab's status from its URL and the note kept for it (a note of another page is not this page's). */
export function pageStatus(url: string | undefined, kept: unknown): PageStatus | null {
  const platform = shopOfUrl(url);
  if (!platform) return null;
  const n = kept as Partial<PageNote> | null | undefined;
  const note =
    n && typeof n === 'object' && n.url === url && (n.note === 'masked' || n.note === 'unreadable') ? n.note : null;
  return note ? { platform, note } : { platform };
}
