/**
 * Turning what an adapter saw into snapshots, with the price rules of lib/sites/README.md:
 * candidates arrive in the adapter's priority order (embedded → structured → dom → text, and inside a
 * layer the final price before the others); the first non-reference candidate is the price, reference
 * candidates (原价/划线/优惠前) give `listPrice` only when higher.
 */
import type {
  PageSnapshot,
  CarrierCode,
  LogisticsSnapshot,
  Money,
  OrderItem,
  OrderSnapshot,
  Platform,
  PriceSource,
} from '../core/model';
import { detectCarrier, carrierFromName } from '../parse/carrier';
import { decimalToMinor, parsePrice, parsePriceDetailed } from '../parse/price';
import { parseShopDate } from '../parse/date';
import { normalizeEvents, type RawEvent } from '../parse/tracking';
import { bodyText, clean, labeled } from './dom';
import { clipped } from './json';
import { type Cand, push } from './product';

// The product builder and its candidate rules live in ./product.ts (a first-stage content script uses them alone).
export { type Cand, product, push, type ProductParts } from './product';

/** A JSON number or decimal string in yuan (or `fen` when the field is in minor units) → Money. */
export function money(v: unknown, currency = 'CNY', fen = false): Money | null {
  let amount: number | null = null;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) {
    amount = fen ? (Number.isSafeInteger(v) ? v : null) : decimalToMinor(v.toFixed(4));
  } else if (typeof v === 'string' && v.trim()) {
    const t = v.trim();
    // Markup or a long text in a price field is not a price: "<img src=x onerror=alert(1)>" would read as ¥1.
    if (t.length > 64 || /[<>]/.test(t)) return null;
    if (fen) amount = /^\d{1,15}$/.test(t) ? Number(t) : null;
    else if (/^\d{1,15}(?:\.\d{1,4})?$/.test(t)) amount = decimalToMinor(t);
    else {
      const p = parsePriceDetailed(t);
      return p ? p.price : null;
    }
  }
  return amount === null ? null : { amount, currency: /^[A-Z]{3}$/.test(currency) ? currency : 'CNY' };
}

/** Adds a candidate from page text such as "券后 ¥89.90"; its label comes from the text when none given. */
export function pushText(
  list: Cand[],
  text: string | null | undefined,
  source: PriceSource,
  selector?: string,
  label?: string,
  ref?: boolean,
): void {
  if (!text) return;
  const p = parsePriceDetailed(text);
  if (p) push(list, p.price, source, label ?? p.label, selector, ref);
}

/**
 * What a phone order answer says was paid (JD's shouldPay, Taobao's actualFee): a yuan string or number. 0 is taken
 * as not said (an unpaid order's "to pay" after a cancel, or a field the page left empty), never as "paid nothing",
 * which would set a refund's ceiling at 0.
 */
export function paidAmount(v: unknown): Money | null {
  const m = typeof v === 'string' || typeof v === 'number' ? money(v) : null;
  return m && m.amount > 0 ? m : null;
}

const ANSWER_ID = /^\d{6,30}$/;

/** An order, SKU or sub-order id in a phone order answer: 6–30 digits, or a safe positive integer; anything else ''. */
export function answerId(v: unknown): string {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? String(v) : '';
  return ANSWER_ID.test(clipped(v, 40)) ? clipped(v) : '';
}

export interface OrderParts {
  platform: Platform;
  url: URL;
  orderId: string | null | undefined;
  paid: Money | null | undefined;
  items: OrderItem[];
  now: number;
  placedAt?: number | null;
  paidAt?: number | null;
  shippedAt?: number | null;
  /** A ship-by promise ("11月08日 11:56前发货"), never a shipped time. */
  shipBy?: number | null;
  /** The carrier as the page names it ("圆通速递"). */
  carrier?: string | null;
  shop?: string | null;
  status?: string | null;
  trackingNumbers?: string[];
  days?: number | null;
  until?: number | null;
}

export function order(p: OrderParts): OrderSnapshot | null {
  const orderId = clean(p.orderId).slice(0, 200);
  if (!orderId || !p.paid) return null;
  const s: OrderSnapshot = {
    kind: 'order',
    platform: p.platform,
    url: p.url.href.slice(0, 4096),
    orderId,
    paid: p.paid,
    items: p.items.slice(0, 500),
    capturedAt: p.now,
  };
  if (p.placedAt) s.placedAt = p.placedAt;
  if (p.paidAt) s.paidAt = p.paidAt;
  if (p.shippedAt) s.shippedAt = p.shippedAt;
  if (p.shipBy) s.shipBy = p.shipBy;
  const carrier = p.carrier ? carrierFromName(p.carrier) : null;
  if (carrier) s.carrier = carrier;
  const shop = clean(p.shop);
  if (shop) s.shop = shop;
  const status = clean(p.status);
  if (status) s.status = status;
  const nos = [
    ...new Set((p.trackingNumbers ?? []).map((n) => n.trim()).filter((n) => /^[A-Za-z0-9-]{6,40}$/.test(n))),
  ];
  if (nos.length) s.trackingNumbers = nos.slice(0, 50);
  if (p.days && p.days > 0 && p.days <= 365) s.priceProtectionDays = Math.floor(p.days);
  if (p.until) s.priceProtectionUntil = p.until;
  return s;
}

