/**
 * A fresh release install in Firefox ESR, as a shopper gets it: the onboarding page opens by itself; until
 * its one click, an order page is read but not screenshotted and the popup says so; after the click (the
 * permission granted without a prompt here, by Firefox's test preference), the order page is captured.
 */
import type { Page } from 'puppeteer-core';
import { browserAvailable, FIREFOX, FIREFOX_RELEASE, fixture, waitFor } from './harness/paths';
import { FIREFOX_ORIGIN, launchFirefox, type FirefoxExt } from './harness/firefox';
import { ok, shopEvidence } from './harness/send';

const run = browserAvailable(FIREFOX, FIREFOX_RELEASE);
const ORDER = 'https://details.jd.com/normal/item.action?orderid=301234567890';

describe.runIf(run)('first five minutes (Firefox release build)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox(FIREFOX_RELEASE, {
      prefs: { 'extensions.webextOptionalPermissionPrompts': false, 'intl.accept_languages': 'zh-CN, zh' },
    });
  });
  afterAll(async () => ext?.close());

  const text = (page: Page) => page.evaluate(() => document.body.innerText);
  const counts = async () => {
    const b = ok(await ext.send({ type: 'backup/export' }));
    return { orders: b.snapshots.filter((s) => s.kind === 'order').length, evidence: shopEvidence(b).length };
  };

  it('opens the onboarding page on install, in Chinese, with automatic screenshots off', async () => {
    expect(await ext.bridge.evaluate(() => location.href)).toBe(`${FIREFOX_ORIGIN}/onboarding.html`);
    await waitFor(async () => (await text(ext.bridge)).includes('○ 未开启：现在只能'), 'the capture state');
    const body = await text(ext.bridge);
    expect(body).toContain('欢迎使用购物维权助手');
    expect(body).toContain('没有我们的服务器，没有统计分析');
    expect(body).toContain('“访问浏览器标签页”'); // Firefox's own warning for `tabs`, explained
    expect(body).toContain('Firefox 没有这个接口'); // no whole-page archive button that would fail
  });

  it('without the click: the order is read, no screenshot is taken, and the popup says so', async () => {
    const shop = await ext.newShopPage({ 'https://details.jd.com/': fixture('e2e/jd-order.html') });
    await shop.goto(ORDER);
    await shop.bringToFront();
    await waitFor(async () => (await counts()).orders > 0, 'the order read');
    await new Promise((r) => setTimeout(r, 2000));
    expect((await counts()).evidence).toBe(0);
    const popup = await ext.openPage('popup.html');
    await waitFor(async () => (await text(popup)).includes('自动截图未开启'), 'the popup saying screenshots are off');
    expect(
      await popup.evaluate(() => [...document.querySelectorAll('button')].some((b) => b.textContent === '开启')),
    ).toBe(true);
    await popup.close();
    await shop.close();
  });

  it('after the one click: the same order page is captured automatically', async () => {
    await ext.bridge.bringToFront();
    const button = await ext.bridge.waitForSelector('::-p-text(开启自动截图)');
    await button!.click();
    await waitFor(async () => (await text(ext.bridge)).includes('✓ 已开启'), 'the capture state after the click');
    const shop = await ext.newShopPage({ 'https://details.jd.com/': fixture('e2e/jd-order.html') });
    await shop.goto(ORDER);
    await shop.bringToFront();
    await waitFor(async () => (await counts()).evidence > 0, 'the order screenshot', 30_000);
    const b = ok(await ext.send({ type: 'backup/export' }));
    expect(shopEvidence(b)[0]).toMatchObject({ kind: 'order-screenshot', orderId: '301234567890' });
    const popup = await ext.openPage('popup.html');
    await waitFor(async () => (await text(popup)).includes('301234567890'), 'the order in the popup');
    expect(await text(popup)).not.toContain('自动截图未开启');
  });
});
