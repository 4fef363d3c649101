/**
 * Grouping: turns a pile of snapshots into merged orders, shipments and price series
 * (DESIGN.md "Public contracts": orders and shipments are linked by orderId or by a tracking number
 * listed on the order; products by platform + productId). Everything is indexed by key with Maps
 * so evaluate stays O(n log n). Snapshots captured after `now` are ignored: evaluating at a past
 * clock sees only what was known then.
 */
import type {
  History,
  LogisticsSnapshot,
  Money,
  OrderItem,
  OrderSnapshot,
  PageSnapshot,
  Platform,
  Ticket,
  TrackingEvent,
} from '../../../../lib/core/model';
import { PriceBook } from './price-series';

/** The contract's History, plus orders the shopper asked to be reminded about. */
export interface RulesHistory extends History {
  reminders?: { platform: Platform; orderId: string }[];
}

export type MergedOrder = Omit<OrderSnapshot, 'kind' | 'url' | 'trackingNumbers'> & {
  key: string;
  trackingNumbers: string[];
  shipments: MergedShipment[];
};

export interface MergedShipment {
  key: string;
  trackingNumber: string;
  platform?: Platform;
  orderId?: string;
  direction: 'forward' | 'return';
  /** Every order any page said this parcel belongs to: a later page never unlinks an earlier one. */
  refs: { platform?: Platform; orderId: string }[];
  /** Union of every snapshot's events at or before now, deduped by at + text, oldest first. */
  events: TrackingEvent[];
  orders: MergedOrder[];
}

export interface RulesIndex {
  orders: MergedOrder[];
  shipments: MergedShipment[];
  prices: PriceBook;
  tickets: Ticket[];
  reminders: Set<string>;
  /** `orderKey NUL productId` (or `orderKey NUL` for a whole order) the platform's own 价保 page paid: the refunds stated. */
  recovered: Map<string, (Money | undefined)[]>;
  refused: Map<string, string>;
}

export function orderKey(platform: string, orderId: string): string {
  return `${platform}\u0000${orderId}`;
}

const CANONICAL_TRACKING = /^[0-9A-Z-]+$/;

