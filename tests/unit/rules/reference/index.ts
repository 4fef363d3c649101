/**
 * FROZEN REFERENCE (tests only): lib/rules as it was before the issue-8 performance work (commit b7e1ae3),
 * kept verbatim so tests/unit/rules/optimised.test.ts can check the optimised rules give exactly the
 * same alerts and deadlines. Do not optimise or "fix" this copy; change lib/rules instead. Only the
 * modules the work changed are frozen here; settings, status and text are imported from lib/rules.
 *
 * evaluate: every alert the stored history supports at clock `now` (DESIGN.md "Public contracts").
 * Pure and deterministic: no browser, no Date.now(); the same history, clock and settings give the
 * same alerts in the same order (raisedAt, then id), whatever the order of the snapshots.
 */
import type { Alert, Settings } from '../../../../lib/core/model';
import { buildIndex, type RulesHistory } from './history';
import { logisticsAlerts } from './logistics';
import { priceAlerts } from './price-protection';
import { resolveRuleSettings } from '../../../../lib/rules/settings';
import { ticketAlerts } from './tickets';

export type { History } from '../../../../lib/core/model';
export type { RulesHistory } from './history';
export { nextDeadlines } from './deadlines';
export { resolveRuleSettings } from '../../../../lib/rules/settings';

export function compareAlerts(a: Alert, b: Alert): number {
  return a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function evaluate(history: RulesHistory, now: number, settings?: Partial<Settings>): Alert[] {
  const resolved = resolveRuleSettings(settings);
  const index = buildIndex(history, now);
  const all = [
    ...priceAlerts(index, now, resolved),
    ...logisticsAlerts(index, now, resolved),
    ...ticketAlerts(index.tickets, now, resolved),
  ];
  // Ids are the dedupe key downstream (notify once per id); never hand out two alerts with one id.
  const byId = new Map<string, Alert>();
  for (const alert of all) if (!byId.has(alert.id)) byId.set(alert.id, alert);
  return [...byId.values()].sort(compareAlerts);
}
