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
import { answerId, item, order, paidAmount } from './build';
import { clipped, get, isObj } from './json';
import type { ResponseReader } from './responses';

const JD_HOST = /(^|\.)jd\.com$/;

function readOrders(body: unknown, page: URL, now: number): PageSnapshot[] {
  const out: PageSnapshot[] = [];
  const list = get(body, 'body.orderList');
  if (!Array.isArray(list)) return out;
  for (const o of list.slice(0, 50)) {
    if (!isObj(o)) continue;
    const orderId = answerId(get(o, 'orderId'));
    if (!orderId) continue;
    const wares = get(o, 'wareInfoList');
    const items = (Array.isArray(wares) ? wares : [])
      .slice(0, 100)
      .map((w) => item(clipped(get(w, 'wareName')), get(w, 'num'), null, answerId(get(w, 'skuId'))))
      .filter((i): i is OrderItem => !!i);
    const s = order({
      platform: 'jd',
      url: page,
      orderId,
      paid: paidAmount(get(o, 'shouldPay')),
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
  const orderId = answerId(get(common, 'orderId'));
  const shown = page.searchParams.get('deal_id') ?? page.searchParams.get('dealId');
  if (!orderId || (shown !== null && shown !== orderId)) return [];
  const s = order({
    platform: 'jd',
    url: page,
    orderId,
    paid: paidAmount(get(body, 'body.orderPriceInfo.factPrice')),
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
