/**
 * `npm run demo`: the test build in Debian's Chromium with a local demo shop — every fixture page served
 * on its real shop URL — walking through a price drop and a stalled parcel, then left open for you.
 * Needs a display (or run it under `xvfb-run`); with no display it runs headless and prints what happened.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, serve } from '../tests/e2e/harness/chromium';
import { fixture, ROOT, waitFor } from '../tests/e2e/harness/paths';

const H = 3_600_000;
const PAID = Date.UTC(2026, 10, 1, 2, 2, 13);
const headless = !process.env.DISPLAY;

interface Page {
  url: string;
  file: string;
  label: string;
}
function demoPages(): Page[] {
  const dir = join(ROOT, 'tests/fixtures/sites');
  const pages: Page[] = [];
  for (const platform of readdirSync(dir)) {
    for (const f of readdirSync(join(dir, platform)).filter((n) => n.endsWith('.expected.json'))) {
      const { url } = JSON.parse(readFileSync(join(dir, platform, f), 'utf8')) as { url: string };
      pages.push({
        url,
        file: `sites/${platform}/${f.replace('.expected.json', '.html')}`,
        label: `${platform} · ${f.replace('.expected.json', '')}`,
      });
    }
  }
  return pages;
}

const ext = await launchChromium(undefined, { headless });
const pages = demoPages();
for (const p of pages) {
  const u = new URL(p.url);
  await ext.context.route(
    (url) => url.href.split('#')[0] === u.href,
    (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: fixture(p.file) }),
  );
}
const links = pages.map((p) => `<li><a href="${p.url}">${p.label}</a> <small>${p.url}</small></li>`).join('');
await serve(
  ext.context,
  'https://demo.shopwitness.test/**',
  `<!doctype html><meta charset="utf-8"><title>ShopWitness demo shop</title><body style="font-family:sans-serif;max-width:900px;margin:24px auto"><h1>ShopWitness 演示商店 demo shop</h1><p>Every page below is a local fixture served on the real shop URL. Open one and watch the extension's popup.</p><ul>${links}</ul></body>`,
);
await serve(
  ext.context,
  'https://details.jd.com/normal/item.action?orderid=301234567890*',
  fixture('e2e/jd-order.html'),
);
await serve(ext.context, 'https://item.jd.com/100012043978.html', fixture('e2e/jd-item.html'));

console.log('1. Paid a JD order on 2026-11-01 10:02 (Shanghai); opening its detail page…');
await ext.send({ type: 'test/clock', now: PAID + 30 * H });
const shop = await ext.context.newPage();
await shop.goto('https://details.jd.com/normal/item.action?orderid=301234567890');
await waitFor(async () => (await ext.count('evidence')) >= 1, 'the order screenshot');
console.log('2. A day later the same kettle is cheaper; opening the product page…');
await shop.goto('https://item.jd.com/100012043978.html');
await waitFor(async () => (await ext.count('evidence')) >= 2, 'the price screenshot');
console.log('3. Time travel: 3 days later, still no pickup scan…');
await ext.send({ type: 'test/clock', now: PAID + 72 * H });
const index = await ext.context.newPage();
await index.goto('https://demo.shopwitness.test/');
const popup = await ext.openPage('popup.html');
await popup.locator('li.alert').first().waitFor();
const alerts = await popup.locator('li.alert .alert__title').allTextContents();
console.log(`4. The popup shows ${alerts.length} alert(s):\n   ${alerts.join('\n   ')}`);
if (headless) {
  console.log('No display: closing. Run `xvfb-run npm run demo` or use a desktop session to keep the browser open.');
  await ext.close();
} else {
  console.log('The browser stays open: try the demo shop tab, the popup, "生成投诉". Close the window to end.');
  await new Promise<void>((resolve) => ext.context.on('close', () => resolve()));
}
