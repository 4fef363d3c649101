/**
 * Price protection (价保): DESIGN.md "Rules the product encodes".
 * - The window opens at paidAt (else placedAt) and lasts the days the page states (item, then order),
 *   else the per-platform setting; a stated end (Taobao/Tmall "价保期 … 到 …") wins over any length.
 * - price-drop: the lowest price seen inside the window, at least `minDifference` below the paid unit
 *   price (same currency only). The id carries the lowest amount: the same price seen again keeps the id,
 *   a new lower price re-arms with a new one. An expired window raises nothing.
 * - protection-expiring: the last `expiringHours` of a window with an unclaimed drop, or of an order
 *   the shopper asked to be reminded about.
 */
import type { Alert, Money, OrderItem, Settings, Ticket } from '../../../../lib/core/model';
import { orderKey, type MergedOrder, type RulesIndex } from './history';
import { DAY, hoursMs } from '../../../../lib/rules/settings';
import { isCancelled } from '../../../../lib/rules/status';
import { formatFen, formatLeft } from '../../../../lib/rules/text';

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
  if (order.priceProtectionUntil !== undefined) return { start, end: order.priceProtectionUntil };
  const days = item?.priceProtectionDays ?? order.priceProtectionDays ?? settings.protectionDays[order.platform] ?? 7;
  return { start, end: start + days * DAY };
}

/** The item's unit price, else `paid` for a single-item order of quantity 1 (DESIGN.md contract). */
export function paidUnitPrice(order: MergedOrder, item: OrderItem): Money | undefined {
  if (item.unitPrice) return item.unitPrice;
  if (order.items.length === 1 && item.quantity === 1) return order.paid;
  return undefined;
}

function itemDrop(order: MergedOrder, item: OrderItem, index: RulesIndex, now: number, settings: Settings) {
  const unit = paidUnitPrice(order, item);
  const window = protectionWindow(order, item, settings);
  if (!item.productId || !unit || !window || now >= window.end) return null;
  const credible = (r: Money | undefined) =>
    !r || (r.currency === order.paid.currency && r.amount > 0 && r.amount <= order.paid.amount);
  if ([item.productId, ''].some((p) => index.recovered.get(`${order.key}\u0000${p}`)?.some(credible))) return null;
  const currency = unit.currency || 'CNY';
  const series = index.prices.series(order.platform, item.productId, currency);
  const lowest = series?.lowest(window.start, Math.min(window.end, now));
  if (!lowest) return null;
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
    dueAt: window.end,
    amount,
    message: `价格下降 ${formatFen(amount)}，价保还剩 ${formatLeft(window.end, now)}`,
  };
  const refusal = index.refused.get(`${order.key}\u0000${item.productId}`) ?? index.refused.get(`${order.key}\u0000`);
  if (refusal !== undefined) {
    alert.claimRefused = refusal;
    alert.message += `；平台价保被拒：${refusal}`;
  }
  return { alert, window };
}

export function findPriceDrops(order: MergedOrder, index: RulesIndex, now: number, settings: Settings): PriceDrop[] {
  const drops: PriceDrop[] = [];
  const seen = new Set<string>();
  for (const item of order.items) {
    const drop = itemDrop(order, item, index, now, settings);
    // The same product twice in one order (two SKUs) would share an id; report it once.
    if (drop && !seen.has(drop.alert.id)) {
      seen.add(drop.alert.id);
      drops.push(drop);
    }
  }
  return drops;
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

export function priceAlerts(index: RulesIndex, now: number, settings: Settings): Alert[] {
  const claimed = claimedOrders(index.tickets, now);
  const context = { claimed, reminders: index.reminders, now, settings };
  const alerts: Alert[] = [];
  for (const order of index.orders) {
    // A cancelled order was refunded in full: no difference is owed. A completed one still is.
    if (isCancelled(order)) continue;
    const drops = findPriceDrops(order, index, now, settings);
    for (const drop of drops) alerts.push(drop.alert);
    alerts.push(...expiringAlerts(order, drops, context));
  }
  return alerts;
}
