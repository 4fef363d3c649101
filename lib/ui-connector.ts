/**
 * PopupActions over the real extension: reads go straight to IndexedDB (same origin as the worker,
 * no message round trip for a thousand rows); anything that captures or writes the chain goes through
 * the background.
 *
 * The first screen reads only what it shows: evidence records are never read in bulk, only through
 * the byOrderId / byProductId indexes for the rows on screen (issue #8: a thousand orders with five
 * thousand evidence records), and image bytes only when a thumbnail scrolls into view.
 */
import { browser } from 'wxt/browser';
import type { PopupActions, PopupData, ProductRow } from '@/components/actions';
import { PAGE } from './page-size';
import { isOpen } from './alert-open';
import { backgroundNow } from './background-now';
import { storedNow } from './clock';
import { db, getMeta, type DB, type SnapshotRecord } from './db';
import { thumbnails } from './thumbnails';
import { orderEvidence, orderRows, priceHistories, type OrderRow } from './order-rows';
import { orderPagePath } from './order-page';
import type { Evidence, ProductSnapshot } from './model';

export function productRows(snapshots: SnapshotRecord[], evidence: Evidence[]): ProductRow[] {
  const latestEvidence = new Map<string, Evidence>();
  for (const e of evidence) {
    if (!e.productId || e.kind === 'deletion') continue;
    const k = `${e.platform}:${e.productId}`;
    const prev = latestEvidence.get(k);
    if (!prev || prev.seq < e.seq) latestEvidence.set(k, e);
  }
  const rows = new Map<string, ProductRow>();
  for (const s of snapshots) {
    if (s.kind !== 'product') continue;
    const p = s as ProductSnapshot & SnapshotRecord;
    const prev = rows.get(p.key);
    const observations = (prev?.observations ?? 0) + 1;
    if (prev && prev.seenAt > p.capturedAt) {
      prev.observations = observations;
      continue;
    }
    const ev = latestEvidence.get(`${p.platform}:${p.productId}`);
    rows.set(p.key, {
      key: p.key,
      platform: p.platform,
      productId: p.productId,
      title: p.title,
      url: p.url,
      price: p.price,
      ...(p.listPrice ? { listPrice: p.listPrice } : {}),
      ...(p.priceSource ? { priceSource: p.priceSource } : {}),
      seenAt: p.capturedAt,
      observations,
      ...(ev ? { evidenceId: ev.id } : {}),
    });
  }
  return [...rows.values()].sort((a, b) => b.seenAt - a.seenAt);
}

type OrderRef = Pick<OrderRow, 'key' | 'platform' | 'orderId'>;

/** Evidence counts of some orders: one readonly transaction, one byOrderId read per distinct order id. */
export async function evidenceCounts(d: DB, orders: readonly OrderRef[]): Promise<Record<string, number>> {
  if (orders.length === 0) return {};
  const index = d.transaction('evidence').store.index('byOrderId');
  const ids = [...new Set(orders.map((o) => o.orderId))];
  const records = new Map(await Promise.all(ids.map(async (id) => [id, await index.getAll(id)] as const)));
  const counts: Record<string, number> = {};
  for (const o of orders) counts[o.key] = orderEvidence(records.get(o.orderId) ?? [], o.platform).length;
  return counts;
}

/** Each product row's latest screenshot (by the chain's order), read through byProductId. */
export async function linkLatestEvidence(d: DB, rows: ProductRow[]): Promise<void> {
  if (rows.length === 0) return;
  const index = d.transaction('evidence').store.index('byProductId');
  const lists = await Promise.all(rows.map((r) => index.getAll(r.productId)));
  rows.forEach((row, i) => {
    let latest: Evidence | undefined;
    for (const e of lists[i] ?? []) if (e.kind !== 'deletion' && e.platform === row.platform && (!latest || latest.seq < e.seq)) latest = e;
    if (latest) row.evidenceId = latest.id;
  });
}

