/**
 * `npm run screenshots`: drives the test build in Debian's Chromium through a price drop on local
 * JD fixtures and saves what the shopper sees to docs/ (used by the README).
 */
import { launchChromium, serve } from '../tests/e2e/harness/chromium';
import { fixture, waitFor } from '../tests/e2e/harness/paths';

const H = 3_600_000;
const PAID = Date.UTC(2026, 10, 1, 2, 2, 13);

const ext = await launchChromium();
try {
  await ext.send({ type: 'test/clock', now: PAID + 30 * H });
  await serve(ext.context, 'https://details.jd.com/**', fixture('e2e/jd-order.html'));
  await serve(ext.context, 'https://item.jd.com/**', fixture('e2e/jd-item.html'));
  for (const url of ['https://details.jd.com/normal/item.action?orderid=301234567890', 'https://item.jd.com/100012043978.html']) {
    const page = await ext.context.newPage();
    await page.goto(url);
    await page.bringToFront();
    await waitFor(async () => (await ext.count('evidence')) >= (url.includes('item.jd') ? 2 : 1), `capture of ${url}`);
  }
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
