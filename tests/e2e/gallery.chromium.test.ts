/**
 * The popup's per-order evidence gallery in real Chromium: the JD order page's screenshot is
 * counted on the order row, the gallery opens from the keyboard, its thumbnail is the stored image (read
 * only once shown, its object URL freed when the gallery closes), and its link opens the evidence page
 * of the same record.
 */
import type { Page } from 'playwright-core';
import type { BackupExport } from '@/lib/core/messages';
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
import { seedPriceDrop } from './harness/scenario';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);

describe.runIf(run)('popup evidence gallery (Chromium)', () => {
  let ext: ChromiumExt;
  let popup: Page;
  let shot: BackupExport['evidence'][number];

  beforeAll(async () => {
    ext = await launchChromium();
    await seedPriceDrop(ext);
    const { evidence } = ok(await ext.send({ type: 'backup/export' }));
    shot = evidence.find((e) => e.kind === 'order-screenshot' && e.orderId === '301234567890')!;
    expect(shot).toBeTruthy();
    popup = await ext.openPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 560 });
  });
  afterAll(async () => ext?.close());

  it('counts the order’s evidence on its row and opens the gallery from the keyboard', async () => {
    const row = popup.locator('li.order[data-order-id="301234567890"]');
    const toggle = row.locator('.evidence-entry__toggle');
    await expect.poll(() => toggle.textContent()).toContain('证据 1 项');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await popup.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const item = row.locator(`.gallery__item[data-evidence-id="${shot.id}"]`);
    await item.waitFor();
    expect(await item.locator('code').textContent()).toBe(shot.sha256.slice(0, 8));
    expect(await item.locator('.gallery__kind').textContent()).toBe('订单截图');
    // The thumbnail is the stored JPEG, through an object URL.
    const src = await waitFor(
      async () =>
        (await item.locator('img').getAttribute('src'))?.startsWith('blob:') && item.locator('img').getAttribute('src'),
      'thumbnail',
    );
    expect(
      await popup.evaluate(
        (u) =>
          fetch(u as string)
            .then((r) => r.blob())
            .then((b) => b.type),
        src,
      ),
    ).toBe('image/jpeg');
    // Tab from the toggle lands on the thumbnail's link.
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(`evidence.html#${shot.id}`);
    // Closing the gallery frees the image.
    await toggle.click();
    expect(await row.locator('.gallery').count()).toBe(0);
    await expect
      .poll(() =>
        popup.evaluate(
          (u) =>
            fetch(u as string).then(
              () => 'readable',
              () => 'revoked',
            ),
          src,
        ),
      )
      .toBe('revoked');
  });

  it('opens the evidence page of the same record from the thumbnail', async () => {
    const row = popup.locator('li.order[data-order-id="301234567890"]');
    await row.locator('.evidence-entry__toggle').click();
    const link = row.locator(`.gallery__item[data-evidence-id="${shot.id}"] a`);
    const [viewer] = await Promise.all([ext.context.waitForEvent('page'), link.click()]);
    await viewer.waitForLoadState();
    expect(viewer.url()).toBe(`chrome-extension://${ext.id}/evidence.html#${shot.id}`);
    await expect.poll(() => viewer.locator('[data-testid="sha256"]').textContent()).toBe(shot.sha256);
    await viewer.close();
  });
});
