/**
 * On a phone in Firefox (the browser that carries the extension to Android): a desktop Firefox told it has a touch
 * screen only ((pointer: coarse), (hover: none)) at 360×780, with the APIs Android lacks taken away
 * (`test/phone-surface`). The popup and the ticket page fit the screen and a thumb and pass axe; the alert shows on
 * the badge and in the popup without notifications; a capture works from the popup's path. Shop pages open as on the
 * phone (360×780, Firefox for Android's user agent) on their real URLs: Pinduoduo's H5 order list gives its orders,
 * the later ones from the page's own order_list_v4 answer, and a PDD and a JD mobile goods page each give their price
 * and the automatic screenshot filed under it.
 */
import type { Page } from 'puppeteer-core';
import { browserAvailable, FIREFOX, FIREFOX_EXT, fixture, waitFor } from './harness/paths';
import { FIREFOX_ORIGIN, launchFirefox, type FirefoxExt } from './harness/firefox';
import { audit } from './harness/axe';
import { H, JD_ITEM_URL, JD_ORDER_URL, PAID } from './harness/scenario';
import { ok, shopEvidence } from './harness/send';
import { evidenceIds, expectCaptureOfChangedPage } from './harness/manual-capture';
import {
  ANDROID_UA,
  FIREFOX_TOUCH_PREFS,
  expectGoodsCaptured,
  goodsCaptured,
  PDD_LIST_ORDERS,
  PDD_LIST_URL,
  PDD_LIST_V4,
  pddListAnswer,
  pddListPage,
  waitForPddOrders,
  PHONE,
  phoneGoodsCases,
  TAOBAO_PHONE_ITEM,
  expectTaobaoPhoneItemStored,
  taobaoPhoneItemAnswer,
  taobaoPhoneItemPage,
  thumbReport,
} from './harness/phone';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);

