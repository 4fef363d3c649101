/**
 * A fresh release install in Chromium, as a shopper gets it: the onboarding page opens by itself; before its
 * one click an order page is read but not screenshotted, and the popup and Settings say so instead of
 * promising it. (Chromium's permission prompt cannot be answered by automation: the Firefox test of the same
 * flow goes on past the click and sees the order page captured.)
 */
import type { Page } from 'playwright-core';
import { browserAvailable, CHROME_RELEASE, CHROMIUM, fixture, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_RELEASE);
const ORDER = 'https://details.jd.com/normal/item.action?orderid=301234567890';

describe.runIf(run)('first five minutes (Chromium release build)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium(CHROME_RELEASE);
  });
  afterAll(async () => ext?.close());

  const onboarding = () =>
    waitFor(
      async () => ext.context.pages().find((p) => p.url() === `chrome-extension://${ext.id}/onboarding.html`),
      'the onboarding tab',
    );

  it('opens the onboarding page on install: what it reads, what stays local, the switch for screenshots', async () => {
    const page = await onboarding();
    await page.getByRole('heading', { level: 1, name: '欢迎使用购物维权助手' }).waitFor();
    await page.getByText('○ 未开启：现在只能在弹出窗口里点“截取当前页面”手动截图。').waitFor();
    expect(await page.getByText(/没有我们的服务器，没有统计分析/).count()).toBe(1);
    expect(await page.getByRole('button', { name: '开启自动截图' }).isEnabled()).toBe(true);
    // Chrome's own install warnings, each with its reason.
    expect(await page.getByRole('term').allTextContents()).toEqual(
      expect.arrayContaining(['“读取您的浏览记录”', '“显示通知”']),
    );
  });

  it('without the click: the order is read, no screenshot is taken, and the popup says so', async () => {
    await serve(ext.context, 'https://details.jd.com/**', fixture('e2e/jd-order.html'));
    const shop = await ext.context.newPage();
    await shop.goto(ORDER);
    await shop.bringToFront();
    await waitFor(
      async () => ok(await ext.send({ type: 'backup/export' })).snapshots.some((s) => s.kind === 'order'),
      'the order read',
    );
    await shop.waitForTimeout(2000);
    expect(await ext.count('evidence')).toBe(0);

    const popup = await ext.openPage('popup.html');
    await popup.getByText(/自动截图未开启/).waitFor();
    const [opened] = await Promise.all([
      ext.context.waitForEvent('page') as Promise<Page>,
      popup.getByRole('button', { name: '开启', exact: true }).click(),
    ]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(`chrome-extension://${ext.id}/onboarding.html`);
  });

  it('Settings shows the automatic-screenshot box unticked, and why, while the permission is missing', async () => {
    const options = await ext.openPage('options.html');
    const box = options.getByLabel('打开商品、订单和物流页面时自动截图');
    await options.getByText(/自动截图需要“所有网站”权限/).waitFor();
    expect(await box.isChecked()).toBe(false);
  });
});
