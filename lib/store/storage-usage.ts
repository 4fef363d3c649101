/**
 * Where the stored evidence bytes go, order by order (Settings → Storage), and which orders are
 * closed — finished with, so their old evidence may be archived and pruned by the shopper.
 *
 * An order is closed when all of these hold at `now`:
 * - its price-protection windows have ended (a cancelled order owes nothing: no window needed);
 * - nothing is still on its way: the order says completed/received/cancelled, or every forward parcel's
 *   last scan is 签收 (delivered); a return parcel not yet delivered keeps it open either way;
 * - no alert about it is active and undismissed (a snoozed one still counts);
 * - no complaint about it is a draft, sent or answered (resolved and escalated ones are done).
 *
 * Evidence belongs to an order by its orderId (and platform, when the record names one), else by a
 * tracking number the order lists. Everything else (product price screenshots, manual page captures) is
 * "other evidence". Evidence whose bytes were deleted (a deletion record names it) counts for nothing.
 * Records are read with a cursor; blobs are never read here.
 */
import type { AlertRecord, DB } from './db';
import type { PageSnapshot, Settings, Ticket } from '../core/model';
import type { OpenReason, OrderState, OrderUsage, StorageUsage } from '../core/storage-usage';
import { buildIndex, trackingKey, type MergedOrder } from '../rules/history';
import { protectionWindow } from '../rules/price-protection';
import { resolveRuleSettings } from '../rules/settings';
import { isCancelled, isClosed } from '../rules/status';
import { orderRef } from '../core/keys';
import { hasFile } from '../core/evidence-chain';

export interface ClosedInput {
  snapshots: readonly PageSnapshot[];
  alerts: readonly AlertRecord[];
  tickets: readonly Ticket[];
  now: number;
  settings?: Partial<Settings>;
}

/** Ticket states that still wait for something: the matter is not settled. */
const OPEN_TICKET = new Set<Ticket['status']>(['draft', 'sent', 'answered']);

export function orderStateKey(platform: string, orderId: string): string {
  return orderRef(platform, orderId);
}

function lastStage(events: { stage: string }[]): string | undefined {
  return events[events.length - 1]?.stage;
}

function concerns(item: { platform?: string; orderId?: string }, order: MergedOrder): boolean {
  return item.orderId === order.orderId && (item.platform === undefined || item.platform === order.platform);
}

function stateOf(order: MergedOrder, input: ClosedInput, settings: Settings): OrderState {
  const { now } = input;
  const reasons: OpenReason[] = [];
  const cancelled = isCancelled(order);
  let windowEnd: number | undefined;
  for (const item of order.items.length > 0 ? order.items : [undefined]) {
    const end = protectionWindow(order, item, settings)?.end;
    if (end === undefined) {
      if (!cancelled && !reasons.includes('window-unknown')) reasons.push('window-unknown');
      continue;
    }
    windowEnd = Math.max(windowEnd ?? end, end);
    if (!cancelled && now < end && !reasons.includes('window-open')) reasons.push('window-open');
  }
  const forward = order.shipments.filter((s) => s.direction === 'forward');
  const returning = order.shipments.filter((s) => s.direction === 'return');
  const delivered = forward.length > 0 && forward.every((s) => lastStage(s.events) === 'delivered');
  const returnPending = returning.some((s) => lastStage(s.events) !== 'delivered');
  if ((!isClosed(order) && !delivered) || returnPending) reasons.push('not-delivered');
  if (input.alerts.some((r) => r.active && r.dismissedAt === undefined && concerns(r.alert, order)))
    reasons.push('open-alert');
  if (input.tickets.some((t) => OPEN_TICKET.has(t.status) && concerns(t, order))) reasons.push('open-ticket');
  let lastActivity = Math.max(order.capturedAt, windowEnd ?? 0);
  for (const s of order.shipments) lastActivity = Math.max(lastActivity, s.events[s.events.length - 1]?.at ?? 0);
  return {
    key: orderStateKey(order.platform, order.orderId),
    platform: order.platform,
    orderId: order.orderId,
    title: order.items[0]?.title || order.orderId,
    ...(order.status ? { status: order.status } : {}),
    ...(windowEnd !== undefined ? { windowEnd } : {}),
    lastActivity,
    closed: reasons.length === 0,
    openReasons: reasons,
  };
}

export interface OrderStates {
  byKey: Map<string, OrderState>;
  /** Which order a piece of evidence belongs to (its key), or null for "other evidence". */
  keyOf(e: { platform?: string; orderId?: string; trackingNumber?: string }): string | null;
}

