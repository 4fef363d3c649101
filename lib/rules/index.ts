/**
 * evaluate: every alert the stored history supports at clock `now` (DESIGN.md "Public contracts").
 * Pure and deterministic: no browser, no Date.now(); the same history, clock and settings give the
 * same alerts in the same order (raisedAt, then id), whatever the order of the snapshots.
 */
import type { Alert, Settings } from '../core/model';
import { buildIndex, indexInHistoryOrder, type RulesHistory, type RulesIndex } from './history';
import { objectList } from './lists';
import { logisticsAlerts } from './logistics';
import { discrepancyAlerts } from './price-discrepancy';
import { priceAlerts } from './price-protection';
import { resolveRuleSettings } from './settings';
import { ticketAlerts } from './tickets';

export type { History } from '../core/model';
export type { RulesHistory } from './history';
export { nextDeadlines } from './deadlines';
export { resolveRuleSettings } from './settings';

export function compareAlerts(a: Alert, b: Alert): number {
  return a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Kinds whose ids cannot repeat in one evaluation, so they skip the dedupe Set (most alerts are of
 * these kinds; hashing every id showed in `npm run bench`): logistics-stalled is one per parcel, with the
 * parcel's tracking number (parcels are grouped by it, so two never share one) and a time (a number,
 * no ':'); no-pickup and shipped-no-scan are one per order, `kind:platform:orderId`, which names the
 * order as long as no order alert's platform has a ':' (always, for the Platform enum). One that has
 * (a raw snapshot's) could share its id with another order's alert that skipped the Set: 'jd' + 'A:B'
 * and 'jd:A' + 'B'. So `order alert with such a platform` makes the dedupe start over checking all.
 */
function uniqueById(alert: Alert): boolean {
  return alert.kind === 'logistics-stalled' || (orderAlertKind(alert) && plainPlatform(alert));
}

function orderAlertKind(alert: Alert): boolean {
  return alert.kind === 'no-pickup' || alert.kind === 'shipped-no-scan';
}

function plainPlatform(alert: Alert): boolean {
  return typeof alert.platform === 'string' && !alert.platform.includes(':');
}

/**
 * The rules walk the orders and shipments in the order they came (indexInHistoryOrder says why), not by key.
 * Each record's alerts do not depend on which record went before, so that gives the same alerts;
 * only which one of two with one id the dedupe keeps, and where the sort puts two it finds equal (or
 * a NaN), depend on the order they were made in. When neither can happen (`orderFree`), the answer is
 * the one the key order gives. When it can (rare: two problem events of one parcel at one instant,
 * ids made of strings with ':' in them, a raisedAt that is not an integer), the alerts are made again
 * in key order, as they always were (grouped again: rare enough not to keep the grouping alive for it): the
 * same answer in every case, the fast way in nearly all.
 */
export function evaluate(history: RulesHistory, now: number, settings?: Partial<Settings>): Alert[] {
  const resolved = resolveRuleSettings(settings);
  const fast = orderFree(allAlerts(indexInHistoryOrder(history, now), now, resolved));
  return fast ?? sortAlerts(dedupe(allAlerts(buildIndex(history, now), now, resolved)));
}

/** Every rule's alerts, in the order made: price, then channel price, then parcel, then ticket rules. */
function allAlerts(index: RulesIndex, now: number, settings: Settings): Alert[] {
  const all: Alert[] = objectList();
  priceAlerts(index, now, settings, all);
  discrepancyAlerts(index, now, settings, all);
  logisticsAlerts(index, now, settings, all);
  ticketAlerts(index.tickets, now, settings, all);
  return all;
}

/**
 * sortAlerts(dedupe(all)) when that does not depend on the order of `all`, else null: no id repeats
 * among the alerts the dedupe checks, and no two alerts have both one raisedAt and one id, all raisedAt
 * being safe integers (compareAlerts is then a strict total order on them: one sorted answer).
 */
function orderFree(all: Alert[]): Alert[] | null {
  return dedupe(all) === all ? sortByTime(all, true) : null;
}

/**
 * Ids are the dedupe key downstream (notify once per id); never hand out two alerts with one id.
 * The first one generated wins (price, then parcel, then ticket rules). A function of its own so that
 * evaluate has no loop the engine would optimise it in on-stack (see linkShipments).
 */
function dedupe(all: Alert[]): Alert[] {
  return dedupeSkipping(all, true) ?? (dedupeSkipping(all, false) as Alert[]);
}

/** `skip`: uniqueById alerts skip the Set; null when an order alert's platform turns out to have a ':'. */
function dedupeSkipping(all: Alert[], skip: boolean): Alert[] | null {
  const seen = new Set<string>();
  // Usually nothing repeats: then `all` itself is the answer, no copy of it.
  let unique: Alert[] | null = null;
  for (let i = 0; i < all.length; i++) {
    const alert = all[i] as Alert;
    if (!skip || !uniqueById(alert)) {
      if (skip && orderAlertKind(alert)) return null;
      if (seen.has(alert.id)) {
        unique ??= all.slice(0, i);
        continue;
      }
      seen.add(alert.id);
    }
    if (unique !== null) unique.push(alert);
  }
  return unique ?? all;
}

/**
 * `alerts.sort(compareAlerts)`, for alerts with distinct ids (evaluate's, after the dedupe), faster:
 * when every raisedAt is an integer and (range × count) is exact in a double, each alert becomes one
 * number, (raisedAt − min) × count + position, and a typed array sorts those natively (no comparator
 * call per comparison: ~80,000 of them for 6,600 alerts). Equal raisedAt then sort by id. With
 * distinct ids compareAlerts is a strict total order, so any correct sort gives this same array.
 */
function sortAlerts(alerts: Alert[]): Alert[] {
  return sortByTime(alerts, false) ?? alerts.sort(compareAlerts);
}

/**
 * sortAlerts' typed-array sort; null when it does not apply (see above), or, `strict`, when two
 * alerts compare equal (then where each ends up depends on where it was in `alerts`).
 */
function sortByTime(alerts: Alert[], strict: boolean): Alert[] | null {
  const n = alerts.length;
  if (n < 2) return alerts;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const at = (alerts[i] as Alert).raisedAt;
    if (!Number.isSafeInteger(at)) return null;
    if (at < min) min = at;
    if (at > max) max = at;
  }
  if ((max - min + 1) * n > Number.MAX_SAFE_INTEGER) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = ((alerts[i] as Alert).raisedAt - min) * n + i;
  keys.sort();
  const sorted: Alert[] = new Array<Alert>(n);
  for (let i = 0; i < n; i++) sorted[i] = alerts[(keys[i] as number) % n] as Alert;
  // Runs of one raisedAt are in generation order: put them in id order.
  for (let start = 0; start < n;) {
    const at = (sorted[start] as Alert).raisedAt;
    let end = start + 1;
    while (end < n && (sorted[end] as Alert).raisedAt === at) end++;
    if (end - start > 1) {
      const run = sorted.slice(start, end).sort(compareAlerts);
      for (let i = 0; i < run.length; i++) {
        if (strict && i > 0 && (run[i] as Alert).id === (run[i - 1] as Alert).id) return null;
        sorted[start + i] = run[i] as Alert;
      }
    }
    start = end;
  }
  return sorted;
}
