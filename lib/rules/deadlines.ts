/**
 * nextDeadlines: the future absolute times at which `evaluate` could start returning something new,
 * so the background can keep one alarm per time and rebuild them after the worker restarts (every
 * deadline is stored as an absolute time). Times in the message texts ("还剩 3 天") are not
 * deadlines: the UI counts down by itself.
 */
import type { Settings } from '../core/model';
import { buildIndex, type MergedOrder, type RulesHistory } from './history';
import { stallCandidate, waitingOrder } from './logistics';
import { protectionWindow } from './price-protection';
import { hoursMs, resolveRuleSettings } from './settings';
import { ticketDueAt } from './tickets';

function orderDeadlines(order: MergedOrder, settings: Settings, out: number[]): void {
  if (waitingOrder(order)) {
    const start = order.paidAt ?? order.placedAt;
    if (start !== undefined) out.push(start + hoursMs(settings.noPickupHours));
    if (order.shippedAt !== undefined) out.push(order.shippedAt + hoursMs(settings.shippedNoScanHours));
  }
  const items = order.items.length > 0 ? order.items : [undefined];
  for (const item of items) {
    const window = protectionWindow(order, item, settings);
    if (window) out.push(window.end - hoursMs(settings.expiringHours), window.end);
  }
}

export function nextDeadlines(history: RulesHistory, now: number, settings?: Partial<Settings>): number[] {
  const resolved = resolveRuleSettings(settings);
  const index = buildIndex(history, now);
  const out: number[] = [];
  for (const order of index.orders) orderDeadlines(order, resolved, out);
  for (const shipment of index.shipments) {
    const last = stallCandidate(shipment);
    if (last) out.push(last.at + hoursMs(resolved.stallHours));
  }
  for (const ticket of index.tickets) {
    const due = ticketDueAt(ticket, resolved);
    if (due !== null) out.push(due);
    // A ticket sent "later" than the clock claims its price drop only from then on.
    out.push(ticket.sentAt ?? ticket.createdAt);
  }
  // Evaluating at a moved-back clock: what is stamped later becomes known at its own time.
  for (const snap of history.snapshots) {
    if (snap.capturedAt > now) out.push(snap.capturedAt);
    else if (snap.kind === 'logistics') for (const ev of snap.events) if (ev.at > now) out.push(ev.at);
  }
  return [...new Set(out.filter((t) => t > now))].sort((a, b) => a - b);
}
