/** SPA navigation in Firefox ESR (no Navigation API there: the content script's 1 s URL check and its DOM observer). */
import { browserAvailable, FIREFOX, FIREFOX_EXT, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
import { SPA_FIRST, SPA_SECOND, SPA_URL, spaPage } from './harness/spa-page';
import { ok } from './harness/send';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);

describe.runIf(run)('single-page navigation (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => ext?.close());

  it('reads the product a pushState switched to, under its own id and price', async () => {
    const page = await ext.newShopPage({ [SPA_URL]: spaPage() });
    await page.goto(SPA_URL, { waitUntil: 'domcontentloaded' });
    const products = async () =>
      ok(await ext.send({ type: 'backup/export' })).snapshots.filter((s) => s.kind === 'product');
    await waitFor(async () => (await products()).find((s) => s.productId === SPA_FIRST), 'the first product', 30_000);
    const second = await waitFor(
      async () => (await products()).find((s) => s.productId === SPA_SECOND),
      'the product after pushState',
      30_000,
    );
    expect(second).toMatchObject({ price: { amount: 5990 }, title: '小熊（Bear）养生壶 1.8L' });
    await page.close();
  });
});
