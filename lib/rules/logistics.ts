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
import type { Alert, Settings, TrackingEvent } from '../core/model';
import type { MergedOrder, MergedShipment } from './history';
import { hoursMs } from './settings';
import { PROBLEM_STAGES } from './stages';
import { isClosed } from './status';
import { formatHours } from './text';
import { returnAlerts } from './returns';

/**
 * A carrier has physically handled the parcel (SCAN_STAGES: anything from pickup on, `info` is only a
 * label). Events are already cut at `now` by buildIndex, so any scan here happened by now.
 */
export function hasCarrierScan(order: MergedOrder): boolean {
  // A plain loop: this runs for every order; buildIndex already looked at the stages.
  const shipments = order.shipments;
  for (let i = 0; i < shipments.length; i++) {
    const shipment = shipments[i] as MergedShipment;
    // A return parcel's scans are the buyer's parcel moving, not the seller's.
    if (shipment.scanned && shipment.direction !== 'return') return true;
  }
  return false;
}

/**
 * An order alert with its subject (platform, order, tracking number when there is one), each
 * object built whole, in the field order it always had (id, kind, raisedAt, message, platform,
 * orderId, trackingNumber): fields added to a literal afterwards go to a property array of their
 * own, a second allocation per alert (thousands per evaluate).
 */
function orderAlert(id: string, kind: Alert['kind'], raisedAt: number, message: string, order: MergedOrder): Alert {
  const { platform, orderId } = order;
  const trackingNumber = order.shipments[0]?.trackingNumber ?? order.trackingNumbers[0];
  if (trackingNumber) return { id, kind, raisedAt, message, platform, orderId, trackingNumber };
  return { id, kind, raisedAt, message, platform, orderId };
}

/** The clocks that can still raise an order alert; none once scanned or closed. */
export function waitingOrder(order: MergedOrder): boolean {
  return !isClosed(order) && !hasCarrierScan(order);
}

export function noPickupAlert(order: MergedOrder, now: number, settings: Settings): Alert | null {
  return waitingOrder(order) ? waitingNoPickup(order, now, settings) : null;
}

export function shippedNoScanAlert(order: MergedOrder, now: number, settings: Settings): Alert | null {
  return waitingOrder(order) ? waitingNoScan(order, now, settings) : null;
}

/**
 * The constant part of a parcel message, made once per hours value instead of once per alert
 * (thousands of alerts, each several string joins and a number formatted). The same template with
 * the same substitution: the same text. Only numbers are remembered (a number formats one way).
 */
class HoursText {
  private hours = 0;
  private text: string | null = null;

  constructor(private readonly make: (hours: number) => string) {}

  for(hours: number): string {
    if (typeof hours !== 'number') return this.make(hours);
    if (this.text === null || !Object.is(hours, this.hours)) {
      this.text = this.make(hours);
      this.hours = hours;
    }
    return this.text;
  }
}

const NO_PICKUP_TEXT = new HoursText((hours) => `付款已超过 ${formatHours(hours)} 小时，仍无揽收记录`);
const NO_SCAN_TEXT = new HoursText((hours) => `商家发货已超过 ${formatHours(hours)} 小时，仍无快递揽收扫描`);
const STALL_TEXT = new HoursText((hours) => `物流已超过 ${formatHours(hours)} 小时没有更新，最后一条：`);
const RETURN_STALL_TEXT = new HoursText((hours) => `退货物流已超过 ${formatHours(hours)} 小时没有更新，最后一条：`);

/** noPickupAlert for an order already known to be waiting. */
function waitingNoPickup(order: MergedOrder, now: number, settings: Settings): Alert | null {
  const start = order.paidAt ?? order.placedAt;
  if (start === undefined) return null;
  const dueAt = start + hoursMs(settings.noPickupHours);
  if (now < dueAt) return null;
  return orderAlert(
    `no-pickup:${order.platform}:${order.orderId}`,
    'no-pickup',
    dueAt,
    NO_PICKUP_TEXT.for(settings.noPickupHours),
    order,
  );
}

/** shippedNoScanAlert for an order already known to be waiting. */
function waitingNoScan(order: MergedOrder, now: number, settings: Settings): Alert | null {
  if (order.shippedAt === undefined) return null;
  const dueAt = order.shippedAt + hoursMs(settings.shippedNoScanHours);
  if (now < dueAt) return null;
  return orderAlert(
    `shipped-no-scan:${order.platform}:${order.orderId}`,
    'shipped-no-scan',
    dueAt,
    NO_SCAN_TEXT.for(settings.shippedNoScanHours),
    order,
  );
}

