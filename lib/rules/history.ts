/**
 * Grouping: turns a pile of snapshots into merged orders, shipments and price series
 * (DESIGN.md "Public contracts": orders and shipments are linked by orderId or by a tracking number
 * listed on the order; products by platform + productId). Everything is indexed by key with Maps
 * so evaluate stays O(n log n). Snapshots captured after `now` are ignored: evaluating at a past
 * clock sees only what was known then.
 * Speed (`npm run bench`, evaluate over 10,000 orders; garbage collection was a large share of it):
 * almost every order and parcel is seen once, so a group holds the single snapshot itself and becomes
 * an array only when a second one arrives; a parcel seen once reuses its event list when it is already
 * clean (sorted, no duplicates); links are looked up in the grouping Maps instead of two more; hot
 * loops index arrays (a for-of that is not optimised yet allocates an iterator result per element).
 * The merged records share their read-only lists with the snapshots: nothing here writes to them.
 */
import type {
  History,
  LogisticsSnapshot,
  Money,
  OrderItem,
  OrderSnapshot,
  PageSnapshot,
  Platform,
  Ticket,
  TrackingEvent,
} from '../core/model';
import { objectList } from './lists';
import { PriceBook } from './price-series';
import { PROBLEM_STAGES, SCAN_STAGES } from './stages';

/** The contract's History, plus orders the shopper asked to be reminded about. */
export interface RulesHistory extends History {
  reminders?: { platform: Platform; orderId: string }[];
}

export type MergedOrder = Omit<OrderSnapshot, 'kind' | 'url' | 'trackingNumbers' | 'returnTrackingNumbers'> & {
  key: string;
  trackingNumbers: string[];
  /** Return parcels the shopper added (their shipments are linked with direction 'return'). */
  returnTrackingNumbers: string[];
  shipments: MergedShipment[];
};

export interface MergedShipment {
  key: string;
  trackingNumber: string;
  platform?: Platform;
  orderId?: string;
  direction: 'forward' | 'return';
  /**
   * Every order any page said this parcel belongs to: a later page never unlinks an earlier one.
   * SELF_REF for a parcel seen on one page that names an order: that one, { platform, orderId }
   * of this record (no list of one per parcel); read through `refAt`.
   */
  refs: { platform?: Platform; orderId: string }[];
  /** Union of every snapshot's events at or before now, deduped by at + text, oldest first. */
  events: TrackingEvent[];
  /** Some event is a carrier scan (pickup on): read here while the events are fresh in cache. */
  scanned: boolean;
  /** Some event is an exception or a return. */
  problems: boolean;
  /**
   * The last event when the parcel can still stall (not delivered, not waiting in a locker), else
   * null: read here too, so the stall rule does not go back to 10,000 cold event lists.
   */
  stall: TrackingEvent | null;
  orders: MergedOrder[];
  /** The tracking site's own state of the latest capture (`not-found` when it knew nothing of the number). */
  state?: string;
  /** When the parcel was first seen on a page (its earliest capture). */
  firstSeen: number;
}

export interface RulesIndex {
  orders: MergedOrder[];
  shipments: MergedShipment[];
  prices: PriceBook;
  tickets: Ticket[];
  reminders: Set<string>;
  /** The history's own snapshot list (not copied): the price-discrepancy rule picks its few products from it. */
  snapshots: PageSnapshot[];
  /**
   * What the platform's own 价保 page paid (a `claim` snapshot with status success, issue #19), by recoveredKey of the
   * order and product, or of the order alone when the answer names no product: the refund each success stated
   * (undefined: it stated none). Its price drop is recovered, not owed, when the refund is one the order can have paid
   * (./price-protection.ts).
   */
  recovered: Map<string, (Money | undefined)[]>;
  /** The latest refusal (failed / not eligible) of the platform's own 价保 page, by recoveredKey: its text. */
  refused: Map<string, string>;
}

/** The `recovered` key of an order's item (`productId` undefined: the whole order). */
export function recoveredKey(orderKey: string, productId: string | undefined): string {
  return `${orderKey}\u0000${productId ?? ''}`;
}

