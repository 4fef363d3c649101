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
import {
  expectJdH5Orders,
  expectTaobaoH5Orders,
  jdH5List,
  TAOBAO_DRAWN,
  taobaoH5List,
  waitForH5Orders,
  type H5ListCase,
} from './harness/phone-orders';
import type { Page } from 'playwright-core';

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

  /** Serves an H5 list case: its shell on its URL, its API's answer (with the headers it needs) to the page's call. */
  async function serveList(c: H5ListCase): Promise<Page> {
    await serve(ext.context, `${c.pagePrefix}*`, c.shell);
    await ext.context.unroute(`${c.apiPrefix}**`);
    await ext.context.route(`${c.apiPrefix}**`, (route) =>
      route.fulfill({ status: 200, contentType: c.answer.contentType, headers: c.answer.headers, body: c.answer.body }),
    );
    const page = await ext.context.newPage();
    await asAndroidPhone(page);
    await page.goto(c.url);
    await page.bringToFront();
    await waitFor(async () => (await page.title()) === c.titleWhenDrawn, 'the page’s own answer');
    return page;
  }

  it('JD’s H5 order list: the orders of the page’s own order_list_m answer are stored', async () => {
    const c = jdH5List();
    await serveList(c);
    expectJdH5Orders(await waitForH5Orders(ext.send, c, 'jd', 2));
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
    const c = taobaoH5List();
    const page = await serveList(c);
    // The page's callback got the answer as it was sent (it drew every order of it, unpaid one included).
    expect(await page.locator('#app .order').allTextContents()).toEqual(TAOBAO_DRAWN);
    expectTaobaoH5Orders(await waitForH5Orders(ext.send, c, 'taobao', 2));
  });
});
