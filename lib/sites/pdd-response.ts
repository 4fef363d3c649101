/**
 * Pinduoduo's order list after its first page (PLATFORMS.md "Pinduoduo"): `orders.html` draws the first page from
 * `window.rawData` (read by ./pdd.ts) and fetches the next ones from `/proxy/api/api/aristotle/order_list_v4`, whose
 * answer holds `orders[].{order_sn, order_time (s), pay_amount (fen), order_goods[…], mall.mall_name}` in snake_case.
 * Each order becomes an order snapshot of the list page, as the first page's orders are. Page content: fixed paths,
 * every type checked, bounded counts.
 */
import type { Money, OrderItem, PageSnapshot } from '../core/model';
import { item, money, order } from './build';
import { arr, clipped, get, isObj } from './json';
import type { ResponseReader } from './responses';

const HOST = /(^|\.)(yangkeduo|pinduoduo)\.com$/;
const ORDER_LIST = /^\/proxy\/api\/api\/aristotle\/order_list_v\d+\/?$/;
const ORDER_SN = /^\d{6}-\d{6,24}$/;

/** Whole fen (a number or a digit string); a decimal there is not what this answer sends, so it is not guessed. */
function fen(v: unknown): Money | null {
  return (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^\d{1,12}$/.test(v))
    ? money(v, 'CNY', true)
    : null;
}

/** Seconds (or ms) since the epoch → ms; anything else, nothing. */
function seconds(v: unknown): number | null {
  const n = typeof v === 'string' && /^\d{9,13}$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) return null;
  return n < 1e11 ? n * 1000 : n;
}

const id = (v: unknown): string =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0
    ? String(v)
    : /^\d{1,30}$/.test(clipped(v))
      ? clipped(v)
      : '';

function readOrders(body: unknown, page: URL, now: number): PageSnapshot[] {
  const orders = arr(get(body, 'orders')).slice(0, 50);
  const out: PageSnapshot[] = [];
  for (const o of orders) {
    if (!isObj(o)) continue;
    const sn = clipped(get(o, 'order_sn'), 40);
    if (!ORDER_SN.test(sn)) continue;
    const items = arr(get(o, 'order_goods'))
      .slice(0, 100)
      .map((g) =>
        item(
          clipped(get(g, 'goods_name')),
          get(g, 'goods_number'),
          fen(get(g, 'goods_price')),
          id(get(g, 'goods_id')),
          clipped(get(g, 'spec'), 200),
        ),
      )
      .filter((i): i is OrderItem => !!i);
    const s = order({
      platform: 'pdd',
      url: page,
      orderId: sn,
      paid: fen(get(o, 'pay_amount') ?? get(o, 'display_amount') ?? get(o, 'order_amount')),
      items,
      placedAt: seconds(get(o, 'order_time')),
      paidAt: seconds(get(o, 'pay_time')),
      shop: clipped(get(o, 'mall.mall_name'), 200) || clipped(get(o, 'mall_name'), 200),
      status: clipped(get(o, 'order_status_prompt'), 200),
      now,
    });
    if (s) out.push(s);
  }
  return out;
}

export const pddResponses: ResponseReader = {
  id: 'pdd-order-list',
  matches: (request, page) =>
    HOST.test(request.hostname) && HOST.test(page.hostname) && ORDER_LIST.test(request.pathname),
  // Later pages of the list: beside the first page, which the page itself holds (window.rawData, ./pdd.ts).
  read: (_request, body, page, now) => ({
    snapshots: Array.isArray(get(body, 'orders')) ? readOrders(body, page, now) : [],
    adds: true,
  }),
};
