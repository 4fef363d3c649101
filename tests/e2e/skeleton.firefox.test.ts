/** Walking skeleton in Firefox ESR (WebDriver BiDi): the same JD page → stored product + verified screenshot. */
import { browserAvailable, FIREFOX, FIREFOX_EXT, fixture, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
import { ok, shopEvidence } from './harness/send';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);

describe.runIf(run)('walking skeleton (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => ext?.close());

  it('records the JD product, a hash-verified screenshot, and lists it in the popup', async () => {
    const shop = await ext.newShopPage({ 'https://item.jd.com/': fixture('e2e/jd-item.html') });
    await shop.goto('https://item.jd.com/100012043978.html');
    await shop.bringToFront();

    const backup = await waitFor(
      async () => {
        const b = ok(await ext.send({ type: 'backup/export' }));
        return shopEvidence(b).length > 0 ? b : null;
      },
      'a screenshot evidence record',
      30_000,
    );
    expect(backup.snapshots.find((s) => s.kind === 'product')).toMatchObject({
      productId: '100012043978',
      price: { amount: 8990 },
    });
    expect(shopEvidence(backup)[0]).toMatchObject({ kind: 'price-screenshot' });
    expect(await ext.send({ type: 'evidence/verify' })).toMatchObject({ ok: true, records: 2 });

    await ext.bridge.evaluate(() => location.reload());
    await waitFor(
      () =>
        ext.bridge.evaluate(() => document.querySelectorAll('li.product[data-product-id="100012043978"]').length === 1),
      'the product in the popup',
    );
    const price = await ext.bridge.evaluate(() => document.querySelector('li.product .price')?.textContent ?? '');
    expect(price).toContain('89.90');
  });
});
