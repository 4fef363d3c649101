/**
 * On a phone (Firefox for Android shows the popup as a full-screen sheet ~360 px wide): the popup and the ticket page
 * at 360×780 scroll only vertically, every control is a thumb's size (≥ 44 px), axe finds nothing serious; and with
 * the APIs Android lacks taken away (context menus, commands, notifications: `test/phone-surface`), an alert still
 * shows on the badge and in the popup, the popup still captures, and the bundle still saves through a link download.
 * Shop pages open as on the phone (360×780, touch, Firefox for Android's user agent) on their real URLs: Pinduoduo's
 * H5 order list gives its orders, the later ones from the page's own order_list_v4 answer, and a PDD and a JD mobile
 * goods page each give their price and the automatic screenshot filed under it.
 */
import type { Page } from 'playwright-core';
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { JD_ORDER_URL, seedPriceDrop } from './harness/scenario';
import { audit } from './harness/axe';
import { ok } from './harness/send';
import { asAndroidPhone, asPhone } from './harness/chromium-phone';
import { evidenceIds, expectCaptureOfChangedPage } from './harness/manual-capture';
import {
  ANDROID_UA,
  expectGoodsCaptured,
  goodsCaptured,
  PDD_LIST_ORDERS,
  PDD_LIST_URL,
  PDD_LIST_V4,
  pddListAnswer,
  pddListPage,
  waitForPddOrders,
  phoneGoodsCases,
  TAOBAO_PHONE_ITEM,
  expectTaobaoPhoneItemStored,
  taobaoPhoneItemAnswer,
  taobaoPhoneItemPage,
  thumbReport,
} from './harness/phone';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
describe.runIf(run)('on a phone (Chromium, 360×780)', () => {
  let ext: ChromiumExt;

  beforeAll(async () => {
    ext = await launchChromium();
    // From the start, as on a phone: no context menus, commands or notifications.
    ok(await ext.send({ type: 'test/phone-surface', on: true }));
    await seedPriceDrop(ext);
  });
  afterAll(async () => ext?.close());

  async function popup(): Promise<Page> {
    const page = await ext.openPage('popup.html');
    await asPhone(page);
    await page.locator('li.alert').first().waitFor();
    return page;
  }

  it('the popup: no sideways scroll, thumb-sized controls, axe clean', async () => {
    const page = await popup();
    const r = await page.evaluate(thumbReport);
    expect(r.coarse).toBe(true);
    expect(r.overflow, r.wide.join('\n')).toBeLessThanOrEqual(0);
    expect(r.small).toEqual([]);
    expect(await audit(page)).toEqual([]);
    // Last: a full-page screenshot resets the touch emulation.
    if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/phone-popup.png`, fullPage: true });
  });

  it('an alert without notifications: on the badge and in the popup', async () => {
    type Api = { chrome: { action: { getBadgeText(d: object): Promise<string> } } };
    const badge = await ext.worker.evaluate(() => (globalThis as unknown as Api).chrome.action.getBadgeText({}));
    expect(badge).not.toBe('');
    const page = await popup();
    await expect(page.locator('li.alert').first().textContent()).resolves.toContain('价格下降了');
  });

  it('an alert without notifications: a banner in the next shop page, and a tap opens its ticket', async () => {
    const shop = ext.context.pages().find((p) => p.url().startsWith('https://item.jd.com/'))!;
    await shop.bringToFront();
    // The page sees only our host element (its content is in a closed shadow root).
    const box = await waitFor(
      () =>
        shop.evaluate(() => {
          const host = document.getElementById('shopwitness-banner');
          const r = host?.getBoundingClientRect();
          return host && r && r.height > 0
            ? { x: r.left, y: r.top, w: r.width, h: r.height, peek: host.shadowRoot }
            : null;
        }),
      'the banner on the shop page',
    );
    expect(box.peek).toBeNull();
    expect(box.w).toBeGreaterThan(300);
    if (process.env.SHOTS) await shop.screenshot({ path: `${process.env.SHOTS}/phone-banner.png` });
    const ticket = ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/ticket.html?alert=') });
    await shop.mouse.click(box.x + 40, box.y + box.h - 40); // a tap on the alert's line, as a thumb does
    await (await ticket).locator('textarea.ticket__text').first().waitFor();
    expect(await shop.evaluate(() => document.getElementById('shopwitness-banner'))).toBeNull();
  });

  it('a capture without the context menu or shortcut: from the popup', async () => {
    type Api = { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } } };
    const [tab] = await ext.worker.evaluate(
      (url) => (globalThis as unknown as Api).chrome.tabs.query({ url: url.replace(/\?.*$/, '*') }),
      JD_ORDER_URL,
    );
    const shop = ext.context.pages().find((p) => p.url().startsWith('https://details.jd.com/'))!;
    const before = await evidenceIds(ext.send);
    await shop.evaluate(() =>
      document.body.insertAdjacentHTML('afterbegin', '<p style="font-size:40px">卖家：不发货</p>'),
    );
    await shop.bringToFront();
    expectCaptureOfChangedPage(before, await ext.send({ type: 'capture/manual', tabId: tab!.id }), {
      url: JD_ORDER_URL,
    });
  });

  it('the ticket page at 360 px: no sideways scroll, thumb-sized, axe clean; the bundle saves through a link', async () => {
    const alerts = ok(await ext.send({ type: 'alerts/evaluate' })).alerts;
    const drop = alerts.find((a) => a.kind === 'price-drop')!;
    const ticket = await ext.openPage(`ticket.html?alert=${encodeURIComponent(drop.id)}`);
    await asPhone(ticket);
    await ticket.locator('textarea.ticket__text').first().waitFor();
    const r = await ticket.evaluate(thumbReport);
    expect(r.coarse).toBe(true);
    expect(r.overflow, r.wide.join('\n')).toBeLessThanOrEqual(0);
    expect(r.small).toEqual([]);
    expect(await audit(ticket)).toEqual([]);
    if (process.env.SHOTS) await ticket.screenshot({ path: `${process.env.SHOTS}/phone-ticket.png`, fullPage: true });
    const download = ticket.waitForEvent('download');
    await ticket.getByRole('button', { name: '导出证据包' }).click();
    const anyway = ticket.getByRole('button', { name: '仍然导出' });
    if (await anyway.isVisible().catch(() => false)) await anyway.click();
    expect((await download).suggestedFilename()).toMatch(/\.zip$/);
  });

  it('Pinduoduo’s H5 order list on a phone: the first page from rawData, the next from the page’s own answer', async () => {
    await serve(ext.context, 'https://mobile.yangkeduo.com/orders.html*', pddListPage());
    await ext.context.route(`${PDD_LIST_V4}*`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: pddListAnswer() }),
    );
    const page = await ext.context.newPage();
    try {
      await asAndroidPhone(page);
      await page.goto(PDD_LIST_URL);
      await page.bringToFront();
      expect(await page.evaluate(() => navigator.userAgent)).toBe(ANDROID_UA);
      await waitFor(async () => (await page.title()) === 'more 2', 'the page’s own next page');
      expect(await waitForPddOrders(ext.send)).toEqual(PDD_LIST_ORDERS);
    } finally {
      await page.close();
    }
  });

  it.each(phoneGoodsCases())(
    'a goods page on the phone ($name): its price, and its screenshot filed under it',
    async (c) => {
      // The exact URL only; anything else the page asks for (the glyph font, images) is refused.
      await ext.context.route(
        (url) => url.href === c.url,
        (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: c.html }),
      );
      const page = await ext.context.newPage();
      try {
        await page.route(
          (url) => url.protocol.startsWith('http') && url.href !== c.url,
          (route) => route.abort(),
        );
        await asAndroidPhone(page);
        await page.goto(c.url);
        await page.bringToFront();
        expect(await page.evaluate(() => navigator.userAgent)).toBe(ANDROID_UA);
        const found = await waitFor(
          async () => goodsCaptured(c, ok(await ext.send({ type: 'backup/export' }))),
          `${c.name}: the product and its screenshot`,
          30_000,
        );
        expectGoodsCaptured(c, found);
      } finally {
        await page.close();
      }
    },
  );

  it('Taobao’s phone product page: its price from the page’s own JSONP detail answer, and its screenshot filed under it', async () => {
    const T = TAOBAO_PHONE_ITEM;
    await serve(ext.context, 'https://main.m.taobao.com/detail/index.html*', taobaoPhoneItemPage());
    await ext.context.route(T.api, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/javascript;charset=UTF-8',
        body: taobaoPhoneItemAnswer(),
      }),
    );
    const page = await ext.context.newPage();
    try {
      await asAndroidPhone(page);
      await page.goto(T.url);
      await page.bringToFront();
      // The page's own callback got the answer as sent.
      await expect(page.locator('#drawn').textContent()).resolves.toBe(T.drawn);
      await expectTaobaoPhoneItemStored(ext.send);
    } finally {
      await page.close();
    }
  });
});
