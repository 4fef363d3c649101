/**
 * Phone (H5) order lists in Firefox, the browser that carries the extension to Android (360×780, Firefox for
 * Android's user agent, the APIs Android lacks taken away): JD's list asks api.m.jd.com's order_list_m by a
 * credentialed fetch, Taobao's asks mtop's queryboughtlistv2 by JSONP; in both the orders of the page's own answer are
 * stored (the main world's fetch hook and JSONP capture in Firefox), and the Taobao page's callback still drew them.
 * The pages and answers are tests/e2e/harness/phone-orders.ts (constructed fixtures, SOURCE.md beside them).
 */
import { browserAvailable, FIREFOX, FIREFOX_EXT, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
import { ok } from './harness/send';
import { ANDROID_UA, PHONE } from './harness/phone';
import {
  expectJdH5Orders,
  expectTaobaoH5Orders,
  jdH5List,
  TAOBAO_DRAWN,
  taobaoH5List,
  waitForH5Orders,
  type H5ListCase,
} from './harness/phone-orders';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);
describe.runIf(run)('phone order pages (Firefox, 360×780, Android UA)', () => {
  let ext: FirefoxExt;

  beforeAll(async () => {
    ext = await launchFirefox(FIREFOX_EXT);
    ok(await ext.send({ type: 'test/phone-surface', on: true }));
  });
  afterAll(async () => ext?.close());

  async function openList(c: H5ListCase) {
    const page = await ext.newShopPage({ [c.pagePrefix]: c.shell, [c.apiPrefix]: c.answer });
    await page.setViewport(PHONE);
    await page.setUserAgent(ANDROID_UA);
    await page.goto(c.url, { waitUntil: 'domcontentloaded' });
    await page.bringToFront();
    await waitFor(async () => (await page.title()) === c.titleWhenDrawn, 'the page’s own answer');
    return page;
  }

  it('JD’s H5 order list: the orders of the page’s own order_list_m answer are stored', async () => {
    const c = jdH5List();
    const page = await openList(c);
    try {
      expectJdH5Orders(await waitForH5Orders(ext.send, c, 'jd', 2));
    } finally {
      await page.close();
    }
  });

  it('Taobao’s H5 order list: the orders of the page’s own JSONP answer are stored, and the page still drew them', async () => {
    const c = taobaoH5List();
    const page = await openList(c);
    try {
      expect(
        await page.evaluate(() => [...document.querySelectorAll('#app .order')].map((e) => e.textContent ?? '')),
      ).toEqual(TAOBAO_DRAWN);
      expectTaobaoH5Orders(await waitForH5Orders(ext.send, c, 'taobao', 2));
    } finally {
      await page.close();
    }
  });
});