export function item(
  title: unknown,
  quantity: unknown,
  unitPrice?: Money | null,
  productId?: unknown,
  sku?: unknown,
): OrderItem | null {
  const t = clean(typeof title === 'string' ? title : '');
  if (!t) return null;
  const q = Number(typeof quantity === 'string' ? quantity.replace(/[^\d]/g, '') : quantity);
  const it: OrderItem = { title: t, quantity: Number.isInteger(q) && q > 0 && q <= 100000 ? q : 1 };
  if (unitPrice) it.unitPrice = unitPrice;
  const id = clean(typeof productId === 'number' ? String(productId) : typeof productId === 'string' ? productId : '');
  if (id && id !== '0') it.productId = id.slice(0, 200);
  const s = clean(typeof sku === 'string' ? sku : '');
  if (s) it.sku = s.slice(0, 200);
  return it;
}

export function logistics(
  platform: Platform,
  url: URL,
  trackingNumber: string | null | undefined,
  raw: RawEvent[],
  now: number,
  orderId?: string | null,
  carrierName?: string | null,
): LogisticsSnapshot | null {
  const no = clean(trackingNumber);
  const events = normalizeEvents(raw, now);
  if (!no || !/^[A-Za-z0-9-]{6,40}$/.test(no) || events.length === 0) return null;
  const s: LogisticsSnapshot = {
    kind: 'logistics',
    platform,
    url: url.href.slice(0, 4096),
    trackingNumber: no,
    events,
    capturedAt: now,
  };
  const id = clean(orderId);
  if (id) s.orderId = id;
  const carrier: CarrierCode | null = (carrierName ? carrierFromName(carrierName) : null) ?? detectCarrier(no);
  if (carrier) s.carrier = carrier;
  return s;
}

/** Every string (and number) in a JSON tree in document order, bounded: for label → value look-ups. */
export function flatten(v: unknown, out: string[] = [], budget = { n: 20_000 }): string[] {
  if (budget.n-- <= 0) return out;
  if (typeof v === 'string') out.push(v.trim());
  else if (typeof v === 'number') out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) flatten(x, out, budget);
  else if (v && typeof v === 'object')
    for (const k of Object.keys(v)) if (k !== 'type') flatten((v as Record<string, unknown>)[k], out, budget);
  return out;
}

/** The first string after a label string that `accept` takes: ["实付款", "￥99.00"] → "￥99.00". */
export function after(flat: string[], label: RegExp, accept: (s: string) => boolean): string | null {
  for (let i = 0; i < flat.length; i++) {
    if (!label.test(flat[i] ?? '') || (flat[i]?.length ?? 0) > 20) continue;
    for (let j = i + 1; j < Math.min(flat.length, i + 6); j++) if (accept(flat[j] ?? '')) return flat[j] ?? null;
  }
  return null;
}

const DATE_TIME = String.raw`(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}:\d{2}(?::\d{2})?)`;

/** A date and time as pages print them, with or without the year ("2025-11-07 12:39:38", "11月07日 12:39"). */
const WHEN = String.raw`(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[-/月]\d{1,2}日?)\s*\d{1,2}:\d{2}(?::\d{2})?`;
/** "11月08日 11:56前发货", "承诺 2025-11-08 11:56 之前发货": a promise to ship by then. */
const PROMISE = new RegExp(String.raw`(${WHEN})\s*(?:之)?前\s*(?:完成)?发货`);
/** A shipped-time label that is not a promise (预计/承诺/最晚 发货时间 is one). */
const SHIPPED_LABEL = String.raw`(?<!预计|承诺|最晚|最迟|约定)(?:发货时间|卖家发货|商家发货|已发货)`;
const SHIPPED_BEFORE = new RegExp(String.raw`(${WHEN})\s*[:：]?\s*${SHIPPED_LABEL}`);
const SHIPPED_AFTER = new RegExp(String.raw`${SHIPPED_LABEL}\s*[:：]?\s*(?:时间\s*[:：]?\s*)?(${WHEN})`);
const IS_WHEN = new RegExp(String.raw`^${WHEN}$`);
const IS_SHIPPED_LABEL = /^(?:发货时间|卖家发货|商家发货|卖家已发货|商家已发货|已发货)[:：]?$/;

