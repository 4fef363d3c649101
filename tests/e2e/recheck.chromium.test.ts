/** Background price re-check in real Chromium: the worker fetches the product page and reads it in an offscreen document. */
import { browserAvailable, CHROME_EXT, CHROMIUM, fixture, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const H = 3_600_000;
const PAID = Date.UTC(2026, 10, 1, 2, 2, 13);

type Api = { chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } } };

describe.runIf(run)('price re-check (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => ext?.close());

  it('re-reads a product inside the window from server HTML, and reminds when the price needs the page open', async () => {
    await ext.send({ type: 'test/clock', now: PAID + 2 * H });
    await serve(ext.context, 'https://details.jd.com/**', fixture('e2e/jd-order.html'));
    await serve(ext.context, 'https://item.jd.com/**', fixture('e2e/jd-item.html'));
    const page = await ext.context.newPage();
    await page.goto('https://details.jd.com/normal/item.action?orderid=301234567890');
    // The content script reports at document_idle: wait for the order before leaving its page.
    await waitFor(
      async () => ok(await ext.send({ type: 'backup/export' })).snapshots.some((s) => s.kind === 'order'),
      'the order',
    );
    await page.goto('https://item.jd.com/100012043978.html');
    await waitFor(
      async () => ok(await ext.send({ type: 'backup/export' })).snapshots.some((s) => s.kind === 'product'),
      'the product',
    );

    // Server HTML with the price in it (what Tmall/Taobao embed); the worker's fetch is served this page.
    const serverHtml = fixture('e2e/jd-item.html')
      .replace('<span class="product-price--value"></span>', '<span class="product-price--value">￥69.00</span>')
      .replace(/<script>\s*\/\/ The real page[\s\S]*?<\/script>/, '');
    await ext.context.unrouteAll();
    await serve(ext.context, 'https://item.jd.com/**', serverHtml);
    await ext.send({ type: 'test/clock', now: PAID + 10 * H });
    expect(await ext.send({ type: 'prices/recheck' })).toMatchObject({ ok: true });
    const fetched = await waitFor(
      async () => {
        const b = ok(await ext.send({ type: 'backup/export' }));
        return b.snapshots.find((s) => s.kind === 'product' && s.priceSource === 'fetch') ?? null;
      },
      'a fetched observation',
      10_000,
    );
    expect(fetched).toMatchObject({ productId: '100012043978', price: { amount: 6900 } });

    // Later the page fills its price by script only: the worker cannot read it and reminds the shopper.
    await ext.context.unrouteAll();
    await serve(ext.context, 'https://item.jd.com/**', fixture('e2e/jd-item.html'));
    await ext.send({ type: 'test/clock', now: PAID + 20 * H });
    await ext.send({ type: 'prices/recheck' });
    const shown = await ext.worker.evaluate(() => (globalThis as unknown as Api).chrome.notifications.getAll());
    expect(Object.keys(shown).some((id) => id.startsWith('recheck-remind:product:jd:100012043978'))).toBe(true);
  });
  it('follows no redirect: a product page answering 302 to the login host is a reminder, and that host is never asked', async () => {
    const asked: string[] = [];
    await ext.context.unrouteAll();
    await ext.context.route('https://item.jd.com/**', async (route) => {
      asked.push(route.request().url());
      await route.fulfill({ status: 302, headers: { location: 'https://passport.jd.com/new/login.aspx' }, body: '' });
    });
    await ext.context.route('https://passport.jd.com/**', async (route) => {
      asked.push(route.request().url());
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<html>login</html>' });
    });
    const before = ok(await ext.send({ type: 'backup/export' })).snapshots.length;
    await ext.send({ type: 'test/clock', now: PAID + 50 * H }); // due again (after the back-off), another day
    expect(await ext.send({ type: 'prices/recheck' })).toMatchObject({ ok: true });
    // Under redirect: 'manual' the worker gets an opaque redirect (status 0, no Location) and reads nothing.
    // (Playwright cannot show whether cookies rode along: the unit test checks credentials: 'omit'.)
    expect(asked).toEqual(['https://item.jd.com/100012043978.html']);
    expect(ok(await ext.send({ type: 'backup/export' })).snapshots).toHaveLength(before);
    const shown = await ext.worker.evaluate(() => (globalThis as unknown as Api).chrome.notifications.getAll());
    expect(Object.keys(shown)).toContain('recheck-remind:product:jd:100012043978:2026-11-03');
  });
});
