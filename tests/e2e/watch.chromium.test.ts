/**
 * The shopper's day in real Chromium: an order page, later a lower price → a price-drop notification,
 * badge and popup alert; the worker killed → alarms back, no second notification; 48 h pass on the
 * test clock → no-pickup; from the alert to a signed bundle that verifies and whose report.html, copied out alone,
 * still shows every screenshot (inlined).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { SIGNATURE_PATH, verifyBundle } from '@/lib/core/bundle';
import { keyFingerprint } from '@/lib/core/signing';
import { browserAvailable, CHROME_EXT, CHROMIUM, fixture, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const H = 3_600_000;
const PAID = Date.UTC(2026, 10, 1, 2, 2, 13); // 2026-11-01 10:02:13 Shanghai, as the order page says

type Api = {
  chrome: {
    action: { getBadgeText(d: object): Promise<string> };
    notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
    alarms: { getAll(): Promise<{ name: string; scheduledTime: number }[]> };
  };
};

describe.runIf(run)('background watch (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => ext?.close());

  const badge = () => ext.worker.evaluate(() => (globalThis as unknown as Api).chrome.action.getBadgeText({}));
  const notifications = () => ext.worker.evaluate(() => (globalThis as unknown as Api).chrome.notifications.getAll());
  const evidenceCount = () => ext.count('evidence');

  async function visit(url: string): Promise<Page> {
    const page = await ext.context.newPage();
    await page.goto(url);
    await page.bringToFront();
    return page;
  }

  it('raises a price drop, survives a killed worker without re-notifying, and crosses 48 h on the test clock', async () => {
    await ext.send({ type: 'test/clock', now: PAID + 20 * H });
    await serve(ext.context, 'https://details.jd.com/**', fixture('e2e/jd-order.html'));
    await serve(ext.context, 'https://item.jd.com/**', fixture('e2e/jd-item.html'));

    await visit('https://details.jd.com/normal/item.action?orderid=301234567890&PassKey=x');
    await waitFor(async () => (await evidenceCount()) >= 1, 'the order screenshot');
    expect(await badge()).toBe('');

    await visit('https://item.jd.com/100012043978.html');
    await waitFor(async () => (await badge()) === '1', 'badge 1');
    const shown = await notifications();
    const dropId = Object.keys(shown).find((id) => id.startsWith('price-drop:'));
    expect(dropId).toBeDefined();

    const popup = await ext.openPage('popup.html');
    const alert = popup.locator('li.alert[data-kind="price-drop"]');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toContain('¥39.10'); // 129.00 paid − 89.90 now
    expect(await alert.textContent()).toMatch(/价保还剩 \d+ 天/);

    // Kill the service worker; the next message restarts it, which re-evaluates and re-arms alarms.
    await ext.worker.evaluate((id) => (globalThis as unknown as Api).chrome.notifications.clear(id), dropId!);
    await ext.worker.evaluate(() => void ((globalThis as Record<string, unknown>).__beforeKill = true));
    await ext.killWorker();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await ext.send({ type: 'alerts/evaluate' })).toMatchObject({ ok: true });
    const worker = ext.context.serviceWorkers()[0]!;
    // A fresh worker: the global set before the kill is gone.
    expect(await worker.evaluate(() => (globalThis as Record<string, unknown>).__beforeKill ?? 'restarted')).toBe(
      'restarted',
    );
    const alarms = await worker.evaluate(() => (globalThis as unknown as Api).chrome.alarms.getAll());
    expect(alarms.map((a) => a.name)).toEqual(expect.arrayContaining(['watch', 'watch-tick']));
    const after = await worker.evaluate(() => (globalThis as unknown as Api).chrome.notifications.getAll());
    expect(Object.keys(after)).not.toContain(dropId); // the same alert never notifies twice

    // 48 h after payment with no pickup scan.
    await ext.send({ type: 'test/clock', now: PAID + 48 * H + 60_000 });
    await waitFor(
      async () => (await worker.evaluate(() => (globalThis as unknown as Api).chrome.action.getBadgeText({}))) === '2',
      'badge 2',
    );
    const later = await worker.evaluate(() => (globalThis as unknown as Api).chrome.notifications.getAll());
    expect(Object.keys(later).some((id) => id.startsWith('no-pickup:'))).toBe(true);
  });

  it('goes from the price-drop alert to a downloaded bundle that verifies', async () => {
    const popup = await ext.openPage('popup.html');
    const alert = popup.locator('li.alert[data-kind="price-drop"]');
    await expect.poll(() => alert.count()).toBe(1);
    const [ticketPage] = await Promise.all([
      ext.context.waitForEvent('page'),
      alert.getByRole('button', { name: '生成投诉' }).click(),
    ]);
    await ticketPage.waitForLoadState();
    await expect.poll(() => ticketPage.locator('#text-zh-CN').inputValue()).toContain('301234567890');
    expect(await ticketPage.locator('#text-zh-CN').inputValue()).toContain('¥39.10');
    expect(await ticketPage.locator('.check--ok').count()).toBeGreaterThan(0);
    // An attachment (a chat-log screenshot) joins the evidence chain and the bundle.
    await ticketPage.locator('input[type=file]').setInputFiles({
      name: 'chat-log.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    });
    await expect.poll(() => ticketPage.getByRole('status').textContent()).toMatch(/已添加 1 个附件/);
    expect(await ext.send({ type: 'evidence/verify' })).toMatchObject({ ok: true });
    const [download] = await Promise.all([
      ticketPage.waitForEvent('download'),
      ticketPage.getByRole('button', { name: '导出证据包' }).click(),
    ]);
    const zip = new Uint8Array(readFileSync((await download.path())!));
    const result = await verifyBundle(zip);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, signature: 'valid' });
    expect(result.files.some((f) => f.path.startsWith('evidence/') && f.path.endsWith('.jpg'))).toBe(true);
    expect(result.files.some((f) => f.path.includes('attachment'))).toBe(true);

    // The complaint text ends with the fingerprint of the key that signed the bundle and a chain head that is a
    // stored record, both in full.
    const text = await ticketPage.locator('#text-zh-CN').inputValue();
    const pin = /证据链记录 #(\d+) 的哈希：([0-9a-f]{64})\n签名密钥指纹（SHA-256）：([0-9a-f]{64})$/.exec(text);
    expect(pin, text).not.toBeNull();
    const signature = JSON.parse(strFromU8(unzipSync(zip)[SIGNATURE_PATH]!)) as { publicKey: JsonWebKey };
    expect(pin![3]).toBe(await keyFingerprint(signature.publicKey));
    const stored = ok(await ext.send({ type: 'backup/export' })).evidence;
    expect(stored.find((r) => r.seq === Number(pin![1]))?.recordHash).toBe(pin![2]);

    // report.html travels alone (attached to a complaint): copied out of the bundle by itself and opened
    // from disk, it still shows every screenshot.
    const dir = mkdtempSync(join(tmpdir(), 'sw-report-'));
    try {
      writeFileSync(join(dir, 'report.html'), unzipSync(zip)['report.html']!);
      const report = await ext.context.newPage();
      await report.goto(pathToFileURL(join(dir, 'report.html')).href); // waits for load: images included
      const shots = await report
        .locator('img[src^="data:image/jpeg"]')
        .evaluateAll((imgs) =>
          imgs.map((img) => ({ alt: img.getAttribute('alt'), shown: (img as HTMLImageElement).naturalWidth > 0 })),
        );
      expect(shots.length).toBeGreaterThan(0);
      expect(shots.filter((s) => !s.shown)).toEqual([]);
      await report.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
