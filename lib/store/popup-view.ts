/**
 * The popup's first screen, computed once and kept (meta `popupView`), so opening the popup reads one
 * record instead of every snapshot (reading a thousand orders as a thousand records was most of the
 * popup's first render; `BENCH_ONLY=chromium BENCH_BROWSER=popup npm run bench` measures it).
 *
 * The view is only ever a shortcut, never a second truth: it carries a stamp of everything it was
 * computed from (the newest snapshot id, the newest evidence sequence number, the stored settings as
 * raw JSON) read in the same transaction as the data. The popup uses it only when the stamp still
 * matches; otherwise it computes from the snapshots as before and stores the result. The background
 * rebuilds it after each change it makes, so the next open usually finds it current. Alerts, the
 * clock and capture failures are never part of it: the popup reads those live.
 */
import { PAGE } from '../core/page-size';
import { getMeta, setMeta, type DB, type SnapshotRecord } from './db';
import { META } from './meta';
import { orderEvidence, orderRows, priceHistories, type OrderRow } from '../core/order-rows';
import type { Evidence, ProductSnapshot, Settings } from '../core/model';
import { orderRef, productRef } from '../core/keys';
import type { ProductRow, StrayParcel } from '../core/popup-view';
import { trackingKey } from '../rules/history';

export const VIEW_KEY = META.popupView;
/** 2: settings carry `timestamping` (a view kept by version 1 has settings without it). */
const FORMAT = 2;

export interface ViewStamp {
  format: number;
  /** Highest snapshot id (snapshots are append-only; ids are never reused, clear() included). */
  snapshot: number;
  /** Highest evidence sequence number, -1 for none (every change to the chain appends, deletions too). */
  evidence: number;
  /** storage.sync `settings` exactly as stored, JSON: the view's rows depend on them. */
  settings: string;
}

export interface PopupView {
  stamp: ViewStamp;
  orders: OrderRow[];
  /** Parcels no order lists (absent in views kept before there were any). */
  strayParcels?: StrayParcel[];
  products: ProductRow[];
  settings: Settings;
}

export function sameStamp(a: ViewStamp | undefined, b: ViewStamp): boolean {
  return (
    !!a && a.format === b.format && a.snapshot === b.snapshot && a.evidence === b.evidence && a.settings === b.settings
  );
}

/** The stamp of what is stored now, plus (when asked) every snapshot, in one readonly transaction. */
export async function readStamp(
  d: DB,
  settingsRaw: string,
  withSnapshots: true,
): Promise<{ stamp: ViewStamp; snapshots: SnapshotRecord[] }>;
export async function readStamp(
  d: DB,
  settingsRaw: string,
  withSnapshots?: false,
): Promise<{ stamp: ViewStamp; snapshots: null }>;
export async function readStamp(
  d: DB,
  settingsRaw: string,
  withSnapshots = false,
): Promise<{ stamp: ViewStamp; snapshots: SnapshotRecord[] | null }> {
  const tx = d.transaction(['snapshots', 'evidence'], 'readonly');
  const [snap, ev, snapshots] = await Promise.all([
    tx.objectStore('snapshots').openKeyCursor(null, 'prev'),
    tx.objectStore('evidence').index('bySeq').openKeyCursor(null, 'prev'),
    withSnapshots ? tx.objectStore('snapshots').getAll() : Promise.resolve(null),
  ]);
  const stamp: ViewStamp = {
    format: FORMAT,
    snapshot: typeof snap?.key === 'number' ? snap.key : 0,
    evidence: typeof ev?.key === 'number' ? ev.key : -1,
    settings: settingsRaw,
  };
  return { stamp, snapshots };
}

/** The kept view, when it was computed from exactly what is stored now. */
export async function currentView(d: DB, settingsRaw: string): Promise<PopupView | null> {
  const [view, { stamp }] = await Promise.all([getMeta(d, VIEW_KEY), readStamp(d, settingsRaw)]);
  return view && sameStamp(view.stamp, stamp) ? view : null;
}

export function productRows(snapshots: SnapshotRecord[], evidence: Evidence[]): ProductRow[] {
  const latestEvidence = new Map<string, Evidence>();
  for (const e of evidence) {
    if (!e.productId || !e.platform || e.kind === 'deletion') continue; // a product row always has a platform
    const k = productRef(e.platform, e.productId);
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
    const ev = latestEvidence.get(productRef(p.platform, p.productId));
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
    for (const e of lists[i] ?? [])
      if (e.kind !== 'deletion' && e.platform === row.platform && (!latest || latest.seq < e.seq)) latest = e;
    if (latest) row.evidenceId = latest.id;
  });
}