export function orderKey(platform: string, orderId: string): string {
  return `${platform}\u0000${orderId}`;
}

const CANONICAL_TRACKING = /^[0-9A-Z-]+$/;

/** CANONICAL_TRACKING.test for a string, by code units (a regex call per parcel and per order was measurable). */
function canonical(trackingNumber: string): boolean {
  const n = trackingNumber.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = trackingNumber.charCodeAt(i);
    // 0-9, A-Z, '-'
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 45)) return false;
  }
  return true;
}

/** Pages print tracking numbers with spaces and in either case; the carrier does not care. */
export function trackingKey(trackingNumber: string): string {
  if (typeof trackingNumber === 'string' ? canonical(trackingNumber) : CANONICAL_TRACKING.test(trackingNumber))
    return trackingNumber;
  return trackingNumber.replace(/\s+/g, '').toUpperCase();
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest first; equal capture times fall back to content so shuffled input merges the same way. */
function byCapture(a: PageSnapshot, b: PageSnapshot): number {
  return a.capturedAt - b.capturedAt || compareText(JSON.stringify(a), JSON.stringify(b));
}

/** By id; a duplicate id (two copies of one ticket) falls back to content, so input order never matters. */
function byTicketId(a: Ticket, b: Ticket): number {
  return compareText(a.id, b.id) || compareText(JSON.stringify(a), JSON.stringify(b));
}

/**
 * The keys under one first part: each second part, with the position of its group in Groups' lists.
 * The second parts are the Map's keys (no list of them grown by push alongside: merge takes one
 * copy of the right size).
 */
interface KeyGroup {
  positions: Map<string, number>;
}

/**
 * Snapshots by key and the record merged from them. Almost every key is seen once, so a group's
 * record is built from its first snapshot right away, while that snapshot is still in the CPU cache
 * (a second pass over 10,000 cold snapshots cost a tenth of evaluate); the rare group that gets a
 * second snapshot is merged again from all of them in `merge`. Linking looks records up here.
 *
 * Orders are keyed orderKey(platform, orderId) = `platform NUL orderId`, but that string is not
 * built to look one up: building, flattening and hashing it for each of 10,000 orders cost more than
 * two lookups of the snapshot's own strings (the engine keeps their hashes). The key is split at its
 * first NUL instead, which names exactly the same groups; and sorting by first part, then by second
 * part, is the whole key's code-unit order: a first part has no NUL, so where one first part is a
 * prefix of another, the shorter key has NUL there, below any other code unit.
 */
class Groups<S extends PageSnapshot, M extends { key: string }> {
  private readonly byFirst = new Map<string, KeyGroup>();
  private lastFirst = '';
  private lastGroup: KeyGroup | null = null;
  /** Per group: its one snapshot, or all of them once a second one arrived. */
  private readonly snaps: (S | S[])[] = objectList();
  private readonly records: M[] = objectList();
  private several = false;

  /** `single`: the record of a group of one snapshot, with its (whole) key. */
  constructor(private readonly single: (key: string, snap: S) => M) {}

  /** The keys under a first part (no NUL in it). */
  private keyGroup(first: string, create: boolean): KeyGroup | undefined {
    // Consecutive snapshots are often of one platform: skip the lookup then.
    if (this.lastGroup !== null && first === this.lastFirst) return this.lastGroup;
    let group = this.byFirst.get(first);
    if (group === undefined) {
      if (!create) return undefined;
      group = { positions: new Map() };
      this.byFirst.set(first, group);
    }
    this.lastFirst = first;
    this.lastGroup = group;
    return group;
  }

  /**
   * The position of the group keyed `a NUL b` (orderKey(a, b)), or `b` when `a` is null; with
   * `snap`, adds it there (a new group when there is none yet). -1: no such group.
   */
  private find(a: string | null, b: string, snap: S | null): number {
    let first = '';
    let second = b;
    if (a !== null) {
      // Raw (unparsed) snapshots may hold anything; orderKey's template turns it into its string.
      if (typeof a !== 'string' || typeof b !== 'string') return this.find(`${a}`, `${b}`, snap);
      const nul = a.indexOf('\u0000');
      if (nul < 0) first = a;
      else {
        first = a.slice(0, nul);
        second = `${a.slice(nul + 1)}\u0000${b}`;
      }
    }
    const group = this.keyGroup(first, snap !== null);
    if (group === undefined) return -1;
    const i = group.positions.get(second);
    if (snap === null) return i ?? -1;
    if (i === undefined) {
      group.positions.set(second, this.records.length);
      this.snaps.push(snap);
      this.records.push(this.single(a === null ? b : orderKey(a, b), snap));
      return this.records.length - 1;
    }
    const snaps = this.snaps[i] as S | S[];
    if (Array.isArray(snaps)) snaps.push(snap);
    else this.snaps[i] = [snaps, snap];
    this.several = true;
    return i;
  }

  /** Adds `snap` to the group keyed orderKey(a, b), or `b` when `a` is null. */
  add(a: string | null, b: string, snap: S): void {
    this.find(a, b, snap);
  }

  /**
   * Every group of several snapshots merged (oldest first) into its record; the records in the order
   * their first snapshot came (see indexInHistoryOrder for why not by key). The list is the Groups' own.
   */
  merge(several: (key: string, sorted: S[]) => M): M[] {
    const { snaps, records } = this;
    if (this.several) {
      for (let i = 0; i < snaps.length; i++) {
        const group = snaps[i] as S | S[];
        if (Array.isArray(group)) records[i] = several((records[i] as M).key, group.sort(byCapture));
      }
    }
    return records;
  }

  /** The merged records sorted by key; only after `merge`. */
  sorted(): M[] {
    const { records } = this;
    // The default sort compares strings by UTF-16 code units, as compareText does, without calling
    // back into a comparator for each of the ~140,000 comparisons of 10,000 keys.
    const firsts = [...this.byFirst.keys()].sort();
    const out: M[] = new Array<M>(records.length);
    let n = 0;
    for (let f = 0; f < firsts.length; f++) {
      const { positions } = this.byFirst.get(firsts[f] as string) as KeyGroup;
      const seconds = [...positions.keys()].sort();
      for (let i = 0; i < seconds.length; i++) out[n++] = records[positions.get(seconds[i] as string) as number] as M;
    }
    return out;
  }

  /** The merged record keyed orderKey(a, b), or `b` when `a` is null; only after `merge`. */
  get(a: string | null, b: string): M | undefined {
    const i = this.find(a, b, null);
    return i < 0 ? undefined : this.records[i];
  }
}

/** Shared empty lists, frozen: a caller that writes to one fails loudly instead of linking everything. */
const NO_TRACKING = Object.freeze([]) as unknown as string[];
const NO_ORDERS = Object.freeze([]) as unknown as MergedOrder[];
const NO_SHIPMENTS = Object.freeze([]) as unknown as MergedShipment[];

function byKey(a: { key: string }, b: { key: string }): number {
  return compareText(a.key, b.key);
}

/** Copy the fields `src` defines onto `target`: the latest capture wins per field, gaps keep older values. */
function assignDefined<T extends object>(target: T, src: Partial<T>): T {
  for (const key of Object.keys(src) as (keyof T)[]) {
    const value = src[key];
    if (value !== undefined) target[key] = value as T[keyof T];
  }
  return target;
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

/** The index, orders and shipments each sorted by key. */
export function buildIndex(history: RulesHistory, now: number): RulesIndex {
  const { index, orderGroups, shipmentGroups } = group(history, now);
  return { ...index, orders: orderGroups.sorted(), shipments: shipmentGroups.sorted() };
}

/**
 * buildIndex with its orders and shipments in the order their first snapshot came in the history,
 * not by key. The records point into the snapshots (items, prices, events), which lie in memory about
 * in the order they were read from storage: a rule walking the records in key order ('O1', 'O10',
 * 'O100', …) jumps across the whole history, a cache miss at nearly every order; in this order it
 * reads memory front to back. evaluate uses this (index.ts says when its result could depend on the
 * order, and then uses buildIndex). The grouping Maps (~2 MB at 10,000 orders) are garbage once this
 * returns: kept for a key sort that is rarely wanted, every scavenge during the rules copied them.
 */
export function indexInHistoryOrder(history: RulesHistory, now: number): RulesIndex {
  return group(history, now).index;
}

function group(history: RulesHistory, now: number) {
  const orderGroups = new Groups<OrderSnapshot, MergedOrder>((key, snap) => toMerged(key, snap, null));
  const shipmentGroups = new Groups<LogisticsSnapshot, MergedShipment>((key, snap) => singleShipment(key, snap, now));
  const prices = new PriceBook(history.snapshots.length);
  const recovered = new Map<string, (Money | undefined)[]>();
  const refused = new Map<string, { at: number; text: string }>();
  sortOut(history.snapshots, now, orderGroups, shipmentGroups, prices, recovered, refused);
  const orders = orderGroups.merge(mergeOrder);
  const shipments = shipmentGroups.merge((key, sorted) => mergeShipment(key, sorted, now));
  linkShipments(orders, orderGroups, shipments, shipmentGroups);
  const index: RulesIndex = {
    orders,
    shipments,
    prices,
    tickets: (history.tickets ?? []).slice().sort(byTicketId),
    reminders: new Set((history.reminders ?? []).map((r) => orderKey(r.platform, r.orderId))),
    snapshots: history.snapshots,
    recovered,
    refused: new Map([...refused].map(([k, v]) => [k, v.text])),
  };
  return { index, orderGroups, shipmentGroups };
}

/**
 * The one pass over every snapshot, in a function of its own: the engine optimises this loop early
 * (on-stack) without compiling the rest of buildIndex before it has run.
 */
function sortOut(
  snapshots: PageSnapshot[],
  now: number,
  orderGroups: Groups<OrderSnapshot, MergedOrder>,
  shipmentGroups: Groups<LogisticsSnapshot, MergedShipment>,
  prices: PriceBook,
  recovered: Map<string, (Money | undefined)[]>,
  refused: Map<string, { at: number; text: string }>,
): void {
  for (let i = 0; i < snapshots.length; i++) {
    const snap = snapshots[i] as PageSnapshot;
    if (snap.capturedAt > now) continue;
    if (snap.kind === 'order') orderGroups.add(snap.platform, snap.orderId, snap);
    else if (snap.kind === 'logistics') shipmentGroups.add(null, trackingKey(snap.trackingNumber), snap);
    // Price protection compares with the shop's own price: a live room's or a video's price (直播间专享价) is not
    // what 价保 refunds against; seen lower in another channel it is a price-discrepancy (./price-discrepancy.ts).
    else if (snap.kind === 'product' && (snap.channel ?? 'shop') === 'shop') prices.add(snap);
    else if (snap.kind === 'claim' && snap.status === 'success' && snap.orderId) {
      const key = recoveredKey(orderKey(snap.platform, snap.orderId), snap.productId);
      recovered.set(key, [...(recovered.get(key) ?? []), snap.refund]);
    } else if (snap.kind === 'claim' && (snap.status === 'failed' || snap.status === 'ineligible') && snap.orderId)
      laterRefusal(refused, recoveredKey(orderKey(snap.platform, snap.orderId), snap.productId), snap);
  }
}

/** Keeps the latest refusal per key; equal times keep the smaller text, so input order never matters. */
function laterRefusal(refused: Map<string, { at: number; text: string }>, key: string, snap: PageSnapshot): void {
  if (snap.kind !== 'claim') return;
  const prev = refused.get(key);
  const text = snap.text.slice(0, 300);
  if (!prev || snap.capturedAt > prev.at || (snap.capturedAt === prev.at && text < prev.text))
    refused.set(key, { at: snap.capturedAt, text });
}

function mergeOrder(key: string, sorted: OrderSnapshot[]): MergedOrder {
  const merged = {} as OrderSnapshot;
  for (const snap of sorted) assignDefined(merged, snap);
  // Payment and placing happen once; a later page showing another time is a display artefact.
  let paidAt: number | undefined;
  let placedAt: number | undefined;
  for (const snap of sorted) {
    paidAt = minDefined(paidAt, snap.paidAt);
    placedAt = minDefined(placedAt, snap.placedAt);
  }
  return toMerged(key, { ...merged, paidAt, placedAt, items: mergeItems(sorted) }, sorted);
}

/**
 * A fixed-shape literal (no rest spread): this runs once per order of a 10,000-order history.
 * `sorted` is every snapshot of the order, or null when `snap` is the only one.
 */
function toMerged(key: string, snap: OrderSnapshot, sorted: OrderSnapshot[] | null): MergedOrder {
  return {
    key,
    platform: snap.platform,
    orderId: snap.orderId,
    placedAt: snap.placedAt,
    paidAt: snap.paidAt,
    paid: snap.paid,
    // Raw (unparsed) snapshots may leave out what zod would default; never crash on them.
    items: snap.items ?? [],
    shop: snap.shop,
    status: snap.status,
    shippedAt: snap.shippedAt,
    trackingNumbers: sorted ? unionTracking(sorted) : singleTracking(snap),
    returnTrackingNumbers: sorted ? unionReturns(sorted) : (snap.returnTrackingNumbers ?? NO_TRACKING),
    priceProtectionDays: snap.priceProtectionDays,
    priceProtectionUntil: snap.priceProtectionUntil,
    carrier: snap.carrier,
    shipBy: snap.shipBy,
    returnAddress: snap.returnAddress,
    source: snap.source,
    capturedAt: snap.capturedAt,
    shipments: NO_SHIPMENTS,
  };
}

/** What unionTracking gives for one snapshot: its numbers, deduped and sorted when there are several. */
function singleTracking(snap: OrderSnapshot): string[] {
  const numbers = snap.trackingNumbers;
  if (!numbers || numbers.length === 0) return NO_TRACKING;
  if (numbers.length === 1) return numbers;
  return [...new Set(numbers)].sort();
}

function unionTracking(sorted: OrderSnapshot[]): string[] {
  const all = new Set<string>();
  for (const snap of sorted) for (const tn of snap.trackingNumbers ?? []) all.add(tn);
  return [...all].sort();
}

function unionReturns(sorted: OrderSnapshot[]): string[] {
  const all = new Set<string>();
  for (const snap of sorted) for (const tn of snap.returnTrackingNumbers ?? []) all.add(tn);
  return all.size === 0 ? NO_TRACKING : [...all].sort();
}

function itemKeys(item: OrderItem): string[] {
  return item.productId ? [`p:${item.productId}`, `t:${item.title}`] : [`t:${item.title}`];
}

/**
 * Items of the latest snapshot that lists any, with gaps (unit price, window days) filled from older
 * snapshots of the same item: an order list page often omits what the detail page showed.
 */
function mergeItems(sorted: OrderSnapshot[]): OrderItem[] {
  const known = new Map<string, OrderItem>();
  let latest: OrderItem[] = [];
  for (const snap of sorted) {
    if (!snap.items || snap.items.length === 0) continue;
    latest = snap.items;
    for (const item of snap.items) {
      for (const k of itemKeys(item)) known.set(k, assignDefined({ ...known.get(k) } as OrderItem, item));
    }
  }
  return latest.map((item) => {
    const older = known.get(itemKeys(item)[0] as string);
    return older ? assignDefined({ ...older }, item) : item;
  });
}

/** Same instant and text is the same event seen on two pages; the latest capture's copy wins. */
function mergeEvents(sorted: LogisticsSnapshot[], now: number): TrackingEvent[] {
  const all: TrackingEvent[] = [];
  // An event stamped after the clock is not known yet (or is a carrier's estimate).
  for (const snap of sorted) for (const ev of snap.events ?? []) if (ev.at <= now) all.push(ev);
  all.sort((a, b) => a.at - b.at || compareText(a.text, b.text)); // stable: capture order kept in ties
  const events: TrackingEvent[] = [];
  for (const ev of all) {
    const prev = events[events.length - 1];
    if (prev && prev.at === ev.at && prev.text === ev.text) events[events.length - 1] = ev;
    else events.push(ev);
  }
  return events;
}

function orderRefs(sorted: LogisticsSnapshot[]): MergedShipment['refs'] {
  const refs: MergedShipment['refs'] = [];
  for (const snap of sorted) {
    if (!snap.orderId) continue;
    if (!refs.some((r) => r.orderId === snap.orderId && r.platform === snap.platform)) {
      refs.push({ platform: snap.platform, orderId: snap.orderId });
    }
  }
  return refs;
}

function mergeShipment(key: string, sorted: LogisticsSnapshot[], now: number): MergedShipment {
  const merged = {} as LogisticsSnapshot;
  for (const snap of sorted) assignDefined(merged, snap);
  // The latest capture's state only: an older 'not-found' says nothing once the site knows the number.
  merged.state = sorted[sorted.length - 1]?.state;
  return shipmentOf(key, merged, orderRefs(sorted), mergeEvents(sorted, now), sorted[0]?.capturedAt);
}

/** mergeShipment for a parcel seen on one page. */
function singleShipment(key: string, snap: LogisticsSnapshot, now: number): MergedShipment {
  // The page's own (platform, orderId) is the one ref, and the record copies both from the page.
  const refs = snap.orderId ? SELF_REF : NO_REFS;
  return shipmentOf(key, snap, refs, cleanEvents(snap.events, now) ?? mergeEvents([snap], now));
}

type OrderRef = MergedShipment['refs'][number];

/** Shared, frozen: see MergedShipment.refs. SELF_REF's one element is never read (refAt). */
const SELF_REF = Object.freeze([Object.freeze({ orderId: '' })]) as unknown as OrderRef[];
const NO_REFS = Object.freeze([]) as unknown as OrderRef[];

/** The shipment's j-th ref; the record itself (platform, orderId) for SELF_REF. */
function refAt(shipment: MergedShipment, j: number): OrderRef {
  return shipment.refs === SELF_REF ? (shipment as OrderRef) : (shipment.refs[j] as OrderRef);
}

function shipmentOf(
  key: string,
  latest: LogisticsSnapshot,
  refs: MergedShipment['refs'],
  events: TrackingEvent[],
  firstSeen: number = latest.capturedAt,
): MergedShipment {
  return {
    key,
    trackingNumber: latest.trackingNumber,
    platform: latest.platform,
    orderId: latest.orderId,
    direction: latest.direction ?? 'forward',
    refs,
    events,
    scanned: anyStage(events, SCAN_STAGES),
    problems: anyStage(events, PROBLEM_STAGES),
    stall: stallable(events),
    orders: NO_ORDERS,
    state: latest.state,
    firstSeen,
  };
}

function stallable(events: TrackingEvent[]): TrackingEvent | null {
  const last = events[events.length - 1];
  if (!last || last.stage === 'delivered' || last.stage === 'locker') return null;
  return last;
}

function anyStage(events: TrackingEvent[], stages: ReadonlySet<string>): boolean {
  for (let i = 0; i < events.length; i++) if (stages.has((events[i] as TrackingEvent).stage)) return true;
  return false;
}

/**
 * The page's own list when mergeEvents would return the same events: all known by `now`, in
 * (at, text) order, no two alike. The rules only read it. Null when it needs the full merge.
 */
function cleanEvents(events: TrackingEvent[] | undefined, now: number): TrackingEvent[] | null {
  if (!events) return null;
  let prev: TrackingEvent | undefined;
  for (let i = 0; i < events.length; i++) {
    const ev = events[i] as TrackingEvent;
    if (ev.at > now) return null;
    if (prev && (prev.at > ev.at || (prev.at === ev.at && compareText(prev.text, ev.text) >= 0))) return null;
    prev = ev;
  }
  return events;
}

/**
 * By orderId (same platform when the shipment names one) or by a tracking number on the order.
 * Each shipment's orders and each order's shipments end up sorted by key, whatever the order of the
 * lists walked (a pair is linked once, and no two records of one list share a key).
 */
function linkShipments(
  orders: MergedOrder[],
  orderByKey: Groups<OrderSnapshot, MergedOrder>,
  shipments: MergedShipment[],
  shipmentByKey: Groups<LogisticsSnapshot, MergedShipment>,
): void {
  linkByTracking(orders, shipmentByKey);
  linkByRefs(shipments, orderByKey, orderPlatforms(orders));
  sortLinks(orders, shipments);
}

/*
 * Each loop of the linking in a function of its own (like sortOut), and none left in linkShipments:
 * code the engine optimises on-stack in a loop is kept for that loop, and the code after the loop,
 * compiled before it had ever run, was thrown away again in every evaluate ("insufficient type
 * feedback", seen with --trace-deopt). Indexed loops: a for-of that is not optimised yet allocates an
 * iterator result per element.
 */

/** The platforms of the orders: a parcel page without a platform matches the order id on each. */
function orderPlatforms(orders: MergedOrder[]): Platform[] {
  const platforms: Platform[] = [];
  for (let i = 0; i < orders.length; i++) {
    const platform = (orders[i] as MergedOrder).platform;
    if (!platforms.includes(platform)) platforms.push(platform);
  }
  return platforms;
}

/** By tracking number first: those keys are the snapshots' own strings, nothing to build. */
function linkByTracking(orders: MergedOrder[], shipmentByKey: Groups<LogisticsSnapshot, MergedShipment>): void {
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i] as MergedOrder;
    const numbers = order.trackingNumbers;
    for (let j = 0; j < numbers.length; j++) {
      const shipment = shipmentByKey.get(null, trackingKey(numbers[j] as string));
      if (shipment) link(shipment, order);
    }
    // The shopper's return parcels: linked too, and watched as returns whatever page they were read on.
    const returns = order.returnTrackingNumbers;
    for (let j = 0; j < returns.length; j++) {
      const shipment = shipmentByKey.get(null, trackingKey(returns[j] as string));
      if (!shipment) continue;
      shipment.direction = 'return';
      link(shipment, order);
    }
  }
}

