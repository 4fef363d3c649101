/**
 * Walking skeleton in real Chromium: a JD product page served on its real URL → the product and its
 * price stored, a screenshot with a matching SHA-256 in the evidence chain, and the popup showing both.
 */
import { createHash } from 'node:crypto';
import { browserAvailable, CHROME_EXT, CHROMIUM, fixture, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { ok, shopEvidence } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);

describe.runIf(run)('walking skeleton (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => ext?.close());

  it('records a JD product with its price and a screenshot whose hash matches, and shows it in the popup', async () => {
    await serve(ext.context, 'https://item.jd.com/**', fixture('e2e/jd-item.html'));
    const shop = await ext.context.newPage();
    await shop.goto('https://item.jd.com/100012043978.html');
    await shop.bringToFront();

    await waitFor(async () => (await ext.count('evidence')) >= 1, 'a screenshot evidence record');

    const backup = ok(await ext.send({ type: 'backup/export' }));
    const product = backup.snapshots.find((s) => s.kind === 'product');
    expect(product).toMatchObject({
      productId: '100012043978',
      title: '小熊（Bear）电热水壶 1.5L 304不锈钢 家用烧水壶 ZDH-Q15X1',
      price: { amount: 8990, currency: 'CNY' },
      listPrice: { amount: 12900 },
    });
    const ev = shopEvidence(backup)[0]!;
    expect(ev).toMatchObject({
      kind: 'price-screenshot',
      productId: '100012043978',
      url: 'https://item.jd.com/100012043978.html',
      seq: 1,
    });
    // The record before it is the chain's start, which pins the install's key.
    expect(backup.evidence.find((e) => e.seq === 0)).toMatchObject({ kind: 'chain-start', prevHash: null });
    expect(ev.prevHash).toBe(backup.evidence.find((e) => e.seq === 0)!.recordHash);

    // The stored bytes hash to the recorded SHA-256.
    const popup = await ext.openPage('popup.html');
    const bytes = await popup.evaluate(
      (id) =>
        new Promise<number[]>((resolve, reject) => {
          const req = indexedDB.open('shopwitness');
          req.onsuccess = () => {
            const r = req.result.transaction('blobs').objectStore('blobs').get(id);
            r.onsuccess = () => resolve(Array.from(r.result.data as Uint8Array));
            r.onerror = () => reject(r.error);
          };
        }),
      ev.id,
    );
    expect(bytes.length).toBe(ev.bytes);
    expect(createHash('sha256').update(Buffer.from(bytes)).digest('hex')).toBe(ev.sha256);
    expect(bytes.slice(0, 3)).toEqual([0xff, 0xd8, 0xff]); // JPEG

    const verify = ok(await ext.send({ type: 'evidence/verify' }));
    expect(verify).toMatchObject({ ok: true, records: 2 });

    // The popup lists the product with its latest price and a thumbnail that opens the screenshot.
    const row = popup.locator('li.product[data-product-id="100012043978"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('.price').textContent()).toContain('89.90');
    expect(await row.locator('.product__title').textContent()).toContain('小熊');
    await waitFor(async () => (await row.locator('.thumb img').getAttribute('src'))?.startsWith('blob:'), 'thumbnail');
    const [viewer] = await Promise.all([ext.context.waitForEvent('page'), row.locator('.thumb').click()]);
    await viewer.waitForLoadState();
    expect(viewer.url()).toContain('/evidence.html#');
    await expect.poll(() => viewer.locator('[data-testid="sha256"]').textContent()).toBe(ev.sha256);
  });

  it('refuses an invalid message with an error reply, and keeps working', async () => {
    expect(await ext.sendRaw({ type: 'snapshot/report', snapshot: { kind: 'product', price: 'free' } })).toMatchObject({
      ok: false,
    });
    expect(await ext.sendRaw({ type: 'no/such' })).toMatchObject({ ok: false });
    expect(await ext.send({ type: 'state/summary' })).toMatchObject({ ok: true });
  });
});
