/**
 * The order evidence page in real Chromium: opened from the popup's gallery for the
 * JD fixture order, it lists the order's screenshot, takes a PNG through the file input (and refuses a
 * program by name), chains it with the order's id and platform, and the whole chain still verifies.
 * axe finds no serious violations, light and dark. SW_SHOTS=<dir> also writes screenshots (zh-CN, en).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserAvailable, CHROME_EXT, CHROMIUM, fixture, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { audit } from './harness/axe';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const ORDER_URL = 'https://details.jd.com/normal/item.action?orderid=301234567890';
const SHOTS = process.env.SW_SHOTS;

type SyncApi = {
  chrome: {
    storage: { sync: { get(k: string): Promise<Record<string, object | undefined>>; set(v: object): Promise<void> } };
  };
};

describe.runIf(run)('order evidence page (Chromium)', () => {
  let ext: ChromiumExt;
  let page: Page;
  let png: Buffer;

  beforeAll(async () => {
    ext = await launchChromium();
    await ext.send({ type: 'state/summary' }); // the message bridge tab first, not over the shop page later
    await serve(ext.context, 'https://details.jd.com/**', fixture('e2e/jd-order.html'));
    const shop = await ext.context.newPage();
    await shop.goto(ORDER_URL);
    await shop.bringToFront();
    await waitFor(async () => (await ext.count('evidence')) === 1, 'the automatic order capture');
    // A real PNG to upload: a piece of the order page, as a shopper's screenshot of it would be.
    png = await shop.screenshot({ clip: { x: 0, y: 0, width: 480, height: 320 } });
    await shop.close();
  });
  afterAll(async () => ext?.close());

  it('opens from the popup gallery for the order', async () => {
    const popup = await ext.openPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 560 });
    const row = popup.locator('li.order[data-order-id="301234567890"]');
    await row.locator('.evidence-entry__toggle').click();
    const link = row.getByRole('button', { name: '添加附件 / 查看全部' });
    await link.waitFor();
    if (SHOTS) await popup.screenshot({ path: join(SHOTS, 'popup-gallery.png'), fullPage: true });
    [page] = await Promise.all([ext.context.waitForEvent('page'), link.click()]);
    await page.waitForLoadState();
    expect(page.url()).toBe(`chrome-extension://${ext.id}/evidence.html?order=jd%3A301234567890`);
    await popup.close();
  });

  it('shows the order and its screenshot, adds a PNG under the order, and refuses a program by name', async () => {
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.getByRole('heading', { level: 1, name: '订单证据' }).waitFor();
    expect(await page.title()).toBe('订单 301234567890 的证据 · 购物维权助手');
    expect(await page.getByTestId('order-id').textContent()).toBe('301234567890');
    expect(await page.getByTestId('paid').textContent()).toMatch(/^¥\d+\.\d\d$/);
    await page.locator('.gallery__item[data-kind="order-screenshot"] img').waitFor();

    await page.locator('input[type="file"]').setInputFiles([
      { name: '客服聊天记录.png', mimeType: 'image/png', buffer: png },
      { name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') },
    ]);
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('已添加 1 个附件');
    expect(await status.textContent()).toContain('不支持的文件类型：setup.exe');
    const item = page.locator('.gallery__item[data-kind="attachment"]');
    await item.locator('img').waitFor();
    expect(await item.locator('.gallery__name').textContent()).toBe('客服聊天记录.png');
    expect(await page.locator('.gallery__item').count()).toBe(2);

    const { evidence } = ok(await ext.send({ type: 'backup/export' }));
    const attached = evidence.find((e) => e.kind === 'attachment')!;
    expect(attached).toMatchObject({
      orderId: '301234567890',
      platform: 'jd',
      mime: 'image/png',
      fileName: '客服聊天记录.png',
      bytes: png.byteLength,
      sha256: createHash('sha256').update(png).digest('hex'),
    });
    expect(await ext.send({ type: 'evidence/verify' })).toEqual({ ok: true, records: 3, problems: [] });
    expect(await item.locator('code').textContent()).toBe(attached.sha256.slice(0, 8));

    // Its thumbnail opens the evidence page of the same record, with the full hash.
    const [viewer] = await Promise.all([ext.context.waitForEvent('page'), item.locator('a').click()]);
    await viewer.waitForLoadState();
    expect(viewer.url()).toBe(`chrome-extension://${ext.id}/evidence.html#${attached.id}`);
    await expect.poll(() => viewer.locator('[data-testid="sha256"]').textContent()).toBe(attached.sha256);
    await viewer.close();
  });

  it('is reachable from the keyboard: Tab lands on the file input, whose label shows the focus', async () => {
    await page.bringToFront();
    await page.reload();
    await page.locator('.gallery__item img').first().waitFor();
    let reached = false;
    for (let i = 0; i < 6 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'file');
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!.closest('label')!).outlineStyle);
    expect(outline).not.toBe('none');
  });

  it('has no serious accessibility violations, light and dark', async () => {
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'order-page-zh-light.png'), fullPage: true });
    expect(await audit(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'order-page-zh-dark.png'), fullPage: true });
    expect(await audit(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('speaks English when the shopper chose it', async () => {
    await ext.worker.evaluate(async () => {
      const sync = (globalThis as unknown as SyncApi).chrome.storage.sync;
      const settings = (await sync.get('settings')).settings ?? {};
      await sync.set({ settings: { ...settings, language: 'en' } });
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Order evidence' }).waitFor();
    await page.locator('.gallery__item img').first().waitFor();
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Add attachments');
    await page
      .locator('input[type="file"]')
      .setInputFiles([{ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }]);
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('File too large or empty: empty.txt (limit 5 MB)');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'order-page-en-light.png'), fullPage: true });
    expect(await audit(page)).toEqual([]);
  });
});
