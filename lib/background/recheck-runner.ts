/**
 * Background price re-check: fetch due product pages (supported shop hosts only), read the price from
 * server HTML where the adapter can, store it as an observation; where it cannot (price filled by
 * script, login wall), remind the shopper once a day to open the page so the content script captures it.
 */
import { addSnapshot, getMeta, setMeta, type DB } from '../store/db';
import { META } from '../store/meta';
import { PageSnapshotSchema, type Settings } from '../core/model';
import { fetchableUrl } from '../sites/urls';
import { afterRecheck, dueRechecks, isShopUrl, type RecheckTarget } from './recheck';

const MAX_HTML = 5 * 1024 * 1024;

/** A product page's server HTML read as a snapshot, or null. Untrusted (it may come from the offscreen document): validated here. */
export type ParseHtml = (html: string, url: string, now: number) => Promise<unknown>;

export interface RecheckOutcome {
  updated: RecheckTarget[];
  remind: RecheckTarget[];
}

/**
 * How the worker fetches a product page (SECURITY.md, "What the extension never does"):
 * - `credentials: 'omit'`: the re-check reads the public page any visitor gets. The shopper's cookies never
 *   ride on a background request, so it can neither act as the shopper nor tell the shop who is looking.
 * - `redirect: 'manual'`: no redirect is followed, to any host (a worker cannot read where a manual redirect
 *   points, so none is safe to follow). A login wall, an anti-bot page or another host is "cannot read": the
 *   shopper is reminded to open the page instead.
 * - the URL keeps what names the product (`id`, `skuId`…) and drops tracking parameters (`spm`, `scm`,
 *   `utm_*`, `pvid`…; fetchableUrl in lib/sites/urls.ts).
 */
export const RECHECK_FETCH_INIT = { credentials: 'omit', redirect: 'manual', cache: 'no-store' } as const;

/** The URL the re-check fetches for a product page: null when it is not one of the shop hosts over https. */
export function recheckUrl(url: string): string | null {
  const clean = fetchableUrl(url);
  return clean && isShopUrl(clean) ? clean : null;
}

export async function fetchHtml(url: string): Promise<string | null> {
  const target = recheckUrl(url);
  if (!target) return null;
  const res = await fetch(target, { ...RECHECK_FETCH_INIT, signal: AbortSignal.timeout(15_000) });
  // A redirect (opaque under 'manual'), or a response that says it came from elsewhere, is not the product page.
  if (res.type === 'opaqueredirect' || res.redirected || !res.ok) return null;
  if (res.url && (!isShopUrl(res.url) || new URL(res.url).host !== new URL(target).host)) return null;
  const text = await res.text();
  return text.length > MAX_HTML ? null : text;
}

export async function runRechecks(
  d: DB,
  now: number,
  settings: Settings,
  parse: ParseHtml,
  fetchPage = fetchHtml,
): Promise<RecheckOutcome> {
  let state = (await getMeta(d, META.recheckState)) ?? {};
  const targets = dueRechecks(await d.getAll('snapshots'), settings, now, state);
  const outcome: RecheckOutcome = { updated: [], remind: [] };
  for (const t of targets) {
    let snapshot: unknown = null;
    try {
      const html = await fetchPage(t.url);
      snapshot = html ? await parse(html, t.url, now) : null;
    } catch {
      snapshot = null;
    }
    const parsed =
      typeof snapshot === 'object' && snapshot !== null
        ? PageSnapshotSchema.safeParse({
            ...snapshot,
            capturedAt: now,
            ...('kind' in snapshot && snapshot.kind === 'product' ? { priceSource: 'fetch' } : {}),
          })
        : null;
    const ok = !!parsed?.success && parsed.data.kind === 'product' && parsed.data.productId === t.productId;
    if (ok && parsed?.success) {
      await addSnapshot(d, parsed.data);
      outcome.updated.push(t);
    } else {
      outcome.remind.push(t);
    }
    state = afterRecheck(state, t.key, now, ok);
  }
  await setMeta(d, META.recheckState, state);
  return outcome;
}