/**
 * Then by the order ids the parcel pages name, unless that order is linked already (the usual
 * case: the order lists the parcel's number), which saves building a key and a lookup per parcel.
 * With a platform (or a single platform in all the orders), (platform, orderId) names one order.
 */
function linkByRefs(
  shipments: MergedShipment[],
  orderByKey: Groups<OrderSnapshot, MergedOrder>,
  platforms: Platform[],
): void {
  const onePlatform = platforms.length === 1 ? platforms[0] : undefined;
  for (let i = 0; i < shipments.length; i++) {
    const shipment = shipments[i] as MergedShipment;
    const count = shipment.refs.length;
    for (let j = 0; j < count; j++) {
      const ref = refAt(shipment, j);
      const platform = ref.platform || onePlatform;
      if (platform !== undefined && linkedTo(shipment, platform, ref.orderId)) continue;
      if (ref.platform) link(shipment, orderByKey.get(ref.platform, ref.orderId));
      else
        for (let p = 0; p < platforms.length; p++)
          link(shipment, orderByKey.get(platforms[p] as Platform, ref.orderId));
    }
  }
}

/** Each order's shipments and each shipment's orders by key. */
function sortLinks(orders: MergedOrder[], shipments: MergedShipment[]): void {
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i] as MergedOrder;
    if (order.shipments.length > 1) order.shipments.sort(byKey);
  }
  for (let i = 0; i < shipments.length; i++) {
    const shipment = shipments[i] as MergedShipment;
    if (shipment.orders.length > 1) shipment.orders.sort(byKey);
  }
}

function linkedTo(shipment: MergedShipment, platform: Platform, orderId: string): boolean {
  const linked = shipment.orders;
  for (let i = 0; i < linked.length; i++) {
    const order = linked[i] as MergedOrder;
    if (order.orderId === orderId && order.platform === platform) return true;
  }
  return false;
}

/** Links both ways, once: a list of one is a literal, not an empty array grown by push. */
function link(shipment: MergedShipment, order: MergedOrder | undefined): void {
  if (!order) return;
  if (shipment.orders === NO_ORDERS) shipment.orders = [order];
  else if (shipment.orders.includes(order)) return;
  else shipment.orders.push(order);
  if (order.shipments === NO_SHIPMENTS) order.shipments = [shipment];
  else order.shipments.push(shipment);
}