/** Orders (first page with evidence counts) and products (with price history and window) from the snapshots. */
export async function computeView(
  d: DB,
  stamp: ViewStamp,
  snapshots: SnapshotRecord[],
  settings: Settings,
): Promise<PopupView> {
  const orders = orderRows(snapshots, settings);
  const products = productRows(snapshots, []).slice(0, 200);
  const [counts] = await Promise.all([evidenceCounts(d, orders.slice(0, PAGE)), linkLatestEvidence(d, products)]);
  for (const o of orders) if (counts[o.key] !== undefined) o.evidenceCount = counts[o.key];
  // One pass each over the snapshots: a thousand orders must not make the popup quadratic.
  const histories = priceHistories(snapshots);
  const ownerOf = new Map<string, { orderId: string; unit?: number }>();
  for (const s of snapshots) {
    if (s.kind !== 'order') continue;
    for (const i of s.items)
      if (i.productId)
        ownerOf.set(productRef(s.platform, i.productId), {
          orderId: s.orderId,
          ...(i.unitPrice ? { unit: i.unitPrice.amount } : {}),
        });
  }
  const orderById = new Map(orders.map((o) => [orderRef(o.platform, o.orderId), o]));
  for (const p of products) {
    const key = productRef(p.platform, p.productId);
    p.history = histories.get(key) ?? [];
    const owner = ownerOf.get(key);
    const row = owner ? orderById.get(orderRef(p.platform, owner.orderId)) : undefined;
    if (owner?.unit !== undefined) p.paidUnit = owner.unit;
    if (row?.windowStart !== undefined && row.windowEnd !== undefined)
      p.window = { start: row.windowStart, end: row.windowEnd };
  }
  const stray = strayParcels(snapshots);
  return { stamp, orders, ...(stray.length ? { strayParcels: stray } : {}), products, settings };
}

/**
 * Parcels whose latest read names no order and whose number no order lists, newest read first: at most 20 (the popup
 * is short). A parcel filed later (`parcel/attach`, or an order page that lists the number) is no longer stray.
 */
export function strayParcels(snapshots: readonly SnapshotRecord[]): StrayParcel[] {
  const listed = new Set<string>();
  const latest = new Map<string, SnapshotRecord & { kind: 'logistics' }>();
  for (const s of snapshots) {
    if (s.kind === 'order')
      for (const n of [...(s.trackingNumbers ?? []), ...(s.returnTrackingNumbers ?? [])]) listed.add(trackingKey(n));
    else if (s.kind === 'logistics') latest.set(trackingKey(s.trackingNumber), s);
  }
  const out: StrayParcel[] = [];
  for (const [key, s] of latest) {
    if (s.orderId || listed.has(key)) continue;
    const last = s.events.at(-1);
    out.push({
      trackingNumber: s.trackingNumber,
      ...(s.carrier ? { carrier: s.carrier } : {}),
      ...(last ? { lastEvent: { at: last.at, text: last.text } } : {}),
      capturedAt: s.capturedAt,
    });
  }
  return out.sort((a, b) => b.capturedAt - a.capturedAt).slice(0, 20);
}

/** The view from what is stored now, not yet kept. */
export async function freshView(d: DB, settings: Settings, settingsRaw: string): Promise<PopupView> {
  const { stamp, snapshots } = await readStamp(d, settingsRaw, true);
  return computeView(d, stamp, snapshots, settings);
}

export async function keepView(d: DB, view: PopupView): Promise<void> {
  await setMeta(d, VIEW_KEY, view);
}

/** Computes the view from what is stored now and keeps it. Safe to run at any time, from any page or the worker. */
export async function rebuildView(d: DB, settings: Settings, settingsRaw: string): Promise<PopupView> {
  const view = await freshView(d, settings, settingsRaw);
  await keepView(d, view);
  return view;
}

/** storage.sync `settings` as stored (the stamp's settings part): JSON, '' when none. */
export function rawSettings(stored: unknown): string {
  return stored === undefined ? '' : JSON.stringify(stored);
}
