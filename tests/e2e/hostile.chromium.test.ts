/**
 * A hostile shop page: markup in the title and price, 20,000 price-like nodes, prototype-pollution keys in
 * embedded JSON. The extension stores the text as text, shows it as text, and the page's own script runs unaffected.
 */
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const EVIL = '<img src=x onerror="window.__pwned=1">电热水壶<script>window.__pwned=2</script>';

function hostilePage(): string {
  const noise = Array.from({ length: 20_000 }, (_, i) => `<span class="p-price">￥${(i % 997) + 1}.00</span>`).join('');
  const escaped = EVIL.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escaped}</title>
<script>var pageConfig = {"product": {"skuid": 100099, "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}};
window.__pageOk = true;</script></head><body>
<div class="sku-title"><span class="sku-title-name">${escaped}</span></div>
<div class="product-price--main"><span class="product-price--value">￥59.90</span></div>
<div class="recommend">${noise}</div></body></html>`;
}

interface Backup { snapshots: { kind: string; productId?: string; title?: string; price?: { amount: number } }[] }

describe.runIf(run)('hostile page (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => ext?.close());

  it('keeps page text as text, reads the right price, and leaves the page alone', async () => {
    await serve(ext.context, 'https://item.jd.com/**', hostilePage());
    const page = await ext.context.newPage();
    await page.goto('https://item.jd.com/100099.html');
    const backup = await waitFor(async () => {
      const b = await ext.send<Backup>({ type: 'backup/export' });
      return b.snapshots.some((s) => s.productId === '100099') ? b : null;
    }, 'the hostile product snapshot');
    const snap = backup.snapshots.find((s) => s.productId === '100099')!;
    expect(snap.price?.amount).toBe(5990);
    expect(snap.title).toContain('<img src=x onerror=');
    expect(await page.evaluate(() => ({ ok: (window as unknown as Record<string, unknown>).__pageOk, pwned: (window as unknown as Record<string, unknown>).__pwned, polluted: ({} as Record<string, unknown>).polluted }))).toEqual({ ok: true, pwned: undefined, polluted: undefined });

    const popup = await ext.openPage('popup.html');
    const title = popup.locator('li.product[data-product-id="100099"] .product__title');
    await expect.poll(() => title.textContent()).toContain('<img src=x');
    expect(await popup.locator('img[src="x"]').count()).toBe(0);
    expect(await popup.evaluate(() => (window as unknown as Record<string, unknown>).__pwned)).toBeUndefined();
  });
});
