/**
 * Background price re-check: fetch due product pages (supported shop hosts only), read the price from
 * server HTML where the adapter can, store it as an observation; where it cannot (price filled by
 * script, login wall), remind the shopper once a day to open the page so the content script captures it.
 */
import { addSnapshot, getMeta, setMeta, type DB } from '../store/db';
import { META } from '../store/meta';
import { PageSnapshotSchema, type Settings } from '../core/model';
import { afterRecheck, dueRechecks, isShopUrl, type RecheckTarget } from './recheck';

const MAX_HTML = 5 * 1024 * 1024;

/** A product page's server HTML read as a snapshot, or null. Untrusted (it may come from the offscreen document): validated here. */
export type ParseHtml = (html: string, url: string, now: number) => Promise<unknown>;

export interface RecheckOutcome {
  updated: RecheckTarget[];
  remind: RecheckTarget[];
}

async function fetchHtml(url: string): Promise<string | null> {
  const res = await fetch(url, { credentials: 'include', redirect: 'follow', signal: AbortSignal.timeout(15_000) });
  // A redirect to a login page or another host is not the product page.
  if (!res.ok || !isShopUrl(res.url || url)) return null;
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
