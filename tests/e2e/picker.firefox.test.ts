/**
 * "That's not the price" in Firefox ESR: the background injects the picker's script (lib/content/pick.ts) beside the
 * JD product page's full runner on picker/start; a click on another price gives a snapshot with priceSource 'user'
 * and that price, and the selector is remembered for the site. (The Chromium test, picker.chromium.test.ts, also
 * checks the reload and the page being left as it was.)
 */
import { browserAvailable, FIREFOX, FIREFOX_EXT, fixture, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
import { ok } from './harness/send';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);
const ID = '100012043978';

type TabsGlobal = { browser: { tabs: { query(q: object): Promise<{ id?: number }[]> } } };

describe.runIf(run)('price element picker (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => ext?.close());

  const products = async () =>
    ok(await ext.send({ type: 'backup/export' }))
      .snapshots.filter((s) => s.kind === 'product')
      .filter((s) => s.productId === ID);

  it('is injected on picker/start and takes the clicked price', async () => {
    const shop = await ext.newShopPage({ 'https://item.jd.com/': fixture('e2e/jd-item.html') });
    await shop.goto(`https://item.jd.com/${ID}.html`, { waitUntil: 'domcontentloaded' });
    await waitFor(async () => (await products()).some((s) => s.price?.amount === 8990), 'the adapter price 89.90');
    const tabId = await ext.bridge.evaluate(
      async () =>
        (await (globalThis as unknown as TabsGlobal).browser.tabs.query({ url: 'https://item.jd.com/*' }))[0]?.id,
    );
    expect(tabId).toBeTypeOf('number');
    expect(await ext.send({ type: 'picker/start', tabId })).toMatchObject({ ok: true });

    await shop.hover('.recommend .p-price');
    await expect
      .poll(() => shop.$eval('.recommend .p-price', (el) => (el as HTMLElement).style.outline))
      .toContain('solid');
    await shop.click('.recommend .p-price');
    const picked = await waitFor(
      async () => (await products()).find((s) => s.priceSource === 'user' && s.price?.amount === 19900),
      'a snapshot with the picked price',
    );
    expect(picked).toMatchObject({ priceLabel: '用户指定', price: { amount: 19900, currency: 'CNY' } });
    expect(await shop.$eval('.recommend .p-price', (el) => (el as HTMLElement).style.outline)).toBe('');
    expect(await shop.$$eval('[role="status"]', (els) => els.length)).toBe(0);
  });
});
