/**
 * The report's timeline of the order a complaint is about (lib/tickets/report-html.ts, beside the captures): when it
 * was placed, paid and shipped (with the carrier the page named; a ship-by promise said as one), and every event of
 * its parcels, forward and return. Pure over stored snapshots; bounded (1,000 rows).
 */
import type { PageSnapshot, Ticket } from './model';
import { CARRIER_NAMES } from '../parse/carrier';

const MAX_ROWS = 1000;

export function orderTimeline(
  snaps: readonly PageSnapshot[],
  ticket: Pick<Ticket, 'platform' | 'orderId' | 'trackingNumber'>,
): { at: number; text: string }[] {
  const orders = snaps.filter(
    (s) =>
      s.kind === 'order' &&
      ticket.orderId !== undefined &&
      s.orderId === ticket.orderId &&
      (!ticket.platform || s.platform === ticket.platform),
  );
  const numbers = new Set<string>(ticket.trackingNumber ? [ticket.trackingNumber] : []);
  let placedAt: number | undefined;
  let paidAt: number | undefined;
  let shippedAt: number | undefined;
  let shipBy: number | undefined;
  let carrier: string | undefined;
  const min = (a: number | undefined, b: number | undefined) =>
    a === undefined ? b : b === undefined ? a : Math.min(a, b);
  for (const o of orders) {
    if (o.kind !== 'order') continue;
    placedAt = min(placedAt, o.placedAt);
    paidAt = min(paidAt, o.paidAt);
    shippedAt = min(shippedAt, o.shippedAt);
    shipBy ??= o.shipBy;
    if (o.carrier) carrier = `${CARRIER_NAMES[o.carrier].zh} ${CARRIER_NAMES[o.carrier].en}`;
    for (const n of [...(o.trackingNumbers ?? []), ...(o.returnTrackingNumbers ?? [])]) numbers.add(n);
  }
  const rows: { at: number; text: string }[] = [];
  if (placedAt !== undefined) rows.push({ at: placedAt, text: '下单 order placed' });
  if (paidAt !== undefined) rows.push({ at: paidAt, text: '付款 paid' });
  if (shippedAt !== undefined) rows.push({ at: shippedAt, text: `商家发货 shipped${carrier ? ` · ${carrier}` : ''}` });
  if (shipBy !== undefined)
    rows.push({ at: shipBy, text: '承诺发货期限（非发货时间） ship-by promise (not a shipped time)' });
  const seen = new Set<string>();
  for (const s of snaps) {
    if (s.kind !== 'logistics') continue;
    const mine = numbers.has(s.trackingNumber) || (ticket.orderId !== undefined && s.orderId === ticket.orderId);
    if (!mine) continue;
    const tag = s.direction === 'return' ? '退货 return' : '物流 parcel';
    for (const e of s.events) {
      const key = `${s.trackingNumber}\n${e.at}\n${e.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ at: e.at, text: `${tag} ${s.trackingNumber}：${e.text}`.slice(0, 500) });
    }
  }
  return rows.sort((a, b) => a.at - b.at).slice(0, MAX_ROWS);
}
