/** SPA navigation in real Chromium: a product switched by pushState (no load) is read as the new product. */
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { SPA_FIRST, SPA_SECOND, SPA_URL, spaPage } from './harness/spa-page';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);

describe.runIf(run)('single-page navigation (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => ext?.close());

  it('reads the product a pushState switched to, under its own id and price', async () => {
    await serve(ext.context, 'https://item.jd.com/**', spaPage());
    const page = await ext.context.newPage();
    await page.goto(SPA_URL);
    const products = async () =>
      ok(await ext.send({ type: 'backup/export' })).snapshots.filter((s) => s.kind === 'product');
    await waitFor(async () => (await products()).find((s) => s.productId === SPA_FIRST), 'the first product');
    const second = await waitFor(
      async () => (await products()).find((s) => s.productId === SPA_SECOND),
      'the product after pushState',
      20_000,
    );
    expect(second).toMatchObject({
      price: { amount: 5990 },
      title: '小熊（Bear）养生壶 1.8L',
      url: `https://item.jd.com/${SPA_SECOND}.html`,
    });
    expect((await products()).find((s) => s.productId === SPA_FIRST)?.price?.amount).toBe(8990);
    expect(await page.evaluate(() => (window as unknown as { __switched?: boolean }).__switched)).toBe(true);
  });
});
