/**
 * Where notifications do not show (Firefox for Android: the API is there but nothing appears; a test build's phone
 * surface: no API at all), what would have been a notification waits here and is shown as a banner on the next shop
 * page the shopper opens (lib/background/banner.ts). Pure list operations; the worker stores the list in `meta`.
 */
import { ellipsis } from './ellipsis';

export interface PendingBanner {
  /** The notification id it stands for (an alert id, a reminder id): a newer one with the same id replaces it. */
  id: string;
  title: string;
  message: string;
  /** When it was queued (epoch ms). */
  at: number;
}

/** At most this many wait; older ones give way (the popup's list keeps every alert anyway). */
export const MAX_BANNERS = 5;
/** Shown on one page at most: a banner is a pointer to the popup, not a second list. */
export const BANNERS_PER_PAGE = 3;

/** The list with `b` queued: replaces one with the same id, newest first, at most MAX_BANNERS. */
export function queueBanner(list: readonly PendingBanner[], b: PendingBanner): PendingBanner[] {
  const item = { id: b.id.slice(0, 500), title: ellipsis(b.title, 120), message: ellipsis(b.message, 300), at: b.at };
  return [item, ...list.filter((x) => x.id !== b.id)].slice(0, MAX_BANNERS);
}

/** What one page shows: the newest few. */
export function bannersToShow(list: readonly PendingBanner[]): PendingBanner[] {
  return list.slice(0, BANNERS_PER_PAGE);
}

/**
 * The list after `shown` appeared on a page: each leaves only if it is still the same entry (an id queued again
 * meanwhile, with a newer time, stays for the next page).
 */
export function withoutShown(list: readonly PendingBanner[], shown: readonly PendingBanner[]): PendingBanner[] {
  return list.filter((x) => !shown.some((s) => s.id === x.id && s.at === x.at));
}
