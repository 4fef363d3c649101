/**
 * "That's not the price" in real Chromium: the popup starts the element picker in the shop tab, the
 * shopper clicks another price → a snapshot with priceSource 'user' and that price, the selector
 * remembered for the site; a reload reads the remembered element first. The typed-in correction too.
 */
import { browserAvailable, CHROME_EXT, CHROMIUM, fixture, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const ID = '100012043978';

type Api = {
  chrome: {
    tabs: { query(q: object): Promise<{ id?: number }[]> };
    storage: { local: { get(k: string): Promise<Record<string, unknown>> } };
  };
};

describe.runIf(run)('price element picker (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => ext?.close());

  const products = async () =>
    ok(await ext.send({ type: 'backup/export' }))
      .snapshots.filter((s) => s.kind === 'product')
      .filter((s) => s.productId === ID);
  const userSnaps = async () => (await products()).filter((s) => s.priceSource === 'user');

  it('picks a price on the page, remembers it per site, and uses it after a reload', async () => {
    await serve(ext.context, 'https://item.jd.com/**', fixture('e2e/jd-item.html'));
    const shop = await ext.context.newPage();
    await shop.goto(`https://item.jd.com/${ID}.html`);
    await shop.bringToFront();
    await waitFor(async () => (await products()).some((s) => s.price?.amount === 8990), 'the adapter price 89.90');

    const page = await ext.openPage('options.html');
    const tabId = await page.evaluate(
      async () => (await (globalThis as unknown as Api).chrome.tabs.query({ url: 'https://item.jd.com/*' }))[0]?.id,
    );
    await page.close();
    expect(tabId).toBeTypeOf('number');
    expect(await ext.send({ type: 'picker/start', tabId })).toMatchObject({ ok: true });

    const target = shop.locator('.recommend .p-price').first();
    await target.hover();
    await expect.poll(() => target.evaluate((el) => (el as HTMLElement).style.outline)).toContain('solid');
    const urlBefore = shop.url();
    await target.click();

    const picked = await waitFor(
      async () => (await userSnaps()).find((s) => s.price?.amount === 19900),
      'a snapshot with the picked price',
    );
    expect(picked).toMatchObject({
      priceSource: 'user',
      priceLabel: '用户指定',
      price: { amount: 19900, currency: 'CNY' },
    });
    expect(picked.candidates).toContainEqual(
      expect.objectContaining({ price: expect.objectContaining({ amount: 8990 }) }),
    );
    // The page is left as it was: outline restored, overlay gone, no navigation.
    expect(await target.evaluate((el) => (el as HTMLElement).style.outline)).toBe('');
    expect(await shop.locator('[role="status"]').count()).toBe(0);
    expect(shop.url()).toBe(urlBefore);

    const stored = await ext.worker.evaluate(() =>
      (globalThis as unknown as Api).chrome.storage.local.get('userSelectors'),
    );
    const selector = (stored.userSelectors as Record<string, string>)['item.jd.com'];
    expect(selector).toContain('p-price');

    const n = (await userSnaps()).length;
    const all = (await products()).length;
    await shop.reload();
    await waitFor(
      async () => (await userSnaps()).length > n,
      'a snapshot from the remembered selector after the reload',
    );
    expect((await userSnaps()).at(-1)).toMatchObject({ priceSource: 'user', price: { amount: 19900 } });
    // The page's own price (89.90) was never stored again: the shopper's element counts from the first read.
    expect((await products()).slice(all).map((s) => s.price?.amount)).toEqual([19900]);
  });

  it('stores a typed-in price as a user snapshot, and refuses unknown products and bad prices', async () => {
    expect(
      await ext.send({
        type: 'price/correct',
        platform: 'jd',
        productId: ID,
        price: { amount: 7990, currency: 'CNY' },
      }),
    ).toMatchObject({ ok: true });
    expect((await userSnaps()).at(-1)).toMatchObject({ price: { amount: 7990 }, priceSource: 'user' });
    expect(
      await ext.send({
        type: 'price/correct',
        platform: 'jd',
        productId: 'nope',
        price: { amount: 1, currency: 'CNY' },
      }),
    ).toMatchObject({ ok: false });
    expect(
      await ext.sendRaw({
        type: 'price/correct',
        platform: 'jd',
        productId: ID,
        price: { amount: '1', currency: 'CNY' },
      }),
    ).toMatchObject({ ok: false });
    expect(await ext.send({ type: 'picker/picked', host: 'item.jd.com', selector: 'body', sample: '1' })).toMatchObject(
      { ok: false },
    );
  });
});
