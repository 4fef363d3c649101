/**
 * A tracking page (kuaidi100, Cainiao, 17TRACK) knows only the number: the parcel is filed under the order that lists
 * it (DESIGN.md: orders and shipments are linked by a tracking number listed on the order), with that order's
 * platform and id, and as a return parcel when the order lists it among its `returnTrackingNumbers`. A number no
 * order holds stays a parcel of its own (the popup offers to attach it). A snapshot that names its order already (a
 * shop's logistics page) is left as it is.
 */
import type { LogisticsSnapshot, OrderSnapshot, PageSnapshot } from '../core/model';
import type { DB } from '../store/db';
import { trackingKey } from '../rules/history';

/** The order (latest capture) that lists `trackingNumber`, and whether as a return parcel; null when none does. */
export function ownerOf(
  orders: readonly OrderSnapshot[],
  trackingNumber: string,
): { order: OrderSnapshot; direction: 'forward' | 'return' } | null {
  const key = trackingKey(trackingNumber);
  let best: { order: OrderSnapshot; direction: 'forward' | 'return' } | null = null;
  for (const o of orders) {
    if (best && best.order.capturedAt > o.capturedAt) continue;
    if ((o.trackingNumbers ?? []).some((n) => trackingKey(n) === key)) best = { order: o, direction: 'forward' };
    else if ((o.returnTrackingNumbers ?? []).some((n) => trackingKey(n) === key))
      best = { order: o, direction: 'return' };
  }
  return best;
}

/** The parcel with its order filled in (see the module comment); `s` itself when there is nothing to fill. */
export function fileUnder(s: LogisticsSnapshot, orders: readonly OrderSnapshot[]): LogisticsSnapshot {
  if (s.orderId) return s;
  const owner = ownerOf(orders, s.trackingNumber);
  if (!owner) return s;
  const { order, direction } = owner;
  return {
    ...s,
    platform: order.platform,
    orderId: order.orderId,
    ...(direction === 'return' ? { direction } : {}),
    ...(s.carrier || !order.carrier ? {} : { carrier: order.carrier }),
  };
}

/** Every stored order snapshot (the `order:` keys of the snapshot store). */
export async function orderSnapshots(d: DB): Promise<OrderSnapshot[]> {
  const range = IDBKeyRange.bound('order:', 'order:\uffff');
  const records = await d.getAllFromIndex('snapshots', 'byKey', range);
  return records.filter((r): r is typeof r & OrderSnapshot => r.kind === 'order');
}

/** A reported snapshot, a parcel without its order filed under the order that lists its number. */
export async function withOwner(d: DB, s: PageSnapshot): Promise<PageSnapshot> {
  if (s.kind !== 'logistics' || s.orderId) return s;
  return fileUnder(s, await orderSnapshots(d));
}
