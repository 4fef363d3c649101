/**
 * `npm run screenshots`: drives the test build in Debian's Chromium through a price drop on local
 * JD fixtures and saves what the shopper sees to docs/ (used by the README).
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
  const [ticket] = await Promise.all([ext.context.waitForEvent('page'), popup.getByRole('button', { name: '生成投诉' }).first().click()]);
  await ticket.setViewportSize({ width: 1000, height: 1200 });
  await ticket.locator('#text-zh-CN').waitFor();
  await ticket.screenshot({ path: 'docs/ticket.png' });
  const options = await ext.openPage('options.html');
  await options.setViewportSize({ width: 1000, height: 1200 });
  await options.waitForTimeout(800);
  await options.screenshot({ path: 'docs/options.png' });
  console.log('wrote docs/popup.png, docs/ticket.png, docs/options.png');
} finally {
  await ext.close();
}
