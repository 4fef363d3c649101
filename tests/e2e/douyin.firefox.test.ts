/**
 * The Douyin product page of douyin.chromium.test.ts in Firefox ESR: the main-world script (world: 'MAIN', Firefox
 * 128+) hands the page's own pack/h5 answer to the content script, which stores the product at the response's price.
 */
import { browserAvailable, FIREFOX, FIREFOX_EXT, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
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

const run = browserAvailable(FIREFOX, FIREFOX_EXT);

describe.runIf(run)('Douyin product page: the page’s own response (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => ext?.close());

  it('stores the product with the price of the response; the page saw the same answers and errors', async () => {
    const json = (body: string) => ({ body, contentType: 'application/json' });
    const page = await ext.newShopPage({
      [DOUYIN_URL]: douyinPage(),
      [`${DOUYIN_PACK}?a_bogus=`]: json(douyinPack()),
      [DOUYIN_SKUS]: json(DOUYIN_SKUS_BODY),
    });
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
    await page.close();
  });
});
