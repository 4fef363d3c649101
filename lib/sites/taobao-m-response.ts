/**
 * Taobao's H5 order list (main.m.taobao.com/olist/index.html): the page draws every order from its own mtop answers,
 * `h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?…` (by JSONP, handed over by the main world's
 * JSONP capture, or by XHR with `type=originaljson`). The answer (public shape: tests/fixtures/responses/taobao-m
 * SOURCE.md) is `{api, ret: ["SUCCESS::…"], data: {data: {<component key>: {tag?, fields}}, hierarchy}}`, an
 * "Ultron" component map in which one order is spread over components keyed `<type>_<orderId>[_…]` or
 * `<type>_<orderId>/0`:
 * - `Main_<id>.fields.orderId`; `sellerInfo_<id>.fields.{status.text, seller.shopName}`;
 *   `shopInfo_<id>.fields.{orderId, createTime (Shanghai, no zone), shopName, tradeTitle}`;
 * - `pay_<id>/0.fields.actualFee.value` or `orderPayment_<id>.fields.actualFee.value` ("￥194.28");
 * - `item_<id>_1_1.fields.item` or `orderItemInfo_<id>_<sub>.fields.item`: `{title, quantity, skuText}`;
 * - `mainLogistics_<id>.fields.mailNo`.
 * Some clients get `data.result`, a JSON string of the same map (parsed, bounded). A `ret` other than SUCCESS (an
 * expired session) is nothing. Each order becomes an order snapshot of the list page (`adds`, as JD's H5 list), on
 * platform `taobao`: the desktop readers name the platform by the page (Taobao's hosts → taobao), and the public
 * shape says nothing of Tmall. Page content: fixed paths, own properties only, every type checked, a component whose
 * key and `orderId` name two orders is dropped, bounded counts (2000 components, 50 orders, 100 items each).
 */
import type { OrderItem, PageSnapshot } from '../core/model';
import { parseShopDate } from '../parse/date';
import { answerId, item, order, paidAmount } from './build';
import { clipped, get, isObj, own, parseJson, type Obj } from './json';
import type { ResponseRead, ResponseReader } from './responses';

const TAOBAO_HOST = /(^|\.)taobao\.com$/;
const API_PATH = /^\/h5\/mtop\.taobao\.order\.queryboughtlistv2\/\d{1,3}\.\d{1,3}\/?$/i;
/** `<type>_<orderId>`, then nothing, `_<more>` or `/<more>`: `item_<id>_1_1`, `pay_<id>/0`. */
const KEY = /^([A-Za-z][A-Za-z0-9]{0,39})_(\d{6,30})([_/][\w/]{0,80})?$/;
const MAX_COMPONENTS = 2000;
const MAX_ORDERS = 50;
const MAX_ITEMS = 100;
/** `data.result` as text: no longer than a kept answer itself (lib/content/page-responses/urls.ts MAX_RESPONSE). */
const MAX_RESULT = 512 * 1024;

const NOTHING: ResponseRead = { snapshots: [] };
const UNREADABLE: ResponseRead = { snapshots: [], note: 'unreadable' };

interface Parts {
  /** Fields by component type, in the answer's order (a type may come more than once: items). */
  byType: Map<string, Obj[]>;
}

/** The component map: `data.data`, or `data.result` as a JSON string of it (or of `{data: map}`). */
function componentsOf(body: unknown): Obj | null {
  const data = get(body, 'data');
  const direct = own(data, 'data');
  if (isObj(direct)) return direct;
  const result = own(data, 'result');
  if (typeof result !== 'string' || result.length > MAX_RESULT) return null;
  const parsed = parseJson(result);
  const inner = own(parsed, 'data');
  return isObj(inner) ? inner : isObj(parsed) ? parsed : null;
}

/** The first of a type's fields, or undefined. */
const first = (p: Parts, type: string): Obj | undefined => p.byType.get(type)?.[0];
/** A string field of the first component of the given types that has one. */
function text(p: Parts, types: readonly string[], path: string, max = 200): string {
  for (const t of types)
    for (const f of p.byType.get(t) ?? []) {
      const v = clipped(get(f, path), max).trim();
      if (v) return v;
    }
  return '';
}

