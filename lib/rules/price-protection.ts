/**
 * Price protection (价保): DESIGN.md "Rules the product encodes".
 * - The window opens at paidAt (else placedAt) and lasts the days the page states (item, then order),
 *   else the per-platform setting; a stated end (Taobao/Tmall "价保期 … 到 …") wins over any length.
 * - price-drop: the lowest price seen inside the window, at least `minDifference` below the paid unit
 *   price (same currency only). The id carries the lowest amount: the same price seen again keeps the id,
 *   a new lower price re-arms with a new one. An expired window raises nothing.
 * - A `claim` success from the platform's own 价保 page for the order (and item) recovers the drop: no alert, the
 *   money is in the ledger (lib/core/ledger.ts). A refusal changes nothing: the alert stays and the complaint is next.
 * - protection-expiring: the last `expiringHours` of a window with an unclaimed drop, or of an order
 *   the shopper asked to be reminded about.
 */
import type { Alert, Money, OrderItem, Settings, Ticket } from '../core/model';
import { refundFits } from '../core/ledger';
import { orderKey, recoveredKey, type MergedOrder, type RulesIndex } from './history';
import type { LowestPrice } from './price-series';
import { DAY, hoursMs } from './settings';
import { isCancelled } from './status';
import { formatFen, formatLeft } from './text';

export interface ProtectionWindow {
  start: number;
  end: number;
}

export interface PriceDrop {
  alert: Alert;
  window: ProtectionWindow;
}

/** Ticket states meaning the shopper already claimed the refund (escalated implies it was sent). */
const CLAIMED = new Set<Ticket['status']>(['sent', 'answered', 'resolved', 'escalated']);

export function protectionWindow(
  order: MergedOrder,
  item: OrderItem | undefined,
  settings: Settings,
): ProtectionWindow | null {
  const start = order.paidAt ?? order.placedAt;
  if (start === undefined) return null;
  return { start, end: windowEnd(order, item, start, settings) };
}

/** When the window opened at `start` ends: protectionWindow without the object (hot path). */
function windowEnd(order: MergedOrder, item: OrderItem | undefined, start: number, settings: Settings): number {
  if (order.priceProtectionUntil !== undefined) return order.priceProtectionUntil;
  const days = item?.priceProtectionDays ?? order.priceProtectionDays ?? settings.protectionDays[order.platform] ?? 7;
  return start + days * DAY;
}

/** The item's unit price, else `paid` for a single-item order of quantity 1 (DESIGN.md contract). */
export function paidUnitPrice(order: MergedOrder, item: OrderItem): Money | undefined {
  if (item.unitPrice) return item.unitPrice;
  if (order.items.length === 1 && item.quantity === 1) return order.paid;
  return undefined;
}

/** Scratch answer of the price book, reused by every query (read right away, never kept). */
const LOWEST: LowestPrice = { amount: 0, at: 0 };

function itemDrop(
  order: MergedOrder,
  item: OrderItem,
  index: RulesIndex,
  now: number,
  settings: Settings,
): PriceDrop | null {
  if (!item.productId) return null;
  if (index.recovered.size > 0 && isRecovered(index.recovered, order, item.productId)) return null;
  const unit = paidUnitPrice(order, item);
  const start = order.paidAt ?? order.placedAt;
  if (!unit || start === undefined) return null;
  const end = windowEnd(order, item, start, settings);
  if (now >= end) return null;
  const currency = unit.currency || 'CNY';
  const lowest = LOWEST;
  if (!index.prices.lowestInto(lowest, order.platform, item.productId, currency, start, Math.min(end, now)))
    return null;
  // At least minDifference (in the order's minor units) and never a zero "drop" when it is set to 0.
  const diff = unit.amount - lowest.amount;
  if (diff < Math.max(1, settings.minDifference.amount)) return null;
  const amount: Money = { amount: diff * item.quantity, currency };
  const alert: Alert = {
    id: `price-drop:${order.platform}:${order.orderId}:${item.productId}:${lowest.amount}`,
    kind: 'price-drop',
    platform: order.platform,
    orderId: order.orderId,
    productId: item.productId,
    raisedAt: lowest.at,
    dueAt: end,
    amount,
    message: `价格下降 ${formatFen(amount)}，价保还剩 ${formatLeft(end, now)}`,
  };
  const refusal = index.refused.size > 0 ? refusalOf(index.refused, order.key, item.productId) : undefined;
  if (refusal !== undefined) {
    alert.claimRefused = refusal;
    alert.message += `；平台价保被拒：${refusal}`;
  }
  return { alert, window: { start, end } };
}

/**
 * The platform's own 价保 page paid this item (or the whole order): the drop is recovered, no longer owed. A refund
 * the answer states must be one the order can have paid (its currency, more than 0, at most what was paid), as the
 * money-recovered ledger counts them (lib/core/ledger.ts): a page can claim anything, and a misread or forged
 * "success" of ¥999 on a ¥129 order must not hide a drop that is still owed. A success stating no amount counts.
 */
function isRecovered(recovered: RulesIndex['recovered'], order: MergedOrder, productId: string): boolean {
  const credible = (r: Money | undefined) => !r || refundFits(r, order.paid);
  return [recoveredKey(order.key, productId), recoveredKey(order.key, undefined)].some(
    (k) => recovered.get(k)?.some(credible) ?? false,
  );
}

