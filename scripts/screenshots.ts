/**
 * `npm run screenshots`: what a shopper sees in the release build, with sample data, saved to docs/ (the
 * README's pictures) and, through `npm run store-listing`, the store images.
 *
 * The sample data is made as a shopper makes it: the test build (whose automatic screenshots need no
 * permission prompt) reads a JD order paid 30 hours ago and the same kettle at a lower price now, and its
 * Settings page downloads a backup. A fresh profile with the release build then restores that backup through
 * Settings → 恢复, exactly as a shopper moving to a new computer would, and every picture is taken there: no
 * test controls, and the permission state of a fresh install ("自动截图未开启 · 开启").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/harness/chromium';
import { CHROME_RELEASE, fixture, ROOT, waitFor } from '../tests/e2e/harness/paths';
import { H, seedPriceDrop } from '../tests/e2e/harness/scenario';

const NOW = Date.now();
const PAID = NOW - 30 * H;
/** "2026-12-05 04:12:13" in Shanghai: how the JD order page states its times. */
const shanghai = (t: number) => new Date(t + 8 * H).toISOString().slice(0, 19).replace('T', ' ');
const OUT = (name: string) => join(ROOT, 'docs', name);

async function sampleBackup(dir: string): Promise<string> {
  const ext = await launchChromium();
  try {
    const order = fixture('e2e/jd-order.html')
      .replaceAll('2026-11-01 10:02:13', shanghai(PAID))
      .replaceAll('2026-11-01 10:00:00', shanghai(PAID - 133_000));
    await seedPriceDrop(ext, 30, order, PAID); // the test clock at the real now: the release build reads on from there
    const options = await ext.openPage('options.html');
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: '备份全部数据' }).click(),
    ]);
    const path = join(dir, 'sample-backup.json');
    await download.saveAs(path);
    return path;
  } finally {
    await ext.close();
  }
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: OUT(name), fullPage });
}

const dir = mkdtempSync(join(tmpdir(), 'sw-screens-'));
try {
  const backup = await sampleBackup(dir);
  const ext = await launchChromium(CHROME_RELEASE);
  try {
    const options = await ext.openPage('options.html');
    await options.setViewportSize({ width: 1000, height: 1200 });
    await options.locator('#opt-restore-file').setInputFiles(backup);
    await options.getByText(/已恢复：/).waitFor();
    await options.reload();
    await options.getByRole('heading', { level: 1 }).waitFor();
    await shot(options, 'options.png');

    const onboarding = await waitFor(
      async () => ext.context.pages().find((p) => p.url().endsWith('/onboarding.html')),
      'the onboarding page',
    );
    await onboarding.setViewportSize({ width: 900, height: 1000 });
    await onboarding.bringToFront();
    await shot(onboarding, 'onboarding.png', true);

    const popup = await ext.openPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.locator('li.alert').first().waitFor();
    await shot(popup, 'popup.png');
    const [ticket] = await Promise.all([
      ext.context.waitForEvent('page'),
      popup.getByRole('button', { name: '生成投诉' }).first().click(),
    ]);
    await ticket.setViewportSize({ width: 1000, height: 900 });
    await ticket.locator('#text-zh-CN').waitFor();
    await shot(ticket, 'ticket.png', true); // the whole page: its buttons are below the text

    for (const [lang, name] of [
      ['zh-CN', 'popup-gallery.png'],
      ['en', 'popup-gallery-en.png'],
    ] as const) {
      const page = await ext.openPage('popup.html');
      await page.setViewportSize({ width: 380, height: 600 });
      await page.locator('li.order').first().waitFor();
      if (lang === 'en') await page.getByRole('button', { name: '切换到英文界面' }).click();
      const row = page.locator('li.order').first();
      await row.locator('.evidence-entry__toggle').click();
      await row.locator('.gallery__item img').first().waitFor();
      await row.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot(page, name);
      if (lang === 'zh-CN') {
        await page.emulateMedia({ colorScheme: 'dark' });
        await shot(page, 'popup-gallery-dark.png');
      } else await page.getByRole('button', { name: 'Switch to Chinese' }).click(); // leave the setting as it was
    }
    console.log('wrote docs/: options, onboarding, popup, ticket, popup-gallery (zh, en, dark)');
  } finally {
    await ext.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
