/**
 * Gathers the facts of a complaint from what is stored: the order (latest snapshot wins, earliest
 * payment time kept), its shipments, the lowest price seen inside the window, and the evidence that
 * belongs to this order, product or parcel. Pure over arrays so it is tested without a browser.
 */
import type {
  Alert,
  Evidence,
  LogisticsSnapshot,
  OrderSnapshot,
  PageSnapshot,
  PriceObservation,
  ProductSnapshot,
} from './model';
import type { AlertFacts, EvidenceRef, ObservationFact } from '../tickets';

function latestOrder(snaps: PageSnapshot[], alert: Alert): OrderSnapshot | undefined {
  const orders = snaps.filter(
    (s): s is OrderSnapshot =>
      s.kind === 'order' && s.orderId === alert.orderId && (!alert.platform || s.platform === alert.platform),
  );
  if (orders.length === 0) return undefined;
  const sorted = [...orders].sort((a, b) => a.capturedAt - b.capturedAt);
  const last = sorted[sorted.length - 1] as OrderSnapshot;
  const paidAt = sorted.map((o) => o.paidAt).find((t) => t !== undefined);
  return { ...last, ...(paidAt !== undefined ? { paidAt } : {}) };
}

function shipment(snaps: PageSnapshot[], alert: Alert, order?: OrderSnapshot): LogisticsSnapshot | undefined {
  const numbers = new Set([alert.trackingNumber, ...(order?.trackingNumbers ?? [])].filter(Boolean));
  const ships = snaps.filter(
    (s): s is LogisticsSnapshot =>
      s.kind === 'logistics' && (numbers.has(s.trackingNumber) || (!!alert.orderId && s.orderId === alert.orderId)),
  );
  // The alert's own parcel first (a return parcel of an order that also has its forward one).
  const own = alert.trackingNumber ? ships.filter((s) => s.trackingNumber === alert.trackingNumber) : [];
  const list = own.length > 0 ? own : ships;
  return list.sort((a, b) => a.capturedAt - b.capturedAt)[list.length - 1];
}

function lowestPrice(snaps: PageSnapshot[], alert: Alert, from: number | undefined, to: number | undefined) {
  let best: ProductSnapshot | undefined;
  for (const s of snaps) {
    if (s.kind !== 'product' || s.productId !== alert.productId || (alert.platform && s.platform !== alert.platform))
      continue;
    if ((from !== undefined && s.capturedAt < from) || (to !== undefined && s.capturedAt > to)) continue;
    if (!best || s.price.amount < best.price.amount) best = s;
  }
  return best;
}

function toRef(e: Evidence): EvidenceRef {
  return {
    id: e.id,
    kind: e.kind,
    capturedAt: e.capturedAt,
    sha256: e.sha256,
    mime: e.mime,
    ...(e.url ? { url: e.url } : {}),
    ...(e.caption ? { caption: e.caption } : {}),
    ...(e.title ? { title: e.title } : {}),
    ...(e.snapshotId !== undefined ? { snapshotId: e.snapshotId } : {}),
  };
}

const SCREENSHOTS = new Set<Evidence['kind']>(['price-screenshot', 'page-screenshot', 'order-screenshot']);

/**
 * The snapshots that read the same as an offer's: its own, and the readings of the same page just before it that
 * showed the same product at the same price in the same channel, with nothing different in between. A page is often
 * read twice within a moment (its DOM, then its own answer); its screenshot is filed under the first reading of that
 * state, and it shows what the later identical one says.
 */
function sameReadingIds(o: PriceObservation, snaps: PageSnapshot[], alert: Alert): Set<number> {
  const ids = new Set<number>(o.snapshotId !== undefined ? [o.snapshotId] : []);
  if (o.snapshotId === undefined || !o.url) return ids;
  const page = snaps
    .filter((s): s is ProductSnapshot & { id?: number } => s.kind === 'product' && s.url === o.url)
    .filter((s) => s.productId === alert.productId)
    .sort((a, b) => a.capturedAt - b.capturedAt);
  const at = page.findIndex((s) => s.id === o.snapshotId);
  const same = (s: ProductSnapshot) =>
    (s.channel ?? 'shop') === o.channel && s.price?.amount === o.price.amount && s.price?.currency === o.price.currency;
  for (let i = at - 1; i >= 0; i--) {
    const s = page[i]!;
    if (!same(s)) break;
    if (s.id !== undefined) ids.add(s.id);
  }
  return ids;
}

/**
 * A side of a price discrepancy with its screenshots: the records captured for that observation's snapshot or a
 * reading of the same page state just before it (sameReadingIds: a picture filed under another page's state never
 * stands for it); the paid side without an offer has the order's.
 */
