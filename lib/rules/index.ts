/**
 * evaluate: every alert the stored history supports at clock `now` (DESIGN.md "Public contracts").
 * Pure and deterministic: no browser, no Date.now(); the same history, clock and settings give the
 * same alerts in the same order (raisedAt, then id), whatever the order of the snapshots.
 */
import type { Alert, Settings } from '../model';
import { buildIndex, type RulesHistory } from './history';
import { logisticsAlerts } from './logistics';
import { priceAlerts } from './price-protection';
import { resolveRuleSettings } from './settings';
import { ticketAlerts } from './tickets';

export type { History } from '../model';
export type { RulesHistory } from './history';
export { nextDeadlines } from './deadlines';
export { resolveRuleSettings } from './settings';

export function compareAlerts(a: Alert, b: Alert): number {
  return a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function evaluate(history: RulesHistory, now: number, settings?: Partial<Settings>): Alert[] {
  const resolved = resolveRuleSettings(settings);
  const index = buildIndex(history, now);
  const all = priceAlerts(index, now, resolved);
  for (const more of [logisticsAlerts(index, now, resolved), ticketAlerts(index.tickets, now, resolved)]) {
    for (let i = 0; i < more.length; i++) all.push(more[i] as Alert);
  }
  // Ids are the dedupe key downstream (notify once per id); never hand out two alerts with one id.
  // The first one generated wins (price, then parcel, then ticket rules).
  const seen = new Set<string>();
  const unique: Alert[] = [];
  for (let i = 0; i < all.length; i++) {
    const alert = all[i] as Alert;
    if (seen.has(alert.id)) continue;
    seen.add(alert.id);
    unique.push(alert);
  }
  return unique.sort(compareAlerts);
}
