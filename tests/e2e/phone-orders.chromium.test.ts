/**
 * Phone (H5) order pages on a phone (Firefox for Android's size, touch and user agent, in Chromium): the page served
 * on its real URL asks for its orders as the real one does, and the orders its own answers hold end up stored
 * (backup/export), as the desktop readers' orders are.
 * - JD's H5 order list (trade.m.jd.com/order/orderlist_jdm.shtml): every order comes from `api.m.jd.com`
 *   `functionId=order_list_m`; its order page (n_detail_jdm.shtml?deal_id=) from `functionId=order_detail_m`
 *   (lib/sites/jd-m-response.ts; the answers are the constructed fixtures of tests/fixtures/responses/jd-m, SOURCE.md).
 * - Taobao's H5 order list (main.m.taobao.com/olist/index.html): its orders come from `h5api.m.taobao.com`
 *   `mtop.taobao.order.queryboughtlistv2` by JSONP (a `<script>` calling the page's `mtopjsonpN`; the main world's
 *   JSONP capture, lib/content/page-responses/jsonp.ts), read by lib/sites/taobao-m-response.ts (constructed fixture of
 *   tests/fixtures/responses/taobao-m, SOURCE.md).
 */
import { browserAvailable, CHROME_EXT, CHROMIUM, fixture, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { ok } from './harness/send';
import { asAndroidPhone } from './harness/chromium-phone';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
describe.runIf(run)('phone order pages (Chromium, 360×780, Android UA)', () => {
  let ext: ChromiumExt;

  beforeAll(async () => {
    ext = await launchChromium();
    ok(await ext.send({ type: 'test/phone-surface', on: true }));
  });
  afterAll(async () => ext?.close());

  /** api.m.jd.com answers `data` to the page's own call, with the CORS headers a credentialed call needs. */
  async function answerJdApi(data: unknown): Promise<void> {
    await ext.context.unroute('https://api.m.jd.com/client.action*');
    await ext.context.route('https://api.m.jd.com/client.action*', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json;charset=UTF-8',
        headers: {
          'access-control-allow-origin': 'https://trade.m.jd.com',
          'access-control-allow-credentials': 'true',
        },
        body: JSON.stringify(data),
      }),
    );
  }

  it('JD’s H5 order list: the orders of the page’s own order_list_m answer are stored', async () => {
    const f = JSON.parse(fixture('responses/jd-m/order-list-m.constructed.json')) as { url: string; data: unknown };
    // An SPA shell, as the real page is: nothing of the orders in its HTML; it asks api.m.jd.com for them.
    const shell = `<!doctype html><html><head><meta charset="utf-8"><title>我的订单</title></head><body><div id="app"></div>
<script>fetch(${JSON.stringify(f.url)}, { credentials: 'include' }).then((r) => r.json())
  .then((j) => { document.title = 'orders ' + j.body.orderList.length; });</script></body></html>`;
    await serve(ext.context, 'https://trade.m.jd.com/order/orderlist_jdm.shtml*', shell);
    await answerJdApi(f.data);
    const page = await ext.context.newPage();
    await asAndroidPhone(page);
    await page.goto('https://trade.m.jd.com/order/orderlist_jdm.shtml?sceneval=2&orderType=all');
    await page.bringToFront();
    await waitFor(async () => (await page.title()) === 'orders 2', 'the page’s own order_list_m answer');
    const orders = await waitFor(async () => {
      const b = ok(await ext.send({ type: 'backup/export' }));
      const jd = b.snapshots.filter(
        (s) => s.kind === 'order' && s.platform === 'jd' && s.url.startsWith('https://trade.m.jd.com/'),
      );
      return new Set(jd.map((s) => (s as { orderId: string }).orderId)).size >= 2 ? jd : null;
    }, 'two JD orders').catch(async (e: unknown) => {
      const b = ok(await ext.send({ type: 'backup/export' }));
      throw new Error(
        `${String(e)}; stored ${JSON.stringify(b.snapshots.filter((s) => s.platform === 'jd').map((s) => [s.kind, s.url, 'orderId' in s ? s.orderId : '']))}`,
      );
    });
    const first = orders.find((s) => (s as { orderId: string }).orderId === '300000000001');
    expect(first).toMatchObject({
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
  });

  it('JD’s H5 order page: its order (number, paid; no items) from the page’s own order_detail_m answer', async () => {
    const d = JSON.parse(fixture('responses/jd-m/order-detail-m.constructed.json')) as {
      page: string;
      url: string;
      data: unknown;
    };
    const shell = `<!doctype html><html><head><meta charset="utf-8"><title>订单详情</title></head><body><div id="app"></div>
<script>const x = new XMLHttpRequest(); x.open('GET', ${JSON.stringify(d.url)}); x.withCredentials = true;
x.onload = () => { document.title = 'order ' + JSON.parse(x.responseText).body.orderCommonVo.orderId; }; x.send();</script></body></html>`;
    await serve(ext.context, 'https://trade.m.jd.com/order/n_detail_jdm.shtml*', shell);
    await answerJdApi(d.data);
    const page = await ext.context.newPage();
    await asAndroidPhone(page);
    await page.goto(d.page);
    await page.bringToFront();
    await waitFor(async () => (await page.title()) === 'order 300000000001', 'the page’s own order_detail_m answer');
    const stored = await waitFor(async () => {
      const b = ok(await ext.send({ type: 'backup/export' }));
      const s = b.snapshots.find((x) => x.kind === 'order' && x.url === d.page);
      return s ?? null;
    }, 'the order page’s order');
    expect(stored).toMatchObject({ orderId: '300000000001', paid: { amount: 12900 }, items: [] });
  });

  it('Taobao’s H5 order list: the orders of the page’s own JSONP queryboughtlistv2 answer are stored, and the page still gets them', async () => {
    const f = JSON.parse(fixture('responses/taobao-m/list-originaljson.constructed.json')) as { data: unknown };
    const data = encodeURIComponent(JSON.stringify({ tabCode: 'all', page: 1, OrderType: 'OrderList' }));
    const url =
      'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/?jsv=2.7.2&appKey=12574478&t=1764930000000' +
      `&sign=0&api=mtop.taobao.order.queryboughtlistv2&v=1.0&type=jsonp&dataType=jsonp&callback=mtopjsonp1&data=${data}`;
    // As mtop's lib does: the callback first, then the script; the callback draws the list (as text).
    const shell = `<!doctype html><html><head><meta charset="utf-8"><title>我的订单</title></head><body><div id="app"></div>
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
s.src = ${JSON.stringify(url)};
document.head.appendChild(s);
</script></body></html>`;
    await serve(ext.context, 'https://main.m.taobao.com/olist/index.html*', shell);
    await ext.context.route('https://h5api.m.taobao.com/h5/**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/javascript;charset=UTF-8',
        body: `mtopjsonp1(${JSON.stringify(f.data)})`,
      }),
    );
    const page = await ext.context.newPage();
    await asAndroidPhone(page);
    await page.goto('https://main.m.taobao.com/olist/index.html?tabCode=all');
    await page.bringToFront();
    await waitFor(async () => (await page.title()) === 'orders 3', 'the page’s own JSONP answer');
    // The page's callback got the answer as it was sent (it drew every order of it, unpaid one included).
    expect(await page.locator('#app .order').allTextContents()).toEqual([
      '3200000000000000201 ￥129.00',
      '3200000000000000202 ￥1,234.50',
      '3200000000000000203 ￥0.00',
    ]);
    const orders = await waitFor(async () => {
      const b = ok(await ext.send({ type: 'backup/export' }));
      const tb = b.snapshots.filter(
        (s) => s.kind === 'order' && s.platform === 'taobao' && s.url.startsWith('https://main.m.taobao.com/olist/'),
      );
      return new Set(tb.map((s) => (s as { orderId: string }).orderId)).size >= 2 ? tb : null;
    }, 'two Taobao orders').catch(async (e: unknown) => {
      const b = ok(await ext.send({ type: 'backup/export' }));
      throw new Error(
        `${String(e)}; stored ${JSON.stringify(b.snapshots.filter((s) => s.platform === 'taobao').map((s) => [s.kind, s.url, 'orderId' in s ? s.orderId : '']))}`,
      );
    });
    const ids = new Set(orders.map((s) => (s as { orderId: string }).orderId));
    // The unpaid order (￥0.00) is not an order we keep.
    expect([...ids].sort()).toEqual(['3200000000000000201', '3200000000000000202']);
    expect(orders.find((s) => (s as { orderId: string }).orderId === '3200000000000000201')).toMatchObject({
      kind: 'order',
      platform: 'taobao',
      paid: { amount: 12900, currency: 'CNY' },
      placedAt: Date.UTC(2026, 10, 28, 12, 15, 42),
      shop: '示例天猫旗舰店',
      items: [{ title: '示例 电动牙刷 声波款', quantity: 1 }],
    });
    expect(orders.find((s) => (s as { orderId: string }).orderId === '3200000000000000202')).toMatchObject({
      paid: { amount: 123450 },
      items: [
        { title: '示例 折叠伞', quantity: 1 },
        { title: '运费险', quantity: 2 },
      ],
    });
  });
});
