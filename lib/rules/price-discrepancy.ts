/**
 * price-discrepancy (DESIGN.md alert kinds; the brief: "the same product is dearer in the live room than on the shop
 * page — keep timestamped screenshots of both pages"): the same product (platform + productId) seen at a lower price
 * in one channel (live room, video card, shop page) than the shopper paid, or was offered, in another channel, around
 * the time of purchase.
 *
 * - With an order of the product (not cancelled): the paid unit price (DESIGN.md: the item's unitPrice, else `paid`
 *   for a single item of quantity 1) is the higher side. "Around the time of purchase" is `discrepancyHours` (24 by
 *   default) either side of paidAt (else placedAt): a day covers a live session and the shop page seen the evening
 *   before or the morning after, while a price weeks later is price protection's business (price-drop), not a
 *   discrepancy between channels. The channel the shopper paid in is the channel of the offer at exactly the paid
 *   price in that window (the latest one at or before payment, else the first after); with none, the order counts
 *   as bought on the shop page (the model's "absent = shop"). The lower side is the lowest price in the window in
 *   any other channel: a lower price in the same channel is a price drop, not a discrepancy.
 * - Without an order: the higher side is any offer, and the lower side the lowest offer in another channel within
 *   `discrepancyHours` of that higher offer ("else around the higher observation"); the largest difference wins.
 *   A product in an order is judged only against what was paid (the purchase decides, and one situation gives one
 *   alert).
 * - Different currencies are never compared; the difference must reach `minDifference` (as for price-drop).
 * - Ids are stable: the order (or, without one, the higher offer's channel and price), the product, and the lower
 *   channel and price. The same situation seen again keeps the id; a new lower price re-arms with a new one.
 *
 * Cost: the rule first looks for products seen in a live room or a video at all; histories without (all of the
 * bench's, and every shopper's who never watches live sales) cost one pass over the snapshots.
 */
import type { Alert, Money, OrderItem, PageSnapshot, PriceObservation, ProductSnapshot, Settings } from '../core/model';
import { orderKey, type MergedOrder, type RulesIndex } from './history';
import { paidUnitPrice } from './price-protection';
import { hoursMs } from './settings';
import { isCancelled } from './status';
import { formatFen } from './text';

const CHANNEL_ZH: Record<PriceObservation['channel'], string> = { shop: '店铺页面', live: '直播间', video: '短视频' };

/** 24 h when a raw (unparsed) settings object leaves the field out. */
const DEFAULT_HOURS = 24;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A total order on observations by content, so shuffled input gives the same answer. */
function byTime(a: PriceObservation, b: PriceObservation): number {
  return (
    a.at - b.at ||
    a.price.amount - b.price.amount ||
    compareText(a.price.currency, b.price.currency) ||
    compareText(a.channel, b.channel) ||
    compareText(JSON.stringify(a), JSON.stringify(b))
  );
}

function observationOf(snap: ProductSnapshot): PriceObservation {
  const id = (snap as { id?: unknown }).id;
  return {
    channel: snap.channel ?? 'shop',
    price: { amount: snap.price.amount, currency: snap.price.currency || 'CNY' },
    at: snap.capturedAt,
    ...(typeof id === 'number' && Number.isSafeInteger(id) ? { snapshotId: id } : {}),
    ...(snap.url ? { url: snap.url } : {}),
    ...(snap.roomId ? { roomId: snap.roomId } : {}),
    ...(snap.videoId ? { videoId: snap.videoId } : {}),
    source: 'offer',
  };
}

function isProduct(snap: PageSnapshot, now: number): snap is ProductSnapshot {
  return snap.kind === 'product' && snap.capturedAt <= now && !!snap.price;
}

/** Observations of every product seen in a live room or a video by `now`, by orderKey(platform, productId). */
export function multiChannelProducts(snapshots: PageSnapshot[], now: number): Map<string, PriceObservation[]> {
  const keys = new Set<string>();
  for (let i = 0; i < snapshots.length; i++) {
    const snap = snapshots[i] as PageSnapshot;
    if (isProduct(snap, now) && snap.channel !== undefined && snap.channel !== 'shop')
      keys.add(orderKey(snap.platform, snap.productId));
  }
  const byKey = new Map<string, PriceObservation[]>();
  if (keys.size === 0) return byKey;
  for (const snap of snapshots) {
    if (!isProduct(snap, now)) continue;
    const key = orderKey(snap.platform, snap.productId);
    if (!keys.has(key)) continue;
    const list = byKey.get(key);
    if (list) list.push(observationOf(snap));
    else byKey.set(key, [observationOf(snap)]);
  }
  for (const list of byKey.values()) list.sort(byTime);
  return byKey;
}

function channelName(o: PriceObservation): string {
  return `${CHANNEL_ZH[o.channel]}${o.roomId ? `（房间 ${o.roomId}）` : ''}`;
}

function message(higher: PriceObservation, lower: PriceObservation, paid: boolean): string {
  const diff: Money = { amount: higher.price.amount - lower.price.amount, currency: lower.price.currency };
  return `${channelName(lower)}价格 ${formatFen(lower.price)}，比${paid ? '您在' : ''}${channelName(higher)}${paid ? '支付的' : '的'} ${formatFen(higher.price)} 低 ${formatFen(diff)}`;
}