function readOrders(comps: Obj, page: URL, now: number): PageSnapshot[] {
  const orders = new Map<string, Parts>();
  for (const key of Object.keys(comps).slice(0, MAX_COMPONENTS)) {
    const m = KEY.exec(key);
    if (!m) continue;
    const type = m[1] ?? '';
    const id = m[2] ?? '';
    const fields = own(own(comps, key), 'fields');
    if (!isObj(fields)) continue;
    // A component that names another order than its key does is nobody's (a sub-order the key also names, as in
    // `orderItemInfo_<id>_<subId>`, is the same order's).
    const named = own(fields, 'orderId');
    if (named !== undefined && named !== null && named !== '') {
      const n = answerId(named);
      if (n !== id && (!n || !(m[3] ?? '').split(/[_/]/).includes(n))) continue;
    }
    let parts = orders.get(id);
    if (!parts) {
      if (orders.size >= MAX_ORDERS * 4) continue;
      parts = { byType: new Map() };
      orders.set(id, parts);
    }
    const list = parts.byType.get(type) ?? [];
    if (list.length < MAX_ITEMS) list.push(fields);
    parts.byType.set(type, list);
  }

  const out: PageSnapshot[] = [];
  for (const [orderId, p] of orders) {
    if (out.length >= MAX_ORDERS) break;
    // An order has its head (Main_ or shopInfo_); MainGroup_/subGroup_ and the like are wrappers, not orders.
    if (!first(p, 'Main') && !first(p, 'shopInfo')) continue;
    const fee = [...(p.byType.get('pay') ?? []), ...(p.byType.get('orderPayment') ?? [])]
      .map((f) => paidAmount(get(f, 'actualFee.value')))
      .find(Boolean);
    const items = [...(p.byType.get('item') ?? []), ...(p.byType.get('orderItemInfo') ?? [])]
      .slice(0, MAX_ITEMS)
      .map((f) => {
        const it = own(f, 'item');
        return item(clipped(own(it, 'title'), 300), own(it, 'quantity'), null, undefined, clipped(own(it, 'skuText')));
      })
      .filter((i): i is OrderItem => !!i);
    const mailNos = (p.byType.get('mainLogistics') ?? []).map((f) => clipped(own(f, 'mailNo'), 40)).filter(Boolean);
    const s = order({
      platform: 'taobao',
      url: page,
      orderId,
      paid: fee,
      items,
      placedAt: parseShopDate(text(p, ['shopInfo', 'Main'], 'createTime', 40), now),
      shop: text(p, ['shopInfo', 'sellerInfo'], 'shopName') || text(p, ['sellerInfo'], 'seller.shopName'),
      status: text(p, ['sellerInfo'], 'status.text') || text(p, ['shopInfo'], 'tradeTitle'),
      trackingNumbers: mailNos,
      now,
    });
    if (s) out.push(s);
  }
  return out;
}

function read(body: unknown, page: URL, now: number): ResponseRead {
  if (!isObj(body)) return UNREADABLE;
  const ret = own(body, 'ret');
  if (ret !== undefined) {
    // mtop's envelope: ["SUCCESS::调用成功"], or a failure such as ["FAIL_SYS_SESSION_EXPIRED::Session过期"].
    const code = Array.isArray(ret) ? clipped(ret[0], 200) : '';
    if (!code.startsWith('SUCCESS')) return Array.isArray(ret) && code ? NOTHING : UNREADABLE;
  }
  const comps = componentsOf(body);
  // An Ultron map has components with `fields`; anything else (another list's shape) is not one we know.
  if (
    !comps ||
    !Object.keys(comps)
      .slice(0, MAX_COMPONENTS)
      .some((k) => isObj(own(own(comps, k), 'fields')))
  )
    return UNREADABLE;
  // Each answer is one page of the list; the page's HTML shows no order itself (its own reading stays beside).
  return { snapshots: readOrders(comps, page, now), adds: true };
}

export const taobaoMobileOrderResponses: ResponseReader = {
  id: 'taobao-m-orders',
  matches: (request, page) =>
    request.hostname === 'h5api.m.taobao.com' && API_PATH.test(request.pathname) && TAOBAO_HOST.test(page.hostname),
  read: (_request, body, page, now) => read(body, page, now),
};
