/**
 * The phone (H5) order lists of JD and Taobao as the real pages work, for the Chromium and Firefox e2e: an empty SPA
 * shell on the real URL that asks for its orders as the real one does (JD: fetch of api.m.jd.com `order_list_m`;
 * Taobao: mtop's JSONP `<script>` of `queryboughtlistv2`), the answers being the constructed fixtures of
 * tests/fixtures/responses/jd-m and taobao-m (SOURCE.md there), and what must then be stored.
 */
import type { BackupExport } from '@/lib/core/messages';
import { fixture, waitFor } from './paths';
import { ok, type Send } from './send';

type Stored = BackupExport['snapshots'][number];
const orderIdOf = (s: Stored) => ('orderId' in s ? String(s.orderId) : '');

export interface H5ListCase {
  /** The list page the test opens, and the prefix its shell is served under. */
  url: string;
  pagePrefix: string;
  shell: string;
  /** The answer the shop's API gives the page: its URL prefix, body, content type, and the headers it needs. */
  apiPrefix: string;
  answer: { body: string; contentType: string; headers?: Record<string, string> };
  /** The page's title once its own code got the answer (it counts the orders it drew). */
  titleWhenDrawn: string;
}

/** JD's H5 list (trade.m.jd.com/order/orderlist_jdm.shtml): fetch of order_list_m, credentialed (CORS headers). */
export function jdH5List(): H5ListCase {
  const f = JSON.parse(fixture('responses/jd-m/order-list-m.constructed.json')) as { url: string; data: unknown };
  return {
    url: 'https://trade.m.jd.com/order/orderlist_jdm.shtml?sceneval=2&orderType=all',
    pagePrefix: 'https://trade.m.jd.com/order/orderlist_jdm.shtml',
    shell: `<!doctype html><html><head><meta charset="utf-8"><title>我的订单</title></head><body><div id="app"></div>
<script>fetch(${JSON.stringify(f.url)}, { credentials: 'include' }).then((r) => r.json())
  .then((j) => { document.title = 'orders ' + j.body.orderList.length; });</script></body></html>`,
    apiPrefix: 'https://api.m.jd.com/client.action',
    answer: {
      body: JSON.stringify(f.data),
      contentType: 'application/json;charset=UTF-8',
      headers: { 'access-control-allow-origin': 'https://trade.m.jd.com', 'access-control-allow-credentials': 'true' },
    },
    titleWhenDrawn: 'orders 2',
  };
}

/**
 * Taobao's H5 list (main.m.taobao.com/olist/index.html), as mtop's lib asks: the callback first, then the JSONP
 * `<script>`; the callback draws each order (as text) and counts them in the title.
 */
export function taobaoH5List(): H5ListCase {
  const f = JSON.parse(fixture('responses/taobao-m/list-originaljson.constructed.json')) as { data: unknown };
  const data = encodeURIComponent(JSON.stringify({ tabCode: 'all', page: 1, OrderType: 'OrderList' }));
  const src =
    'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?jsv=2.7.2&appKey=12574478&t=1764930000000' +
    `&sign=0&api=mtop.taobao.order.queryboughtlistv2&v=1.0&type=jsonp&dataType=jsonp&callback=mtopjsonp1&data=${data}`;
  return {
    url: 'https://main.m.taobao.com/olist/index.html?tabCode=all',
    pagePrefix: 'https://main.m.taobao.com/olist/index.html',
    shell: `<!doctype html><html><head><meta charset="utf-8"><title>我的订单</title></head><body><div id="app"></div>
<script>
window.mtopjsonp1 = function (res) {
  const comps = res.data.data;
  const ids = Object.keys(comps).filter((k) => k.startsWith('shopInfo_'));
  for (const k of ids) {
    const id = comps[k].fields.orderId;
    const row = document.createElement('p');
    row.className = 'order';
    row.textContent = id + ' ' + comps['orderPayment_' + id].fields.actualFee.value;
    document.getElementById('app').appendChild(row);
  }
  document.title = 'orders ' + ids.length;
  return 'drawn';
};
const s = document.createElement('script');
s.src = ${JSON.stringify(src)};
document.head.appendChild(s);
</script></body></html>`,
    apiPrefix: 'https://h5api.m.taobao.com/h5/',
    answer: { body: `mtopjsonp1(${JSON.stringify(f.data)})`, contentType: 'application/javascript;charset=UTF-8' },
    titleWhenDrawn: 'orders 3',
  };
}

/** What Taobao's page drew from the answer (every order, the unpaid one included): its own callback got it whole. */
export const TAOBAO_DRAWN = [
  '3200000000000000201 ￥129.00',
  '3200000000000000202 ￥1,234.50',
  '3200000000000000203 ￥0.00',
];

/** Waits for `n` distinct orders of `platform` read on the page `c` (the list page's snapshots). */
export async function waitForH5Orders(send: Send, c: H5ListCase, platform: string, n: number): Promise<Stored[]> {
  const mine = (b: BackupExport) =>
    b.snapshots.filter((s) => s.kind === 'order' && s.platform === platform && s.url.startsWith(c.pagePrefix));
  return waitFor(async () => {
    const got = mine(ok(await send({ type: 'backup/export' })));
    return new Set(got.map(orderIdOf)).size >= n ? got : null;
  }, `${n} ${platform} orders`).catch(async (e: unknown) => {
    const b = ok(await send({ type: 'backup/export' }));
    const seen = b.snapshots.filter((s) => s.platform === platform).map((s) => [s.kind, s.url, orderIdOf(s)]);
    throw new Error(`${String(e)}; stored ${JSON.stringify(seen)}`);
  });
}

export function expectJdH5Orders(orders: Stored[]): void {
  expect(orders.find((s) => orderIdOf(s) === '300000000001')).toMatchObject({
    kind: 'order',
    platform: 'jd',
    paid: { amount: 12900, currency: 'CNY' },
    placedAt: Date.UTC(2026, 10, 28, 12, 15, 42),
    shop: '示例京东自营旗舰店',
    items: [
      { title: '示例 电动牙刷 声波款', quantity: 1 },
      { title: '示例 替换刷头 4支装', quantity: 2 },
    ],
  });
}

export function expectTaobaoH5Orders(orders: Stored[]): void {
  // The unpaid order (￥0.00) is not an order we keep.
  expect([...new Set(orders.map(orderIdOf))].sort()).toEqual(['3200000000000000201', '3200000000000000202']);
  expect(orders.find((s) => orderIdOf(s) === '3200000000000000201')).toMatchObject({
    kind: 'order',
    platform: 'taobao',
    paid: { amount: 12900, currency: 'CNY' },
    placedAt: Date.UTC(2026, 10, 28, 12, 15, 42),
    shop: '示例天猫旗舰店',
    items: [{ title: '示例 电动牙刷 声波款', quantity: 1 }],
  });
  expect(orders.find((s) => orderIdOf(s) === '3200000000000000202')).toMatchObject({
    paid: { amount: 123450 },
    items: [
      { title: '示例 折叠伞', quantity: 1 },
      { title: '运费险', quantity: 2 },
    ],
  });
}