function observationFact(o: PriceObservation, snaps: PageSnapshot[], live: Evidence[], alert: Alert): ObservationFact {
  const ids = o.source === 'offer' ? sameReadingIds(o, snaps, alert) : new Set<number>();
  const shots = live.filter((e) =>
    o.source === 'offer'
      ? e.snapshotId !== undefined && ids.has(e.snapshotId) && SCREENSHOTS.has(e.kind)
      : e.kind === 'order-screenshot' && !!alert.orderId && e.orderId === alert.orderId,
  );
  return { ...o, evidence: shots.sort((a, b) => a.seq - b.seq).map(toRef) };
}

export function gatherFacts(snaps: PageSnapshot[], evidence: Evidence[], alert: Alert, now: number): AlertFacts {
  const order = latestOrder(snaps, alert);
  const ship = shipment(snaps, alert, order);
  const paidAt = order?.paidAt ?? order?.placedAt;
  const windowEnd = alert.kind === 'price-drop' || alert.kind === 'protection-expiring' ? alert.dueAt : undefined;
  const lower = alert.productId && !alert.discrepancy ? lowestPrice(snaps, alert, paidAt, windowEnd ?? now) : undefined;
  const last = ship?.events[ship.events.length - 1];
  const trackingNumber = alert.trackingNumber ?? ship?.trackingNumber ?? order?.trackingNumbers?.[0];
  const deleted = new Set(evidence.filter((e) => e.kind === 'deletion' && e.deletes).map((e) => e.deletes));
  const live = evidence.filter((e) => e.kind !== 'deletion' && !deleted.has(e.id));
  const sides = alert.discrepancy
    ? {
        higher: observationFact(alert.discrepancy.higher, snaps, live, alert),
        lower: observationFact(alert.discrepancy.lower, snaps, live, alert),
      }
    : undefined;
  const sideIds = new Set([...(sides?.higher.evidence ?? []), ...(sides?.lower.evidence ?? [])].map((e) => e.id));
  const related = live.filter(
    (e) =>
      sideIds.has(e.id) ||
      (alert.orderId && e.orderId === alert.orderId) ||
      (alert.productId && e.productId === alert.productId) ||
      (trackingNumber && e.trackingNumber === trackingNumber),
  );
  const since =
    alert.kind === 'logistics-stalled' ? last?.at : alert.kind === 'shipped-no-scan' ? order?.shippedAt : paidAt;
  return {
    ...(alert.platform ? { platform: alert.platform } : {}),
    ...(alert.orderId ? { orderId: alert.orderId } : {}),
    ...(alert.productId ? { productId: alert.productId } : {}),
    ...(order?.shop ? { shop: order.shop } : {}),
    ...(order
      ? {
          paid: order.paid,
          items: order.items.map((i) => ({
            title: i.title,
            quantity: i.quantity,
            ...(i.unitPrice ? { unitPrice: i.unitPrice } : {}),
            ...(i.productId ? { productId: i.productId } : {}),
          })),
        }
      : {}),
    ...(order?.source === 'manual' ? { orderSource: 'manual' as const } : {}),
    ...(order?.paidAt !== undefined ? { paidAt: order.paidAt } : {}),
    ...(order?.placedAt !== undefined ? { placedAt: order.placedAt } : {}),
    ...(order?.shippedAt !== undefined ? { shippedAt: order.shippedAt } : {}),
    ...(lower ? { lowerPrice: lower.price, lowerPriceSeenAt: lower.capturedAt, priceUrl: lower.url } : {}),
    ...(sides
      ? {
          discrepancy: sides,
          lowerPrice: sides.lower.price,
          lowerPriceSeenAt: sides.lower.at,
          ...(sides.lower.url ? { priceUrl: sides.lower.url } : {}),
        }
      : {}),
    ...(windowEnd !== undefined ? { windowEnd } : {}),
    ...(trackingNumber ? { trackingNumber } : {}),
    // The carrier the parcel's page or the order page names.
    ...((ship?.carrier ?? order?.carrier) ? { carrier: ship?.carrier ?? order?.carrier } : {}),
    ...(last
      ? { lastEvent: { at: last.at, text: last.text, ...(last.location ? { location: last.location } : {}) } }
      : {}),
    ...(alert.kind === 'delivery-exception' && last ? { exceptionText: last.text } : {}),
    ...(alert.kind === 'return-problem' ? returnFacts(alert, order) : {}),
    ...(since !== undefined ? { hoursSince: Math.floor((now - since) / 3_600_000) } : {}),
    evidence: related.sort((a, b) => a.seq - b.seq).map(toRef),
  };
}

/** A return-problem alert's issue, from its stable id (lib/rules/returns.ts), and the return address it compares. */
function returnFacts(
  alert: Alert,
  order: OrderSnapshot | undefined,
): Pick<AlertFacts, 'returnIssue' | 'returnAddress'> {
  const issue = /^return-problem:(unrecognised|wrong-city|too-fast):/.exec(alert.id)?.[1] as
    'unrecognised' | 'wrong-city' | 'too-fast' | undefined;
  return {
    ...(issue ? { returnIssue: issue } : {}),
    ...(order?.returnAddress ? { returnAddress: order.returnAddress } : {}),
  };
}