describe.runIf(run)('on a phone (Firefox, 360×780, touch only)', () => {
  let ext: FirefoxExt;
  let shop: Page;

  beforeAll(async () => {
    ext = await launchFirefox(FIREFOX_EXT, { prefs: FIREFOX_TOUCH_PREFS });
    ok(await ext.send({ type: 'test/phone-surface', on: true }));
    await ext.send({ type: 'test/clock', now: PAID + 30 * H });
    shop = await ext.newShopPage({
      'https://details.jd.com/': fixture('e2e/jd-order.html'),
      'https://item.jd.com/': fixture('e2e/jd-item.html'),
    });
    for (const [url, n] of [
      [JD_ORDER_URL, 1],
      [JD_ITEM_URL, 2],
    ] as const) {
      await shop.goto(url);
      await shop.bringToFront();
      await waitFor(async () => shopEvidence(ok(await ext.send({ type: 'backup/export' }))).length >= n, url, 30_000);
    }
  });
  afterAll(async () => ext?.close());

  async function phonePage(path: string, ready: string): Promise<Page> {
    const page = await ext.openPage(path);
    await page.setViewport(PHONE);
    await page.waitForSelector(ready, { timeout: 10_000 }).catch(async (e: unknown) => {
      throw new Error(`${String(e)}: ${await page.evaluate(() => document.body.innerText)}`);
    });
    return page;
  }

  it('the popup: the alert without notifications, no sideways scroll, thumb-sized, axe clean', async () => {
    type Api = { browser: { action: { getBadgeText(d: object): Promise<string> } } };
    expect(await ext.bridge.evaluate(() => (globalThis as unknown as Api).browser.action.getBadgeText({}))).not.toBe(
      '',
    );
    // Not plain popup.html: the test build's bridge tab is popup.html?e2e=1, and openPage finds a tab by prefix.
    const popup = await phonePage('popup.html?phone', 'li.alert');
    expect(await popup.evaluate(() => document.querySelector('li.alert')?.textContent ?? '')).toMatch(
      /价格下降了|Price dropped/,
    ); // the UI language follows Firefox's (no zh langpack here)
    const r = await popup.evaluate(thumbReport);
    expect(r.coarse).toBe(true);
    expect(r.overflow, r.wide.join('\n')).toBeLessThanOrEqual(0);
    expect(r.small).toEqual([]);
    expect(await audit(popup)).toEqual([]);
  });

  it('an alert without notifications: a banner in the next shop page, and a tap opens its ticket', async () => {
    await shop.bringToFront();
    // The page sees only our host element (its content is in a closed shadow root).
    const box = await waitFor(
      () =>
        shop.evaluate(() => {
          const host = document.getElementById('shopwitness-banner');
          const r = host?.getBoundingClientRect();
          return host && r && r.height > 0 ? { x: r.left, y: r.top, h: r.height, peek: host.shadowRoot } : null;
        }),
      'the banner on the shop page',
    );
    expect(box.peek).toBeNull();
    await shop.mouse.click(box.x + 40, box.y + box.h - 40); // a tap on the alert's line
    const ticket = await ext.findPage(`${FIREFOX_ORIGIN}/ticket.html?alert=`, 'the ticket page');
    await ticket.waitForSelector('textarea.ticket__text', { timeout: 10_000 });
    expect(await shop.evaluate(() => document.getElementById('shopwitness-banner'))).toBeNull();
  });

  it('a capture without the context menu or shortcut', async () => {
    const before = await evidenceIds(ext.send);
    await shop.evaluate(() =>
      document.body.insertAdjacentHTML('afterbegin', '<p style="font-size:40px">客服：不予价保</p>'),
    );
    await shop.bringToFront();
    type Api = { browser: { tabs: { query(q: object): Promise<{ id?: number }[]> } } };
    const [tab] = await ext.bridge.evaluate(() =>
      (globalThis as unknown as Api).browser.tabs.query({ url: 'https://item.jd.com/*' }),
    );
    expectCaptureOfChangedPage(before, await ext.send({ type: 'capture/manual', tabId: tab!.id }));
  });

  it('the ticket page at 360 px: no sideways scroll, thumb-sized, axe clean; the bundle saves through a link', async () => {
    const drop = ok(await ext.send({ type: 'alerts/evaluate' })).alerts.find((a) => a.kind === 'price-drop')!;
    const ticket = await phonePage(`ticket.html?alert=${encodeURIComponent(drop.id)}`, 'textarea.ticket__text');
    const r = await ticket.evaluate(thumbReport);
    expect(r.overflow, r.wide.join('\n')).toBeLessThanOrEqual(0);
    expect(r.small).toEqual([]);
    expect(await audit(ticket)).toEqual([]);
    // Without `downloads` (Android has none): the bundle leaves through an <a download> of a blob. BiDi shows no
    // download here, so the page's link click is watched and the blob it names is read back.
    await ticket.evaluate(() => {
      const w = window as unknown as { __saved?: Promise<{ name: string; head: number[]; size: number }> };
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        if (this.download && this.href.startsWith('blob:'))
          w.__saved = fetch(this.href)
            .then((res) => res.arrayBuffer())
            .then((b) => ({ name: this.download, head: [...new Uint8Array(b.slice(0, 2))], size: b.byteLength }));
        else click.call(this);
      };
    });
    // The page speaks the browser's language (this Firefox ESR's is English): either name of a button will do.
    const press = (names: string[]) =>
      ticket.evaluate((ns) => {
        const b = [...document.querySelectorAll('button')].find((x) => ns.includes(x.textContent?.trim() ?? ''));
        b?.click();
        return !!b;
      }, names);
    await waitFor(() => press(['导出证据包', 'Export evidence bundle']), 'the export button');
    await waitFor(
      async () =>
        (await ticket.evaluate(() => !!(window as unknown as { __saved?: unknown }).__saved)) ||
        (await press(['仍然导出', 'Export anyway'])),
      'the export under way',
      30_000,
    );
    const saved = await waitFor(
      () =>
        ticket.evaluate(() => (window as unknown as { __saved?: Promise<unknown> }).__saved ?? null) as Promise<{
          name: string;
          head: number[];
          size: number;
        } | null>,
      'the bundle’s link download',
      60_000,
    );
    expect(saved.name).toMatch(/^shopwitness-.*\.zip$/);
    expect(saved.head).toEqual([0x50, 0x4b]); // "PK": a zip
    expect(saved.size).toBeGreaterThan(10_000); // the screenshots are in it
  });

  /** A shop tab as on the phone: its pages served by `routes`, 360×780, Firefox for Android's user agent (BiDi). */
  async function phoneShopPage(routes: Parameters<FirefoxExt['newShopPage']>[0]): Promise<Page> {
    const page = await ext.newShopPage(routes);
    await page.setViewport(PHONE);
    await page.setUserAgent(ANDROID_UA);
    return page;
  }

  it('Pinduoduo’s H5 order list on a phone: the first page from rawData, the next from the page’s own answer', async () => {
    const page = await phoneShopPage({
      [PDD_LIST_URL]: pddListPage(),
      [`${PDD_LIST_V4}?`]: { body: pddListAnswer(), contentType: 'application/json' },
    });
    try {
      await page.goto(PDD_LIST_URL, { waitUntil: 'domcontentloaded' });
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
      // The exact URL as the prefix; anything else the page asks for (the glyph font, images) is refused.
      const page = await phoneShopPage({ [c.url]: c.html });
      try {
        await page.goto(c.url, { waitUntil: 'domcontentloaded' });
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
    const page = await phoneShopPage({
      [T.url]: taobaoPhoneItemPage(),
      [T.api.replace('/**', '/')]: { body: taobaoPhoneItemAnswer(), contentType: 'application/javascript' },
    });
    try {
      await page.goto(T.url, { waitUntil: 'domcontentloaded' });
      await page.bringToFront();
      // The page's own callback got the answer as sent.
      await waitFor(
        () => page.evaluate(() => document.getElementById('drawn')?.textContent ?? null),
        'the page’s own JSONP answer',
      ).then((drawn) => expect(drawn).toBe(T.drawn));
      await expectTaobaoPhoneItemStored(ext.send);
    } finally {
      await page.close();
    }
  });
});
