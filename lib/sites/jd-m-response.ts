/**
 * JD's H5 order list (trade.m.jd.com/order/orderlist_jdm.shtml, where wqs.jd.com/order/orderlist_merge.shtml leads):
 * the page draws nothing from its HTML and asks `api.m.jd.com/client.action?functionId=order_list_m&appid=m_core…`
 * for each page of the list. Its answer (public shape: tests/fixtures/responses/jd-m/SOURCE.md) is
 * `{body: {orderList: [{orderId, submitDate, shouldPay, orderStatusInfo.orderStatusName, shopInfo.shopName,
 * wareInfoList[{wareName, num, skuId}]}]}}`; money is a yuan string, the time has no zone (Asia/Shanghai).
 * Each order becomes an order snapshot of the list page, as the desktop reader makes them. No per-item price is in
 * the public shape, so items carry none.
 * The order page (trade.m.jd.com/order/n_detail_jdm.shtml?deal_id=…) asks `functionId=order_detail_m`:
 * `{body: {orderCommonVo: {orderId, dateSubmit}, orderPriceInfo: {factPrice}, shopList: [{shopName}]}}`. Its goods
 * (`shopList[].orderWareList[]`) have no public field names, so that order carries no items: the rules keep the
 * items of the list's snapshot (lib/rules/history.ts mergeItems). Page content: fixed paths, own properties only,
 * every type checked, bounded counts.
 */
import type { OrderItem, PageSnapshot } from '../core/model';
import { parseShopDate } from '../parse/date';
import { item, money, order } from './build';
import { clipped, get, isObj } from './json';
import type { ResponseReader } from './responses';

const JD_HOST = /(^|\.)jd\.com$/;
const ORDER_ID = /^\d{6,30}$/;

/**
 * What was paid: a yuan string or number. 0 is taken as not said (an unpaid order's "to pay" after a cancel, or a
 * field the page left empty), never as "paid nothing", which would set a refund's ceiling at 0.
 */
const paidOf = (v: unknown) => {
  const m = typeof v === 'string' || typeof v === 'number' ? money(v) : null;
  return m && m.amount > 0 ? m : null;
};
/** A digit string, or a safe positive integer as one; anything else, ''. */
const digits = (v: unknown): string =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0
    ? String(v)
    : ORDER_ID.test(clipped(v, 40))
      ? clipped(v)
      : '';

function readOrders(body: unknown, page: URL, now: number): PageSnapshot[] {
  const out: PageSnapshot[] = [];
  const list = get(body, 'body.orderList');
  if (!Array.isArray(list)) return out;
  for (const o of list.slice(0, 50)) {
    if (!isObj(o)) continue;
    const orderId = digits(get(o, 'orderId'));
    if (!orderId) continue;
    const wares = get(o, 'wareInfoList');
    const items = (Array.isArray(wares) ? wares : [])
      .slice(0, 100)
      .map((w) => item(clipped(get(w, 'wareName')), get(w, 'num'), null, digits(get(w, 'skuId'))))
      .filter((i): i is OrderItem => !!i);
    const s = order({
      platform: 'jd',
      url: page,
      orderId,
      paid: paidOf(get(o, 'shouldPay')),
      items,
      placedAt: parseShopDate(clipped(get(o, 'submitDate'), 40), now),
      shop: clipped(get(o, 'shopInfo.shopName'), 200),
      status: clipped(get(o, 'orderStatusInfo.orderStatusName'), 200),
      now,
    });
    if (s) out.push(s);
  }
  return out;
}

/** The order of an order page's answer; not one when the page names another order (deal_id). */
function readDetail(body: unknown, page: URL, now: number): PageSnapshot[] {
  const common = get(body, 'body.orderCommonVo');
  const orderId = digits(get(common, 'orderId'));
  const shown = page.searchParams.get('deal_id') ?? page.searchParams.get('dealId');
  if (!orderId || (shown !== null && shown !== orderId)) return [];
  const s = order({
    platform: 'jd',
    url: page,
    orderId,
    paid: paidOf(get(body, 'body.orderPriceInfo.factPrice')),
    items: [],
    placedAt: parseShopDate(clipped(get(common, 'dateSubmit'), 40), now),
    shop: clipped(get(body, 'body.shopList.0.shopName'), 200),
    now,
  });
  return s ? [s] : [];
}

const FUNCTION_ID = /^order_(list|detail)_m$/;

export const jdMobileOrderResponses: ResponseReader = {
  id: 'jd-m-orders',
  matches: (request, page) =>
    request.hostname === 'api.m.jd.com' &&
    /^\/client\.action\/?$/.test(request.pathname) &&
    FUNCTION_ID.test(request.searchParams.get('functionId') ?? '') &&
    JD_HOST.test(page.hostname),
  read: (request, body, page, now) =>
    request.searchParams.get('functionId') === 'order_list_m'
      ? // Each answer is one page of the list; the page's HTML shows no order itself (its own reading stays beside).
        { snapshots: readOrders(body, page, now), adds: true }
      : // The order page is about this order.
        { snapshots: readDetail(body, page, now), subject: true },
};