/** Everything the popup's first screen shows, read straight from IndexedDB and storage. */
async function loadPopupData(): Promise<PopupData> {
  performance.mark('popup:load');
  // Settings are zod-checked (zod is the largest module, in a chunk of its own): it loads beside the
  // database work instead of before the popup's first frame, asked for first.
  const settingsLoaded = import('./settings').then((m) => m.loadSettings());
  const d = await db();
  // The background's clock (moved in the test build) decides what is open and how long is left: read
  // from its stored offset, not asked of the worker (waking it cost up to 70 ms on a busy machine).
  const [now, snapshots, failures, alerts, settings] = await Promise.all([
    storedNow(d),
    d.getAll('snapshots'),
    getMeta<unknown[]>(d, 'captureFailures'),
    d.getAll('alerts'),
    settingsLoaded,
  ]);
  const orders = orderRows(snapshots, settings);
  const products = productRows(snapshots, []).slice(0, 200);
  const [counts] = await Promise.all([evidenceCounts(d, orders.slice(0, PAGE)), linkLatestEvidence(d, products)]);
  for (const o of orders) if (counts[o.key] !== undefined) o.evidenceCount = counts[o.key];
  // One pass each over the snapshots: a thousand orders must not make the popup quadratic.
  const histories = priceHistories(snapshots);
  const ownerOf = new Map<string, { orderId: string; unit?: number }>();
  for (const s of snapshots) {
    if (s.kind !== 'order') continue;
    for (const i of s.items) if (i.productId) ownerOf.set(`${s.platform}:${i.productId}`, { orderId: s.orderId, ...(i.unitPrice ? { unit: i.unitPrice.amount } : {}) });
  }
  const orderById = new Map(orders.map((o) => [`${o.platform}:${o.orderId}`, o]));
  for (const p of products) {
    const key = `${p.platform}:${p.productId}`;
    p.history = histories.get(key) ?? [];
    const owner = ownerOf.get(key);
    const row = owner ? orderById.get(`${p.platform}:${owner.orderId}`) : undefined;
    if (owner?.unit !== undefined) p.paidUnit = owner.unit;
    if (row?.windowStart !== undefined && row.windowEnd !== undefined) p.window = { start: row.windowStart, end: row.windowEnd };
  }
  performance.mark('popup:data');
  return {
    products,
    orders,
    captureFailures: failures?.length ?? 0,
    alerts: alerts.filter((r) => isOpen(r, now)).map((r) => r.alert),
    settings,
    now,
  };
}

export function createPopupActions(): PopupActions {
  const thumbs = thumbnails();
  // The first load starts now, while the page renders its first frame, not after it (an effect runs
  // only once that frame is painted).
  let first: Promise<PopupData> | null = loadPopupData();
  first.catch(() => undefined); // reported by load()'s caller, not as an unhandled rejection meanwhile
  return {
    load(): Promise<PopupData> {
      const p = first ?? loadPopupData();
      first = null;
      return p;
    },
    ...thumbs,
    async evidenceCounts(orders) {
      return evidenceCounts(await db(), orders);
    },
    async orderEvidence(order) {
      return orderEvidence(await (await db()).getAllFromIndex('evidence', 'byOrderId', order.orderId), order.platform);
    },
    openEvidence(id) {
      void browser.tabs.create({ url: browser.runtime.getURL(`/evidence.html#${encodeURIComponent(id)}`) });
    },
    openOrderEvidence(order) {
      void browser.tabs.create({ url: browser.runtime.getURL(`/${orderPagePath(order)}`) });
    },
    async captureNow() {
      const r = (await browser.runtime.sendMessage({ type: 'capture/manual' })) as { ok: boolean; error?: string; evidence?: { capturedAt: number; duplicateOf?: string } };
      if (!r.ok) return { ok: false, error: r.error ?? 'unknown error' };
      return r.evidence?.duplicateOf ? { ok: true, sameAs: r.evidence.capturedAt } : { ok: true };
    },
    openOptions() {
      void browser.runtime.openOptionsPage();
    },
    async dismiss(id) {
      await browser.runtime.sendMessage({ type: 'alert/dismiss', id });
    },
    async snooze(id) {
      await browser.runtime.sendMessage({ type: 'alert/dismiss', id, snoozeUntil: (await backgroundNow()) + 24 * 3_600_000 });
    },
    ...(import.meta.env.MODE === 'test'
      ? {
          async timeTravel(hours: number) {
            await browser.runtime.sendMessage({ type: 'test/clock', now: (await backgroundNow()) + hours * 3_600_000 });
          },
        }
      : {}),
    async setLanguage(language) {
      await browser.runtime.sendMessage({ type: 'settings/save', settings: { language } });
    },
    async verifyEvidence() {
      return (await browser.runtime.sendMessage({ type: 'evidence/verify' })) as Awaited<ReturnType<PopupActions['verifyEvidence']>>;
    },
    async correctPrice(platform, productId, price) {
      const r = (await browser.runtime.sendMessage({ type: 'price/correct', platform, productId, price })) as { ok: boolean; error?: string };
      return r.ok ? { ok: true } : { ok: false, error: r.error ?? 'unknown error' };
    },
    async pickPrice() {
      try {
        const r = (await browser.runtime.sendMessage({ type: 'picker/start' })) as { ok: boolean; error?: string };
        return r.ok ? { ok: true } : { ok: false, error: r.error ?? 'unknown error' };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
    buildTicket(alert) {
      void browser.tabs.create({ url: browser.runtime.getURL(`/ticket.html?alert=${encodeURIComponent(alert.id)}`) });
    },
  };
}