/**
 * A parcel alert: the linked order (first by key) names the subject, else what the logistics page
 * said. Built whole, like orderAlert (fields id, kind, raisedAt, message, platform, orderId,
 * trackingNumber, the first two of the subject only when known).
 */
function shipmentAlert(
  id: string,
  kind: Alert['kind'],
  raisedAt: number,
  message: string,
  shipment: MergedShipment,
): Alert {
  const order = shipment.orders[0];
  const platform = order?.platform ?? shipment.platform;
  const orderId = order?.orderId ?? shipment.orderId;
  const { trackingNumber } = shipment;
  if (platform && orderId) return { id, kind, raisedAt, message, platform, orderId, trackingNumber };
  if (platform) return { id, kind, raisedAt, message, platform, trackingNumber };
  if (orderId) return { id, kind, raisedAt, message, orderId, trackingNumber };
  return { id, kind, raisedAt, message, trackingNumber };
}

/** The last event, when it can still stall: not delivered, not waiting in a locker. */
export function stallCandidate(shipment: MergedShipment): TrackingEvent | null {
  // Found by buildIndex while it had the events in hand (MergedShipment.stall).
  return shipment.stall;
}

export function stalledAlert(shipment: MergedShipment, now: number, settings: Settings): Alert | null {
  const last = stallCandidate(shipment);
  if (!last) return null;
  const dueAt = last.at + hoursMs(settings.stallHours);
  if (now < dueAt) return null;
  const about = (shipment.direction === 'return' ? RETURN_STALL_TEXT : STALL_TEXT).for(settings.stallHours);
  return shipmentAlert(
    `logistics-stalled:${shipment.trackingNumber}:${last.at}`,
    'logistics-stalled',
    dueAt,
    `${about}${last.text}`,
    shipment,
  );
}

/** One alert per unresolved exception/returning event, newest first; appended to `alerts` when given. */
export function exceptionAlerts(shipment: MergedShipment, alerts: Alert[] = []): Alert[] {
  if (!shipment.problems) return alerts;
  let deliveredLater = false;
  // Walk newest first so "a delivered event after this one" is known in one pass.
  for (let i = shipment.events.length - 1; i >= 0; i--) {
    const ev = shipment.events[i] as TrackingEvent;
    if (ev.stage === 'delivered') deliveredLater = true;
    if (!PROBLEM_STAGES.has(ev.stage) || deliveredLater) continue;
    const message = `${ev.stage === 'returning' ? '包裹退回' : '物流异常'}：${ev.text}`;
    alerts.push(
      shipmentAlert(
        `delivery-exception:${shipment.trackingNumber}:${ev.at}`,
        'delivery-exception',
        ev.at,
        message,
        shipment,
      ),
    );
  }
  return alerts;
}

export function logisticsAlerts(
  index: { orders: MergedOrder[]; shipments: MergedShipment[] },
  now: number,
  settings: Settings,
  alerts: Alert[] = [],
): Alert[] {
  orderAlerts(index.orders, now, settings, alerts);
  shipmentAlerts(index.shipments, now, settings, alerts);
  returnOrderAlerts(index.orders, now, settings, alerts);
  return alerts;
}

/*
 * One loop per function (as in buildIndex): code optimised on-stack in the first loop would otherwise
 * hold the second loop compiled before it had run, and throw itself away there.
 */

function orderAlerts(orders: MergedOrder[], now: number, settings: Settings, alerts: Alert[]): void {
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i] as MergedOrder;
    if (!waitingOrder(order)) continue;
    const noPickup = waitingNoPickup(order, now, settings);
    const noScan = waitingNoScan(order, now, settings);
    if (noPickup) alerts.push(noPickup);
    if (noScan) alerts.push(noScan);
  }
}

function shipmentAlerts(shipments: MergedShipment[], now: number, settings: Settings, alerts: Alert[]): void {
  for (let i = 0; i < shipments.length; i++) {
    const shipment = shipments[i] as MergedShipment;
    const stalled = stalledAlert(shipment, now, settings);
    if (stalled) alerts.push(stalled);
    exceptionAlerts(shipment, alerts);
  }
}

/** Return parcels' own checks (./returns.ts), for the orders that list any. */
function returnOrderAlerts(orders: MergedOrder[], now: number, settings: Settings, alerts: Alert[]): void {
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i] as MergedOrder;
    if (order.returnTrackingNumbers.length > 0) returnAlerts(order, now, settings, alerts);
  }
}