/** Pure: every stored order's state at `now`, and how evidence maps onto orders. */
export function orderStates(input: ClosedInput): OrderStates {
  const settings = resolveRuleSettings(input.settings);
  const index = buildIndex({ snapshots: [...input.snapshots], tickets: [...input.tickets] }, input.now);
  const byKey = new Map<string, OrderState>();
  const byOrderId = new Map<string, string[]>();
  const byTracking = new Map<string, string>();
  for (const order of index.orders) {
    const state = stateOf(order, input, settings);
    byKey.set(state.key, state);
    byOrderId.set(order.orderId, [...(byOrderId.get(order.orderId) ?? []), state.key]);
    for (const tn of order.trackingNumbers) byTracking.set(trackingKey(tn), state.key);
    for (const s of order.shipments) byTracking.set(s.key, state.key);
  }
  return {
    byKey,
    keyOf(e) {
      if (e.orderId) {
        if (e.platform) return orderStateKey(e.platform, e.orderId);
        const known = byOrderId.get(e.orderId) ?? [];
        // No platform on the record: the one stored order with that id, else an unknown order.
        return known.length === 1 ? (known[0] as string) : orderStateKey('?', e.orderId);
      }
      if (e.trackingNumber) return byTracking.get(trackingKey(e.trackingNumber)) ?? null;
      return null;
    },
  };
}

/** Reads snapshots, alerts and tickets in one transaction and works out every order's state. */
export async function loadOrderStates(d: DB, now: number, settings?: Partial<Settings>): Promise<OrderStates> {
  const tx = d.transaction(['snapshots', 'alerts', 'tickets'], 'readonly');
  const [snapshots, alerts, tickets] = await Promise.all([
    tx.objectStore('snapshots').getAll(),
    tx.objectStore('alerts').getAll(),
    tx.objectStore('tickets').getAll(),
  ]);
  await tx.done;
  return orderStates({ snapshots, alerts, tickets, now, ...(settings ? { settings } : {}) });
}

export interface LiveEvidence {
  id: string;
  /** Order key, or null for other evidence. */
  key: string | null;
  bytes: number;
  capturedAt: number;
  seq: number;
}

/**
 * Every evidence record whose bytes are still stored, with the order it belongs to. One cursor over
 * the records (never the blobs); deletion records cancel the records they name.
 */
export async function liveEvidence(d: DB, states: OrderStates): Promise<{ live: LiveEvidence[]; deleted: number }> {
  const all = new Map<string, LiveEvidence>();
  const deleted = new Set<string>();
  let cursor = await d.transaction('evidence').store.openCursor();
  while (cursor) {
    const e = cursor.value;
    if (e.kind === 'deletion') {
      if (e.deletes) deleted.add(e.deletes);
    } else if (hasFile(e)) {
      all.set(e.id, { id: e.id, key: states.keyOf(e), bytes: e.bytes, capturedAt: e.capturedAt, seq: e.seq });
    }
    cursor = await cursor.continue();
  }
  for (const id of deleted) all.delete(id);
  return { live: [...all.values()].sort((a, b) => a.seq - b.seq), deleted: deleted.size };
}

/** Bytes of all evidence still stored, and how many records the chain holds (deletions included). */
export async function evidenceTotals(d: DB): Promise<{ records: number; bytes: number }> {
  const { live } = await liveEvidence(d, { byKey: new Map(), keyOf: () => null });
  return { records: await d.count('evidence'), bytes: live.reduce((sum, e) => sum + e.bytes, 0) };
}

function unknownOrder(key: string): OrderUsage {
  const orderId = key.slice(key.indexOf(':') + 1);
  return {
    key,
    platform: null,
    orderId,
    title: orderId,
    lastActivity: 0,
    closed: false,
    openReasons: ['no-order'],
    evidence: 0,
    bytes: 0,
    ids: [],
  };
}

/** Usage per order (largest first), other evidence and the total, at `now`. */
export async function storageUsage(d: DB, now: number, settings?: Partial<Settings>): Promise<StorageUsage> {
  const states = await loadOrderStates(d, now, settings);
  const { live, deleted } = await liveEvidence(d, states);
  const orders = new Map<string, OrderUsage>();
  const other = { evidence: 0, bytes: 0 };
  const total = { evidence: 0, bytes: 0 };
  for (const e of live) {
    total.evidence++;
    total.bytes += e.bytes;
    if (e.key === null) {
      other.evidence++;
      other.bytes += e.bytes;
      continue;
    }
    let row = orders.get(e.key);
    if (!row) {
      const state = states.byKey.get(e.key);
      row = state ? { ...state, evidence: 0, bytes: 0, ids: [] } : unknownOrder(e.key);
      orders.set(e.key, row);
    }
    row.evidence++;
    row.bytes += e.bytes;
    row.ids.push(e.id);
    row.lastActivity = Math.max(row.lastActivity, e.capturedAt);
  }
  const sorted = [...orders.values()].sort((a, b) => b.bytes - a.bytes || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { orders: sorted, other, total, deleted };
}
