/**
 * A Douyin product page in real Chromium, on its real URL: the page's own fetch gets the product JSON from the test
 * server, the main-world script hands a copy to the content script, and the background stores the product with the
 * price of the response (lib/sites/douyin-response.ts). The page's own code sees what it would without us.
 */
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
import {
  DOUYIN_ID,
  DOUYIN_PACK,
  DOUYIN_SEEN,
  DOUYIN_SKUS,
  DOUYIN_SKUS_BODY,
  DOUYIN_URL,
  douyinPack,
  douyinPage,
} from './harness/douyin-page';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);

describe.runIf(run)('Douyin product page: the page’s own response (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
    await ext.context.route(
      (url) => url.protocol === 'http:' || url.protocol === 'https:',
      (route) => {
        const url = route.request().url();
        const json = (body: string) => route.fulfill({ status: 200, contentType: 'application/json', body });
        if (url === DOUYIN_URL)
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: douyinPage() });
        if (url.startsWith(`${DOUYIN_PACK}?a_bogus=`)) return json(douyinPack());
        if (url === DOUYIN_SKUS) return json(DOUYIN_SKUS_BODY);
        return route.abort();
      },
    );
    await ext.send({ type: 'state/summary' });
  });
  afterAll(async () => ext?.close());

  it('stores the product with the price of the response; the page saw the same answers and errors', async () => {
    const page = await ext.context.newPage();
    try {
      await page.goto(DOUYIN_URL, { waitUntil: 'domcontentloaded' });
      const stored = await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' })).snapshots.find(
            (s) => s.kind === 'product' && s.productId === DOUYIN_ID,
          ),
        'the Douyin product',
        30_000,
      );
      expect(stored).toMatchObject({
        platform: 'douyin',
        url: DOUYIN_URL,
        title: '云南高山红茶 500g 礼盒装',
        shop: '滇红官方旗舰店',
        price: { amount: 7990, currency: 'CNY' },
        listPrice: { amount: 19900, currency: 'CNY' },
        // read from the response (lib/sites/douyin-response.ts), not from the page's DOM
        candidates: expect.arrayContaining([expect.objectContaining({ selector: 'promotion_h5.price' })]),
      });
      const seen = await waitFor(
        () =>
          page.evaluate(() => {
            const s = (window as unknown as { __seen: Record<string, unknown> }).__seen;
            return s.xhr && s.title && s.error ? s : null;
          }),
        'the page’s own reads',
      );
      expect(seen).toMatchObject({ ...DOUYIN_SEEN, length: douyinPack().length });
      // The page's XHR to common_skus (fen) gives the product its SKU prices.
      await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' })).snapshots.find(
            (s) => s.kind === 'product' && s.productId === DOUYIN_ID && s.skuPrices?.[0]?.price.amount === 7990,
          ),
        'the SKU prices',
        30_000,
      );
      expect(await page.evaluate(() => Function.prototype.toString.call(fetch))).toMatch(/\[native code\]/);
      // The price's automatic screenshot, as for any product read.
      await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' })).evidence.find(
            (e) => e.kind === 'price-screenshot' && e.url === DOUYIN_URL,
          ),
        'the price screenshot',
        30_000,
      );
    } finally {
      await page.close();
    }
  });
});