/** Pages print tracking numbers with spaces and in either case; the carrier does not care. */
export function trackingKey(trackingNumber: string): string {
  if (CANONICAL_TRACKING.test(trackingNumber)) return trackingNumber;
  return trackingNumber.replace(/\s+/g, '').toUpperCase();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first; equal capture times fall back to content so shuffled input merges the same way. */
function byCapture(a: PageSnapshot, b: PageSnapshot): number {
  return a.capturedAt - b.capturedAt || compareText(JSON.stringify(a), JSON.stringify(b));
}

/** By id; a duplicate id (two copies of one ticket) falls back to content, so input order never matters. */
function byTicketId(a: Ticket, b: Ticket): number {
  return compareText(a.id, b.id) || compareText(JSON.stringify(a), JSON.stringify(b));
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Copy the fields `src` defines onto `target`: the latest capture wins per field, gaps keep older values. */
function assignDefined<T extends object>(target: T, src: Partial<T>): T {
  for (const key of Object.keys(src) as (keyof T)[]) {
    const value = src[key];
    if (value !== undefined) target[key] = value as T[keyof T];
  }
  return target;
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

export function buildIndex(history: RulesHistory, now: number): RulesIndex {
  const orderGroups = new Map<string, OrderSnapshot[]>();
  const shipmentGroups = new Map<string, LogisticsSnapshot[]>();
  const prices = new PriceBook();
  const recovered = new Map<string, (Money | undefined)[]>();
  const refusals: { key: string; at: number; text: string }[] = [];
  for (const snap of history.snapshots) {
    if (snap.capturedAt > now) continue;
    if (snap.kind === 'claim' && (snap.status === 'failed' || snap.status === 'ineligible') && snap.orderId)
      refusals.push({
        key: `${orderKey(snap.platform, snap.orderId)}\u0000${snap.productId ?? ''}`,
        at: snap.capturedAt,
        text: snap.text.slice(0, 300),
      });
    if (snap.kind === 'claim' && snap.status === 'success' && snap.orderId) {
      const key = `${orderKey(snap.platform, snap.orderId)}\u0000${snap.productId ?? ''}`;
      recovered.set(key, [...(recovered.get(key) ?? []), snap.refund]);
    }
    if (snap.kind === 'order') pushTo(orderGroups, orderKey(snap.platform, snap.orderId), snap);
    else if (snap.kind === 'logistics') pushTo(shipmentGroups, trackingKey(snap.trackingNumber), snap);
    // Price protection compares with the shop's own price: a live room's or a video's price (直播间专享价) is not
    // what 价保 refunds against; seen lower in another channel it is a price-discrepancy (./price-discrepancy.ts).
    else if (snap.kind === 'product' && (snap.channel ?? 'shop') === 'shop') prices.add(snap);
  }
  const orders = [...orderGroups].map(([key, group]) => mergeOrder(key, group.sort(byCapture)));
  const shipments = [...shipmentGroups].map(([key, group]) => mergeShipment(key, group.sort(byCapture), now));
  orders.sort((a, b) => compareText(a.key, b.key));
  shipments.sort((a, b) => compareText(a.key, b.key));
  linkShipments(orders, shipments);
  return {
    orders,
    shipments,
    prices,
    tickets: (history.tickets ?? []).slice().sort(byTicketId),
    reminders: new Set((history.reminders ?? []).map((r) => orderKey(r.platform, r.orderId))),
    recovered,
    refused: new Map(
      refusals
        .sort((a, b) => a.at - b.at || (a.text < b.text ? 1 : a.text > b.text ? -1 : 0))
        .map((r) => [r.key, r.text]),
    ),
  };
}

function mergeOrder(key: string, sorted: OrderSnapshot[]): MergedOrder {
  if (sorted.length === 1) return toMerged(key, sorted[0] as OrderSnapshot, sorted);
  const merged = {} as OrderSnapshot;
  for (const snap of sorted) assignDefined(merged, snap);
  // Payment and placing happen once; a later page showing another time is a display artefact.
  let paidAt: number | undefined;
  let placedAt: number | undefined;
  for (const snap of sorted) {
    paidAt = minDefined(paidAt, snap.paidAt);
    placedAt = minDefined(placedAt, snap.placedAt);
  }
  return toMerged(key, { ...merged, paidAt, placedAt, items: mergeItems(sorted) }, sorted);
}

/** A fixed-shape literal (no rest spread): this runs once per order of a 10,000-order history. */
function toMerged(key: string, snap: OrderSnapshot, sorted: OrderSnapshot[]): MergedOrder {
  return {
    key,
    platform: snap.platform,
    orderId: snap.orderId,
    placedAt: snap.placedAt,
    paidAt: snap.paidAt,
    paid: snap.paid,
    // Raw (unparsed) snapshots may leave out what zod would default; never crash on them.
    items: snap.items ?? [],
    shop: snap.shop,
    status: snap.status,
    shippedAt: snap.shippedAt,
    trackingNumbers: unionTracking(sorted),
    priceProtectionDays: snap.priceProtectionDays,
    priceProtectionUntil: snap.priceProtectionUntil,
    capturedAt: snap.capturedAt,
    shipments: [],
  };
}

function unionTracking(sorted: OrderSnapshot[]): string[] {
  if (sorted.length === 1 && (sorted[0]?.trackingNumbers?.length ?? 0) <= 1) {
    return sorted[0]?.trackingNumbers?.slice() ?? [];
  }
  const all = new Set<string>();
  for (const snap of sorted) for (const tn of snap.trackingNumbers ?? []) all.add(tn);
  return [...all].sort();
}

function itemKeys(item: OrderItem): string[] {
  return item.productId ? [`p:${item.productId}`, `t:${item.title}`] : [`t:${item.title}`];
}

/**
 * Items of the latest snapshot that lists any, with gaps (unit price, window days) filled from older
 * snapshots of the same item: an order list page often omits what the detail page showed.
 */
function mergeItems(sorted: OrderSnapshot[]): OrderItem[] {
  const known = new Map<string, OrderItem>();
  let latest: OrderItem[] = [];
  for (const snap of sorted) {
    if (!snap.items || snap.items.length === 0) continue;
    latest = snap.items;
    for (const item of snap.items) {
      for (const k of itemKeys(item)) known.set(k, assignDefined({ ...known.get(k) } as OrderItem, item));
    }
  }
  return latest.map((item) => {
    const older = known.get(itemKeys(item)[0] as string);
    return older ? assignDefined({ ...older }, item) : item;
  });
}

/** Same instant and text is the same event seen on two pages; the latest capture's copy wins. */
function mergeEvents(sorted: LogisticsSnapshot[], now: number): TrackingEvent[] {
  const all: TrackingEvent[] = [];
  // An event stamped after the clock is not known yet (or is a carrier's estimate).
  for (const snap of sorted) for (const ev of snap.events ?? []) if (ev.at <= now) all.push(ev);
  all.sort((a, b) => a.at - b.at || compareText(a.text, b.text)); // stable: capture order kept in ties
  const events: TrackingEvent[] = [];
  for (const ev of all) {
    const prev = events[events.length - 1];
    if (prev && prev.at === ev.at && prev.text === ev.text) events[events.length - 1] = ev;
    else events.push(ev);
  }
  return events;
}

function orderRefs(sorted: LogisticsSnapshot[]): MergedShipment['refs'] {
  const refs: MergedShipment['refs'] = [];
  for (const snap of sorted) {
    if (!snap.orderId) continue;
    if (!refs.some((r) => r.orderId === snap.orderId && r.platform === snap.platform)) {
      refs.push({ platform: snap.platform, orderId: snap.orderId });
    }
  }
  return refs;
}

function mergeShipment(key: string, sorted: LogisticsSnapshot[], now: number): MergedShipment {
  const merged = sorted.length === 1 ? (sorted[0] as LogisticsSnapshot) : ({} as LogisticsSnapshot);
  if (sorted.length > 1) for (const snap of sorted) assignDefined(merged, snap);
  return {
    key,
    trackingNumber: merged.trackingNumber,
    platform: merged.platform,
    orderId: merged.orderId,
    direction: merged.direction ?? 'forward',
    refs: orderRefs(sorted),
    events: mergeEvents(sorted, now),
    orders: [],
  };
}

/** By orderId (same platform when the shipment names one) or by a tracking number on the order. */
function linkShipments(orders: MergedOrder[], shipments: MergedShipment[]): void {
  const byOrderId = new Map<string, MergedOrder[]>();
  const byTracking = new Map<string, MergedOrder[]>();
  for (const order of orders) {
    pushTo(byOrderId, order.orderId, order);
    for (const tn of order.trackingNumbers) pushTo(byTracking, trackingKey(tn), order);
  }
  for (const shipment of shipments) {
    const linked: MergedOrder[] = [];
    const add = (order: MergedOrder) => {
      if (!linked.includes(order)) linked.push(order);
    };
    for (const ref of shipment.refs) {
      for (const order of byOrderId.get(ref.orderId) ?? [])
        if (!ref.platform || ref.platform === order.platform) add(order);
    }
    for (const order of byTracking.get(shipment.key) ?? []) add(order);
    if (linked.length > 1) linked.sort((a, b) => compareText(a.key, b.key));
    shipment.orders = linked;
    for (const order of linked) order.shipments.push(shipment);
  }
}
