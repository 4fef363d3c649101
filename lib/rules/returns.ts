/**
 * Return parcels (buyer → seller, the order's `returnTrackingNumbers`): besides stall (logistics.ts, watched like any
 * parcel), the checks a shopper can show, each a `return-problem` alert with a stable id:
 *
 * | id | when |
 * |----|------|
 * | `return-problem:unrecognised:<no>` | no event ever, and the tracking site said "nothing found" or `detectCarrier` knows no carrier for the number, UNRECOGNISED_HOURS (72 h) after the parcel (else its order) was first seen |
 * | `return-problem:wrong-city:<no>:<at>` | signed for (a delivered event) in a city the return address the shopper entered does not name; only when both cities are read (…市 in the event's place or text, and in the address) |
 * | `return-problem:too-fast:<no>:<at>` | signed for sooner after the first carrier scan than any route allows: MIN_SAME_CITY_HOURS (4 h), or MIN_OTHER_CITY_HOURS (12 h) when the first scan and the sign-off name two different cities |
 *
 * The minimums are deliberately low (conservative: an alert means the sign-off is implausible, not merely fast):
 * express parcels between two Chinese cities take a day or more (line haul, sorting at two hubs, delivery), and even a
 * same-city parcel is collected, sorted and delivered in more than a few hours.
 */
import type { Alert, Settings, TrackingEvent } from '../core/model';
import { detectCarrier } from '../parse/carrier';
import type { MergedOrder, MergedShipment } from './history';
import { trackingKey } from './history';
import { SCAN_STAGES } from './stages';

const H = 3_600_000;
export const UNRECOGNISED_HOURS = 72;
export const MIN_SAME_CITY_HOURS = 4;
export const MIN_OTHER_CITY_HOURS = 12;

/** The city a place or an event text names ("【杭州市】…", "浙江省杭州市余杭区…" → 杭州), or null. */
export function cityOf(text: string | undefined): string | null {
  if (!text) return null;
  const s = text.slice(0, 300);
  // A bracketed place (kuaidi100 lines: "【杭州市】…") first, else the text; a province in front is not the city.
  const place = /【([^】]{2,20})】/.exec(s)?.[1] ?? s;
  const t = place.replace(/^[^市]*?(?:省|自治区)/, '');
  // Only at the start or after a separator: "快件已到达杭州市" is not read (null: not sure, no alert).
  return /(?:^|[\s,，:：])([\u4e00-\u9fa5]{2,4})市/.exec(t)?.[1] ?? null;
}

function eventCity(ev: TrackingEvent): string | null {
  return cityOf(ev.location) ?? cityOf(ev.text);
}

function alertOf(id: string, raisedAt: number, message: string, order: MergedOrder, trackingNumber: string): Alert {
  return {
    id,
    kind: 'return-problem',
    raisedAt,
    message,
    platform: order.platform,
    orderId: order.orderId,
    trackingNumber,
  };
}

/** The return-problem alerts of one order (none without return parcels); appended to `alerts`. */
export function returnAlerts(order: MergedOrder, now: number, _settings: Settings, alerts: Alert[] = []): Alert[] {
  const numbers = order.returnTrackingNumbers;
  if (numbers.length === 0) return alerts;
  for (const tn of numbers) {
    const key = trackingKey(tn);
    const shipment = order.shipments.find((s) => trackingKey(s.trackingNumber) === key);
    unrecognised(order, tn, shipment, now, alerts);
    if (shipment) signedWrong(order, shipment, alerts);
  }
  return alerts;
}

function unrecognised(
  order: MergedOrder,
  tn: string,
  shipment: MergedShipment | undefined,
  now: number,
  alerts: Alert[],
): void {
  if (shipment && shipment.events.length > 0) return;
  const notFound = shipment?.state === 'not-found';
  if (!notFound && detectCarrier(tn) !== null) return;
  const due = (shipment?.firstSeen ?? order.capturedAt) + UNRECOGNISED_HOURS * H;
  if (now < due) return;
  alerts.push(
    alertOf(
      `return-problem:unrecognised:${tn}`,
      due,
      `退货单号 ${tn} 超过 ${UNRECOGNISED_HOURS} 小时仍查不到任何物流记录${notFound ? '（查询网站显示查无结果）' : '（无法识别快递公司）'}`,
      order,
      tn,
    ),
  );
}

function signedWrong(order: MergedOrder, shipment: MergedShipment, alerts: Alert[]): void {
  const signed = shipment.events.find((e) => e.stage === 'delivered');
  if (!signed) return;
  const tn = shipment.trackingNumber;
  const signedCity = eventCity(signed);
  const addressCity = cityOf(order.returnAddress);
  if (signedCity && addressCity && signedCity !== addressCity && !(order.returnAddress ?? '').includes(signedCity))
    alerts.push(
      alertOf(
        `return-problem:wrong-city:${tn}:${signed.at}`,
        signed.at,
        `退货包裹在${signedCity}市签收，而商家退货地址在${addressCity}市：${signed.text}`,
        order,
        tn,
      ),
    );
  const first = shipment.events.find((e) => SCAN_STAGES.has(e.stage));
  if (!first || first.at > signed.at) return;
  const firstCity = eventCity(first);
  const minHours = firstCity && signedCity && firstCity !== signedCity ? MIN_OTHER_CITY_HOURS : MIN_SAME_CITY_HOURS;
  if (signed.at - first.at < minHours * H)
    alerts.push(
      alertOf(
        `return-problem:too-fast:${tn}:${signed.at}`,
        signed.at,
        `退货包裹揽收后不到 ${minHours} 小时即显示签收，与运输路线不符：${signed.text}`,
        order,
        tn,
      ),
    );
}
