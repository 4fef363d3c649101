/**
 * The popup's kept first screen in real Chromium (lib/pages/kept-screen.ts): the first open paints nothing kept;
 * the next one paints the last screen (its own classes, inert, busy) before the live rows, which replace it; erasing
 * all data on the options page forgets it, so the erased list is never painted again.
 */
import type { Page } from 'playwright-core';
import { browserAvailable, CHROME_EXT, CHROMIUM } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
import { seedPriceDrop } from './harness/scenario';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const KEY = 'popupKeptScreen';

/** In the page before its scripts: what the first kept rows were, and whether a live row was there already. */
const WATCH = `(() => {
  const w = globalThis;
  w.keptSeen = null;
  const mo = new MutationObserver(() => {
    const rows = document.querySelectorAll('.kept__row');
    if (w.keptSeen !== null || rows.length === 0) return;
    const root = document.getElementById('kept-screen');
    w.keptSeen = {
      texts: Array.from(rows, (r) => r.textContent),
      live: document.querySelectorAll('li.order, li.alert, li.product').length,
      busy: root && root.getAttribute('aria-busy'),
      inert: root && root.hasAttribute('inert'),
      controls: root ? root.querySelectorAll('button, a, input, img').length : -1,
    };
  });
  mo.observe(document, { childList: true, subtree: true });
})();`;

interface Seen {
  texts: string[];
  live: number;
  busy: string | null;
  inert: boolean;
  controls: number;
}

describe.runIf(run)('kept first screen (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
    await seedPriceDrop(ext);
  });
  afterAll(async () => ext?.close());

  async function openPopup(): Promise<{ page: Page; seen: Seen | null }> {
    const page = await ext.context.newPage();
    await page.addInitScript({ content: WATCH });
    await page.setViewportSize({ width: 380, height: 600 });
    await page.goto(`chrome-extension://${ext.id}/popup.html`);
    await page.locator('main.popup').waitFor();
    const seen = await page.evaluate(() => (globalThis as unknown as { keptSeen: Seen | null }).keptSeen);
    return { page, seen };
  }

  it('paints the last screen first on the next open, then the live rows replace it', async () => {
    const first = await openPopup();
    expect(first.seen).toBeNull();
    await first.page.locator('li.order[data-order-id="301234567890"]').waitFor();
    await first.page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY);
    const liveOrder = await first.page.locator('li.order .order__title').first().textContent();
    await first.page.close();

    const { page, seen } = await openPopup();
    expect(seen).not.toBeNull();
    expect(seen!.live).toBe(0);
    expect(seen!.busy).toBe('true');
    expect(seen!.inert).toBe(true);
    expect(seen!.controls).toBe(0);
    expect(seen!.texts.some((t) => t.includes(liveOrder!.trim()))).toBe(true);
    await page.locator('li.order[data-order-id="301234567890"]').waitFor();
    expect(await page.locator('#kept-screen, .kept__row').count()).toBe(0);
    await page.close();
  });

  it('erasing all data on the options page forgets the kept screen: the erased list is never painted again', async () => {
    const options = await ext.openPage('options.html');
    expect(await options.evaluate((k) => localStorage.getItem(k) !== null, KEY)).toBe(true);
    await options.getByRole('button', { name: '删除全部数据…' }).click();
    await options.locator('#opt-delete-confirm').fill('删除');
    await options.getByRole('button', { name: '永久删除' }).click();
    await options.getByText('已删除全部数据。').waitFor();
    expect(await options.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();
    await options.close();

    const { page, seen } = await openPopup();
    expect(seen).toBeNull();
    await page.locator('#orders-h').waitFor();
    expect(await page.locator('li.order').count()).toBe(0);
    await page.close();
  });
});
