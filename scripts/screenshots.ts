/**
 * `npm run screenshots`: drives the test build in Debian's Chromium through a price drop on local
 * JD fixtures and saves what the shopper sees to docs/ (used by the README), the popup also with an
 * order's evidence gallery open, in Chinese and in English.
 */
import { launchChromium } from '../tests/e2e/harness/chromium';
import { seedPriceDrop } from '../tests/e2e/harness/scenario';

const ext = await launchChromium();
try {
  await seedPriceDrop(ext);
  const popup = await ext.openPage('popup.html');
  await popup.setViewportSize({ width: 380, height: 560 });
  await popup.locator('li.alert').first().waitFor();
  await popup.waitForTimeout(500);
  await popup.screenshot({ path: 'docs/popup.png' });
  const [ticket] = await Promise.all([
    ext.context.waitForEvent('page'),
    popup.getByRole('button', { name: '生成投诉' }).first().click(),
  ]);
  await ticket.setViewportSize({ width: 1000, height: 1200 });
  await ticket.locator('#text-zh-CN').waitFor();
  await ticket.screenshot({ path: 'docs/ticket.png' });
  const options = await ext.openPage('options.html');
  await options.setViewportSize({ width: 1000, height: 1200 });
  await options.waitForTimeout(800);
  await options.screenshot({ path: 'docs/options.png' });
  // The order's evidence gallery open, in Chinese then in English (the language button is the popup's own).
  const shots: string[] = [];
  for (const [lang, name] of [
    ['zh-CN', 'docs/popup-gallery.png'],
    ['en', 'docs/popup-gallery-en.png'],
  ] as const) {
    const page = await ext.openPage('popup.html');
    await page.setViewportSize({ width: 380, height: 560 });
    await page.locator('li.order').first().waitFor();
    if (lang === 'en') await page.getByRole('button', { name: '切换到英文界面' }).click();
    const row = page.locator('li.order').first();
    await row.locator('.evidence-entry__toggle').click();
    await row.locator('.gallery__item img').first().waitFor();
    await row.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: name });
    shots.push(name);
    if (lang === 'zh-CN') {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForTimeout(200);
      await page.screenshot({ path: 'docs/popup-gallery-dark.png' });
      shots.push('docs/popup-gallery-dark.png');
    }
    if (lang === 'en') await page.getByRole('button', { name: 'Switch to Chinese' }).click(); // leave the setting as it was
  }
  console.log(`wrote docs/popup.png, docs/ticket.png, docs/options.png, ${shots.join(', ')}`);
} finally {
  await ext.close();
}