function enough(diff: number, settings: Settings): boolean {
  return diff >= Math.max(1, settings.minDifference.amount);
}

/** The offer the shopper paid: exactly the paid price, the latest at or before payment, else the first after. */
function paidOffer(inWindow: PriceObservation[], unit: Money, paidAt: number): PriceObservation | undefined {
  let before: PriceObservation | undefined;
  let after: PriceObservation | undefined;
  for (const o of inWindow) {
    if (o.price.amount !== unit.amount) continue;
    if (o.at <= paidAt) before = o;
    else after ??= o;
  }
  return before ?? after;
}

/** The lowest price in a channel other than `channel`; of equal ones the earliest (the list is in time order). */
function lowestElsewhere(list: PriceObservation[], channel: PriceObservation['channel']): PriceObservation | undefined {
  let best: PriceObservation | undefined;
  for (const o of list) if (o.channel !== channel && (!best || o.price.amount < best.price.amount)) best = o;
  return best;
}

function itemAlert(
  order: MergedOrder,
  item: OrderItem,
  observations: PriceObservation[],
  window: number,
  settings: Settings,
): Alert | null {
  const unit = paidUnitPrice(order, item);
  const paidAt = order.paidAt ?? order.placedAt;
  if (!unit || paidAt === undefined || !item.productId) return null;
  const currency = unit.currency || 'CNY';
  const inWindow = observations.filter(
    (o) => o.price.currency === currency && o.at >= paidAt - window && o.at <= paidAt + window,
  );
  const higher: PriceObservation = paidOffer(inWindow, unit, paidAt) ?? {
    channel: 'shop',
    price: { amount: unit.amount, currency },
    at: paidAt,
    source: 'order',
  };
  const lower = lowestElsewhere(inWindow, higher.channel);
  if (!lower || !enough(unit.amount - lower.price.amount, settings)) return null;
  return {
    id: `price-discrepancy:${order.platform}:${order.orderId}:${item.productId}:${lower.channel}:${lower.price.amount}`,
    kind: 'price-discrepancy',
    platform: order.platform,
    orderId: order.orderId,
    productId: item.productId,
    raisedAt: Math.max(paidAt, higher.at, lower.at),
    amount: { amount: (unit.amount - lower.price.amount) * item.quantity, currency },
    message: message(higher, lower, true),
    discrepancy: { higher, lower },
  };
}

/**
 * Without an order: the pair (higher offer, lower offer in another channel within `window` of it) with the largest
 * difference; of equal ones the earliest lower, then the earliest higher (the list is in a total order).
 */
function offerAlert(
  platform: string,
  productId: string,
  list: PriceObservation[],
  window: number,
  settings: Settings,
): Alert | null {
  let pair: { higher: PriceObservation; lower: PriceObservation; diff: number } | null = null;
  let start = 0;
  for (const higher of list) {
    while (start < list.length && (list[start] as PriceObservation).at < higher.at - window) start++;
    for (let j = start; j < list.length; j++) {
      const lower = list[j] as PriceObservation;
      if (lower.at > higher.at + window) break;
      if (lower.channel === higher.channel || lower.price.currency !== higher.price.currency) continue;
      const diff = higher.price.amount - lower.price.amount;
      if (!enough(diff, settings)) continue;
      if (!pair || diff > pair.diff || (diff === pair.diff && byTime(lower, pair.lower) < 0))
        pair = { higher, lower, diff };
    }
  }
  if (!pair) return null;
  const { higher, lower, diff } = pair;
  return {
    id: `price-discrepancy:${platform}::${productId}:${higher.channel}:${higher.price.amount}:${lower.channel}:${lower.price.amount}`,
    kind: 'price-discrepancy',
    platform: platform as Alert['platform'],
    productId,
    raisedAt: Math.max(higher.at, lower.at),
    amount: { amount: diff, currency: lower.price.currency },
    message: message(higher, lower, false),
    discrepancy: { higher, lower },
  };
}

/** Every price-discrepancy alert, appended to `alerts`. */
export function discrepancyAlerts(index: RulesIndex, now: number, settings: Settings, alerts: Alert[] = []): Alert[] {
  const products = multiChannelProducts(index.snapshots, now);
  if (products.size === 0) return alerts;
  const window = hoursMs(settings.discrepancyHours ?? DEFAULT_HOURS);
  const bought = new Set<string>();
  for (const order of index.orders) {
    if (isCancelled(order)) continue;
    for (const item of order.items) {
      if (!item.productId) continue;
      const key = orderKey(order.platform, item.productId);
      const observations = products.get(key);
      if (!observations) continue;
      bought.add(key);
      const alert = itemAlert(order, item, observations, window, settings);
      if (alert) alerts.push(alert);
    }
  }
  for (const [key, list] of products) {
    if (bought.has(key)) continue;
    // orderKey's platform part has no NUL (the Platform enum): the first one splits the key.
    const nul = key.indexOf('\u0000');
    const alert = offerAlert(key.slice(0, nul), key.slice(nul + 1), list, window, settings);
    if (alert) alerts.push(alert);
  }
  return alerts;
}