function refusalOf(refused: Map<string, string>, key: string, productId: string): string | undefined {
  return refused.get(recoveredKey(key, productId)) ?? refused.get(recoveredKey(key, undefined));
}

/** Shared by every order without a drop; frozen so a caller that pushes fails loudly. */
const NO_DROPS: readonly PriceDrop[] = Object.freeze([]);

/** No set or array for the (many) orders without a drop; the same product twice is reported once. */
export function findPriceDrops(order: MergedOrder, index: RulesIndex, now: number, settings: Settings): PriceDrop[] {
  let drops: PriceDrop[] | null = null;
  const items = order.items;
  for (let i = 0; i < items.length; i++) {
    const drop = itemDrop(order, items[i] as OrderItem, index, now, settings);
    if (!drop) continue;
    // The same product twice in one order (two SKUs) would share an id; report it once.
    if (drops === null) drops = [drop];
    else if (!drops.some((d) => d.alert.id === drop.alert.id)) drops.push(drop);
  }
  return drops ?? (NO_DROPS as PriceDrop[]);
}

/** Orders with a price-protection ticket already sent by `now`; a ticket without platform matches any. */
export function claimedOrders(tickets: Ticket[], now: number): Set<string> {
  const claimed = new Set<string>();
  for (const t of tickets) {
    if (t.type !== 'price-protection' || !t.orderId || !CLAIMED.has(t.status)) continue;
    if ((t.sentAt ?? t.createdAt) > now) continue;
    claimed.add(orderKey(t.platform ?? '*', t.orderId));
  }
  return claimed;
}

function isClaimed(order: MergedOrder, claimed: Set<string>): boolean {
  return claimed.has(order.key) || claimed.has(orderKey('*', order.orderId));
}

function sumSameCurrency(amounts: Money[]): Money | undefined {
  const first = amounts[0];
  if (!first || amounts.some((m) => m.currency !== first.currency)) return undefined;
  return { amount: amounts.reduce((sum, m) => sum + m.amount, 0), currency: first.currency };
}

function expiringAlert(order: MergedOrder, end: number, drops: PriceDrop[], now: number, settings: Settings): Alert {
  const amount = sumSameCurrency(drops.map((d) => d.alert.amount as Money));
  const firstSeen = Math.min(...drops.map((d) => d.alert.raisedAt));
  const opensAt = end - hoursMs(settings.expiringHours);
  return {
    id: `protection-expiring:${order.platform}:${order.orderId}:${end}`,
    kind: 'protection-expiring',
    platform: order.platform,
    orderId: order.orderId,
    raisedAt: drops.length > 0 ? Math.max(opensAt, firstSeen) : opensAt,
    dueAt: end,
    ...(amount ? { amount } : {}),
    message: amount
      ? `价保 ${formatLeft(end, now)}后到期，差价 ${formatFen(amount)} 尚未申请`
      : `价保 ${formatLeft(end, now)}后到期`,
  };
}

/** Window ends to remind about: one per distinct window of the order's items. */
function reminderEnds(order: MergedOrder, settings: Settings): number[] {
  const items: (OrderItem | undefined)[] = order.items.length > 0 ? order.items : [undefined];
  const ends = items.map((item) => protectionWindow(order, item, settings)?.end);
  return [...new Set(ends.filter((end): end is number => end !== undefined))];
}

export function expiringAlerts(
  order: MergedOrder,
  drops: PriceDrop[],
  context: { claimed: Set<string>; reminders: Set<string>; now: number; settings: Settings },
): Alert[] {
  const { claimed, reminders, now, settings } = context;
  if (drops.length === 0 && !reminders.has(order.key)) return [];
  const byEnd = new Map<number, PriceDrop[]>();
  if (!isClaimed(order, claimed)) {
    for (const drop of drops) byEnd.set(drop.window.end, [...(byEnd.get(drop.window.end) ?? []), drop]);
  }
  if (reminders.has(order.key)) {
    for (const end of reminderEnds(order, settings)) if (!byEnd.has(end)) byEnd.set(end, []);
  }
  const alerts: Alert[] = [];
  for (const [end, endDrops] of byEnd) {
    if (now >= end - hoursMs(settings.expiringHours) && now < end) {
      alerts.push(expiringAlert(order, end, endDrops, now, settings));
    }
  }
  return alerts;
}

/** Every price alert, appended to `alerts` when given. */
export function priceAlerts(index: RulesIndex, now: number, settings: Settings, alerts: Alert[] = []): Alert[] {
  const claimed = claimedOrders(index.tickets, now);
  const context = { claimed, reminders: index.reminders, now, settings };
  const orders = index.orders;
  // Most histories have no reminders: then no order's key needs hashing just to find that out.
  const anyReminder = index.reminders.size > 0;
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i] as MergedOrder;
    // A cancelled order was refunded in full: no difference is owed. A completed one still is.
    if (isCancelled(order)) continue;
    const drops = findPriceDrops(order, index, now, settings);
    if (drops.length === 0 && !(anyReminder && index.reminders.has(order.key))) continue;
    for (const drop of drops) alerts.push(drop.alert);
    for (const alert of expiringAlerts(order, drops, context)) alerts.push(alert);
  }
  return alerts;
}