/** The ship-by promise a string states, or null ("11月08日 11:56前发货" → that time). */
export function shipByIn(texts: readonly string[], now: number): number | null {
  for (const t of texts) {
    if (t.length > 300) continue;
    const m = PROMISE.exec(t);
    const at = m?.[1] ? parseShopDate(m[1], now) : null;
    if (at !== null) return at;
  }
  return null;
}

/**
 * The shipped time a page's text states, the date before its label or after it ("2025-11-07 12:39:38 卖家发货",
 * "发货时间：2025-11-07 12:39:38"); never a promise ("11月08日 11:56前发货", "预计发货时间").
 */
export function shippedInText(text: string, now: number): number | null {
  const cleaned = text.replace(new RegExp(PROMISE.source, 'g'), ' ');
  for (const re of [SHIPPED_AFTER, SHIPPED_BEFORE]) {
    const m = re.exec(cleaned);
    const at = m?.[1] ? parseShopDate(m[1], now) : null;
    if (at !== null) return at;
  }
  return null;
}

/**
 * The shipped time in a page's embedded data: an object holding the label and a date among its own values, in
 * either order (Taobao's orderBar node `{date, index, text: "卖家发货"}`), else the date just after or just before the
 * label in document order. Never a promise. Bounded (2,000 objects).
 */
export function shippedInData(data: unknown, flat: readonly string[], now: number): number | null {
  let budget = 2000;
  const walk = (v: unknown): number | null => {
    if (budget-- <= 0 || !v || typeof v !== 'object') return null;
    const values = Array.isArray(v) ? [] : Object.values(v as Record<string, unknown>);
    const strings = values.filter((x): x is string => typeof x === 'string').map((x) => x.trim());
    if (strings.some((x) => IS_SHIPPED_LABEL.test(x))) {
      const when = strings.find((x) => IS_WHEN.test(x));
      const at = when ? parseShopDate(when, now) : null;
      if (at !== null) return at;
    }
    for (const x of Array.isArray(v) ? v : values) {
      const at = walk(x);
      if (at !== null) return at;
    }
    return null;
  };
  const found = walk(data);
  if (found !== null) return found;
  for (let i = 0; i < flat.length; i++) {
    if (!IS_SHIPPED_LABEL.test(flat[i] ?? '')) continue;
    // Its neighbours in document order, over an index number ({date, index, text}), never past another string.
    for (const step of [1, -1]) {
      let j = i + step;
      while (/^\d{1,3}$/.test(flat[j] ?? '')) j += step;
      const x = flat[j] ?? '';
      const at = IS_WHEN.test(x) ? parseShopDate(x, now) : null;
      if (at !== null) return at;
    }
  }
  return null;
}

/**
 * Last layer for order pages: labelled values in the visible text (订单编号/实付款/下单时间/付款时间).
 * Used when a page renders without data we know (Douyin, Taobao's SPA detail).
 */
export function textOrder(
  doc: Document,
  url: URL,
  platform: Platform,
  now: number,
  idParam?: string | null,
): OrderSnapshot | null {
  const text = bodyText(doc);
  const id =
    idParam && /^[\w-]{6,40}$/.test(idParam) ? idParam : labeled(text, '订单编号|订单号', String.raw`(\d[\d-]{5,40})`);
  const paid = labeled(text, '实付款|实付金额|实付|实收款|付款金额', String.raw`([-¥￥\d.,\s]{1,20})`);
  const at = (label: string) => {
    const t = labeled(text, label, DATE_TIME);
    return t ? parseShopDate(t, now) : null;
  };
  const nos = [...text.matchAll(/(?:运单号|快递单号|物流单号)\s*[:：]?\s*([A-Za-z0-9]{8,30})/g)]
    .slice(0, 10)
    .map((m) => m[1] ?? '');
  return order({
    platform,
    url,
    orderId: id,
    paid: paid ? parsePrice(paid) : null,
    items: [],
    placedAt: at('下单时间|创建时间|提交时间'),
    paidAt: at('付款时间|支付时间|成交时间'),
    shippedAt: shippedInText(text, now),
    shipBy: shipByIn([text], now),
    carrier: labeled(text, '物流公司|快递公司|承运公司|承运商|配送方式', '([^\\s:：]{2,12})'),
    trackingNumbers: nos,
    now,
  });
}

/** Drops the snapshots a page did not yield. */
export function compact(list: (PageSnapshot | null | undefined)[]): PageSnapshot[] {
  return list.filter((s): s is PageSnapshot => !!s);
}
