/**
 * Price re-check planning (pure): which products of orders inside an open price-protection window are
 * due for a background look at their page. At most every 6 h per product, jittered so requests never
 * line up; errors back off (12 h, 24 h, capped at 48 h). Only supported shop hosts are ever fetched.
 */
import type { RecheckState } from '../core/worker-state';
import type { OrderSnapshot, PageSnapshot, Settings } from '../core/model';
import { productIndexKey } from '../core/keys';

const H = 3_600_000;
export const RECHECK_EVERY = 6 * H;
const MAX_BACKOFF = 48 * H;
const SHOP_HOST = /(^|\.)(jd\.com|taobao\.com|tmall\.com|jinritemai\.com|yangkeduo\.com)$/;

export type { RecheckState } from '../core/worker-state';

export interface RecheckTarget {
  key: string;
  platform: string;
  productId: string;
  url: string;
}

export function isShopUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && SHOP_HOST.test(u.hostname);
  } catch {
    return false;
  }
}

/** Deterministic jitter in [0, 30 min) from the key, so a restart does not reshuffle the schedule. */
export function jitter(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return h % (30 * 60_000);
}

function windowEnd(o: OrderSnapshot, days: number): number | null {
  if (o.priceProtectionUntil !== undefined) return o.priceProtectionUntil;
  const start = o.paidAt ?? o.placedAt;
  return start === undefined ? null : start + (o.priceProtectionDays ?? days) * 24 * H;
}

export function dueRechecks(
  snaps: readonly PageSnapshot[],
  settings: Settings,
  now: number,
  state: RecheckState,
  limit = 5,
): RecheckTarget[] {
  const lastUrl = new Map<string, { url: string; at: number }>();
  for (const s of snaps) {
    if (s.kind !== 'product') continue;
    const key = productIndexKey(s.platform, s.productId);
    const prev = lastUrl.get(key);
    if (!prev || prev.at < s.capturedAt) lastUrl.set(key, { url: s.url, at: s.capturedAt });
  }
  const due = new Map<string, RecheckTarget & { lastSeen: number }>();
  for (const o of snaps) {
    if (o.kind !== 'order') continue;
    const end = windowEnd(o, settings.protectionDays[o.platform] ?? 7);
    if (end === null || end <= now) continue;
    for (const item of o.items) {
      if (!item.productId) continue;
      const key = productIndexKey(o.platform, item.productId);
      const seen = lastUrl.get(key);
      if (!seen || !isShopUrl(seen.url) || due.has(key)) continue;
      const st = state[key];
      const nextAt = st ? st.nextAt : seen.at + RECHECK_EVERY + jitter(key);
      if (nextAt > now) continue;
      due.set(key, { key, platform: o.platform, productId: item.productId, url: seen.url, lastSeen: seen.at });
    }
  }
  return [...due.values()]
    .sort((a, b) => a.lastSeen - b.lastSeen || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map(({ lastSeen: _l, ...t }) => t);
}

export function afterRecheck(state: RecheckState, key: string, now: number, ok: boolean): RecheckState {
  const failures = ok ? 0 : (state[key]?.failures ?? 0) + 1;
  const wait = ok ? RECHECK_EVERY : Math.min(MAX_BACKOFF, RECHECK_EVERY * 2 ** failures);
  return { ...state, [key]: { nextAt: now + wait + jitter(key), failures } };
}
