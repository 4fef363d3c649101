/**
 * What the popup shows of each order: paid, the protection window (start, end, how far along), and the
 * parcel's latest stage. Pure over stored snapshots.
 */
import type { Evidence, EvidenceKind, Money, OrderSnapshot, PageSnapshot, Platform, Settings, Stage } from './model';
import { hasFile } from './evidence-chain';
import { orderRef, productRef } from './keys';
import { kuaidi100Url } from './tracking-link';

const DAY = 86_400_000;

export interface OrderRow {
  key: string;
  platform: Platform;
  orderId: string;
  url: string;
  shop?: string;
  title: string;
  paid: Money;
  paidAt?: number;
  status?: string;
  windowStart?: number;
  windowEnd?: number;
  trackingNumber?: string;
  /** "查物流": the parcel's kuaidi100 page (lib/core/tracking-link.ts), when there is a tracking number it takes. */
  trackUrl?: string;
  stage?: Stage;
  lastEvent?: string;
  /** How many evidence items the order has (screenshots, attachments, archives); absent until counted. */
  evidenceCount?: number;
  /** The order's latest facts were typed in by the shopper (an app order, order/add): shown as 手动录入. */
  source?: 'manual';
}

/** One piece of an order's evidence as the gallery lists it: the record's facts, never its bytes. */
export interface OrderEvidenceItem {
  id: string;
  kind: EvidenceKind;
  capturedAt: number;
  sha256: string;
  mime: string;
  title?: string;
  caption?: string;
  fileName?: string;
}

/**
 * An order's evidence from the records that carry its order id (one index read): newest first, without
 * deletion records and what they removed, and without another platform's order of the same number.
 * Attachments have no platform: they count for the order id they were added to. A typed-in order's entry record
 * (`order-entry`) has no file: the order row says "entered by hand" instead of listing it as a picture.
 */
export function orderEvidence(records: readonly Evidence[], platform: Platform): OrderEvidenceItem[] {
  const deleted = new Set<string>();
  for (const r of records) if (r.kind === 'deletion' && r.deletes) deleted.add(r.deletes);
  return records
    .filter((r) => hasFile(r) && !deleted.has(r.id) && (r.platform === undefined || r.platform === platform))
    .sort((a, b) => b.capturedAt - a.capturedAt || b.seq - a.seq)
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      capturedAt: r.capturedAt,
      sha256: r.sha256,
      mime: r.mime,
      ...(r.title ? { title: r.title } : {}),
      ...(r.caption ? { caption: r.caption } : {}),
      ...(r.fileName ? { fileName: r.fileName } : {}),
    }));
}

export function orderRows(
  snaps: readonly PageSnapshot[],
  settings: Pick<Settings, 'protectionDays'>,
  limit = 200,
): OrderRow[] {
  const orders = new Map<string, OrderSnapshot>();
  const paidAt = new Map<string, number>();
  for (const s of snaps) {
    if (s.kind !== 'order') continue;
    const key = orderRef(s.platform, s.orderId);
    const prev = orders.get(key);
    if (!prev || prev.capturedAt <= s.capturedAt) orders.set(key, s);
    const p = s.paidAt ?? s.placedAt;
    if (p !== undefined && (paidAt.get(key) ?? Infinity) > p) paidAt.set(key, p);
  }
  // A parcel's latest event, by tracking number and by the order id its page names (any platform).
  type Parcel = { at: number; stage: Stage; text: string; tn: string };
  const byTracking = new Map<string, Parcel>();
  const byOrderId = new Map<string, Parcel>();
  for (const s of snaps) {
    if (s.kind !== 'logistics') continue;
    const last = s.events[s.events.length - 1];
    if (!last) continue;
    const parcel = { at: last.at, stage: last.stage, text: last.text, tn: s.trackingNumber };
    for (const [map, k] of [
      [byTracking, s.trackingNumber],
      [byOrderId, s.orderId],
    ] as const) {
      if (!k) continue;
      const prev = map.get(k);
      if (!prev || prev.at <= last.at) map.set(k, parcel);
    }
  }
  const rows: OrderRow[] = [];
  for (const [key, o] of orders) {
    const start = paidAt.get(key);
    const end =
      o.priceProtectionUntil ??
      (start !== undefined
        ? start + (o.priceProtectionDays ?? settings.protectionDays[o.platform] ?? 7) * DAY
        : undefined);
    const parcel = (o.trackingNumbers ?? []).map((tn) => byTracking.get(tn)).find(Boolean) ?? byOrderId.get(o.orderId);
    rows.push({
      key,
      platform: o.platform,
      orderId: o.orderId,
      url: o.url,
      title: o.items[0]?.title ?? o.orderId,
      paid: o.paid,
      ...(o.shop ? { shop: o.shop } : {}),
      ...(o.status ? { status: o.status } : {}),
      ...(o.source === 'manual' ? { source: 'manual' as const } : {}),
      ...(start !== undefined ? { paidAt: start, windowStart: start } : {}),
      ...(end !== undefined ? { windowEnd: end } : {}),
      ...(parcel
        ? { trackingNumber: parcel.tn, stage: parcel.stage, lastEvent: parcel.text }
        : o.trackingNumbers?.[0]
          ? { trackingNumber: o.trackingNumbers[0] }
          : {}),
    });
  }
  for (const row of rows) {
    const url = row.trackingNumber ? kuaidi100Url(row.trackingNumber, orders.get(row.key)?.carrier) : null;
    if (url) row.trackUrl = url;
  }
  return rows.sort((a, b) => (b.paidAt ?? 0) - (a.paidAt ?? 0)).slice(0, limit);
}

type Point = { at: number; amount: number };

/** Every product's price points in one pass, keyed `platform:productId`, oldest first and thinned. */
export function priceHistories(snaps: readonly PageSnapshot[], max = 60): Map<string, Point[]> {
  const by = new Map<string, Point[]>();
  for (const s of snaps) {
    if (s.kind !== 'product') continue;
    const key = productRef(s.platform, s.productId);
    const list = by.get(key) ?? [];
    list.push({ at: s.capturedAt, amount: s.price.amount });
    by.set(key, list);
  }
  for (const [key, pts] of by)
    by.set(
      key,
      thin(
        pts.sort((a, b) => a.at - b.at),
        max,
      ),
    );
  return by;
}

/** Price points of one product, oldest first, thinned to at most `max` points (first and last kept). */
export function priceHistory(snaps: readonly PageSnapshot[], platform: string, productId: string, max = 60): Point[] {
  return (
    priceHistories(
      snaps.filter((s) => s.kind === 'product' && s.platform === platform && s.productId === productId),
      max,
    ).get(productRef(platform, productId)) ?? []
  );
}

function thin(pts: Point[], max: number): Point[] {
  if (pts.length <= max) return pts;
  const step = (pts.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => pts[Math.round(i * step)] as Point);
}
