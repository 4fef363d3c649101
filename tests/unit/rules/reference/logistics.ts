/**
 * Parcel rules: DESIGN.md "Rules the product encodes".
 * - no-pickup (无揽收): `noPickupHours` after payment (else placing) with no carrier scan.
 * - shipped-no-scan (虚假发货): `shippedNoScanHours` after the shop marked it shipped, no carrier scan.
 *   Both can apply to one order at once and both are returned: they lead to different tickets
 *   (the payment clock and the shipping clock are separate promises of the seller).
 * - logistics-stalled (物流停滞): `stallHours` since the last event of a shipment not delivered.
 *   A parcel in a locker/驿站 waits for the buyer, not the carrier: no stall. The id carries the last
 *   event time, so new movement followed by a new stall is a new alert.
 * - delivery-exception: one alert per exception/returning event; a later delivered event means the
 *   problem resolved (e.g. 滞留 then 签收), so nothing is raised.
 * Return shipments (direction 'return') are watched exactly like forward ones.
 */
import type { Alert, Settings, Stage, TrackingEvent } from '../../../../lib/core/model';
import type { MergedOrder, MergedShipment } from './history';
import { hoursMs } from '../../../../lib/rules/settings';
import { isClosed } from '../../../../lib/rules/status';
import { formatHours } from '../../../../lib/rules/text';

/** A carrier has physically handled the parcel: anything from pickup on. `info` is only a label. */
const SCAN_STAGES = new Set<Stage>([
  'pickup',
  'transit',
  'delivering',
  'locker',
  'delivered',
  'exception',
  'returning',
]);
const PROBLEM_STAGES = new Set<Stage>(['exception', 'returning']);
/** Events are already cut at `now` by buildIndex, so any scan here happened by now. */
export function hasCarrierScan(order: MergedOrder): boolean {
  // Issue 18: a return parcel's scans are the buyer's parcel moving, not the seller's (the one rule change since).
  return order.shipments.some((s) => s.direction !== 'return' && s.events.some((e) => SCAN_STAGES.has(e.stage)));
}

/** Subject fields set in place: no temporary objects, this runs for every open order. */
function aboutOrder(alert: Alert, order: MergedOrder): Alert {
  alert.platform = order.platform;
  alert.orderId = order.orderId;
  const trackingNumber = order.shipments[0]?.trackingNumber ?? order.trackingNumbers[0];
  if (trackingNumber) alert.trackingNumber = trackingNumber;
  return alert;
}

/** The clocks that can still raise an order alert; none once scanned or closed. */
export function waitingOrder(order: MergedOrder): boolean {
  return !isClosed(order) && !hasCarrierScan(order);
}

export function noPickupAlert(order: MergedOrder, now: number, settings: Settings): Alert | null {
  const start = order.paidAt ?? order.placedAt;
  if (start === undefined || !waitingOrder(order)) return null;
  const dueAt = start + hoursMs(settings.noPickupHours);
  if (now < dueAt) return null;
  return aboutOrder(
    {
      id: `no-pickup:${order.platform}:${order.orderId}`,
      kind: 'no-pickup',
      raisedAt: dueAt,
      message: `付款已超过 ${formatHours(settings.noPickupHours)} 小时，仍无揽收记录`,
    },
    order,
  );
}

export function shippedNoScanAlert(order: MergedOrder, now: number, settings: Settings): Alert | null {
  if (order.shippedAt === undefined || !waitingOrder(order)) return null;
  const dueAt = order.shippedAt + hoursMs(settings.shippedNoScanHours);
  if (now < dueAt) return null;
  return aboutOrder(
    {
      id: `shipped-no-scan:${order.platform}:${order.orderId}`,
      kind: 'shipped-no-scan',
      raisedAt: dueAt,
      message: `商家发货已超过 ${formatHours(settings.shippedNoScanHours)} 小时，仍无快递揽收扫描`,
    },
    order,
  );
}

/** The linked order (first by key) names the subject; else what the logistics page said. */
function aboutShipment(alert: Alert, shipment: MergedShipment): Alert {
  const order = shipment.orders[0];
  const platform = order?.platform ?? shipment.platform;
  const orderId = order?.orderId ?? shipment.orderId;
  if (platform) alert.platform = platform;
  if (orderId) alert.orderId = orderId;
  alert.trackingNumber = shipment.trackingNumber;
  return alert;
}

/** The last event, when it can still stall: not delivered, not waiting in a locker. */
export function stallCandidate(shipment: MergedShipment): TrackingEvent | null {
  const last = shipment.events[shipment.events.length - 1];
  if (!last || last.stage === 'delivered' || last.stage === 'locker') return null;
  return last;
}

export function stalledAlert(shipment: MergedShipment, now: number, settings: Settings): Alert | null {
  const last = stallCandidate(shipment);
  if (!last) return null;
  const dueAt = last.at + hoursMs(settings.stallHours);
  if (now < dueAt) return null;
  const what = shipment.direction === 'return' ? '退货物流' : '物流';
  return aboutShipment(
    {
      id: `logistics-stalled:${shipment.trackingNumber}:${last.at}`,
      kind: 'logistics-stalled',
      raisedAt: dueAt,
      message: `${what}已超过 ${formatHours(settings.stallHours)} 小时没有更新，最后一条：${last.text}`,
    },
    shipment,
  );
}

export function exceptionAlerts(shipment: MergedShipment): Alert[] {
  const alerts: Alert[] = [];
  let deliveredLater = false;
  // Walk newest first so "a delivered event after this one" is known in one pass.
  for (let i = shipment.events.length - 1; i >= 0; i--) {
    const ev = shipment.events[i] as TrackingEvent;
    if (ev.stage === 'delivered') deliveredLater = true;
    if (!PROBLEM_STAGES.has(ev.stage) || deliveredLater) continue;
    const alert: Alert = {
      id: `delivery-exception:${shipment.trackingNumber}:${ev.at}`,
      kind: 'delivery-exception',
      raisedAt: ev.at,
      message: `${ev.stage === 'returning' ? '包裹退回' : '物流异常'}：${ev.text}`,
    };
    alerts.push(aboutShipment(alert, shipment));
  }
  return alerts;
}

export function logisticsAlerts(
  index: { orders: MergedOrder[]; shipments: MergedShipment[] },
  now: number,
  settings: Settings,
): Alert[] {
  const alerts: Alert[] = [];
  for (const order of index.orders) {
    const noPickup = noPickupAlert(order, now, settings);
    const noScan = shippedNoScanAlert(order, now, settings);
    if (noPickup) alerts.push(noPickup);
    if (noScan) alerts.push(noScan);
  }
  for (const shipment of index.shipments) {
    const stalled = stalledAlert(shipment, now, settings);
    if (stalled) alerts.push(stalled);
    alerts.push(...exceptionAlerts(shipment));
  }
  return alerts;
}
