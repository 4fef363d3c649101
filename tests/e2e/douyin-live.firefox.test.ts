/**
 * The Douyin live room of douyin-live.chromium.test.ts in Firefox ESR: the main-world script hands the page's own
 * pop/v3 (fetch) and cart (XHR) answers over; the explained and the cart products are stored with channel 'live', the
 * room id and their prices, and a manual capture in the room is filed under the product being explained.
 */
import { browserAvailable, FIREFOX, FIREFOX_EXT, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
import {
  CHANGED_ROOM_ID,
  CHANGED_ROOM_URL,
  livePopChanged,
  LIVE_CART,
  LIVE_CART_IDS,
  LIVE_ENTER,
  LIVE_ENTER_BODY,
  LIVE_EXPLAINED,
  LIVE_POP,
  LIVE_ROOM,
  LIVE_URL,
  liveCart,
  livePage,
  livePop,
} from './harness/douyin-live-page';
import { ok } from './harness/send';
import { evidenceIds, expectCaptureOfChangedPage } from './harness/manual-capture';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);

type Api = {
  browser: {
    tabs: { query(q: object): Promise<{ id: number }[]> };
    storage: { session: { get(k: string): Promise<Record<string, unknown>> } };
  };
};

describe.runIf(run)('Douyin live room: the product being explained and the cart (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => ext?.close());

  it('stores the explained and the cart products with channel live, room id and prices; a manual capture goes to the explained one', async () => {
    const json = (body: string) => ({ body, contentType: 'application/json' });
    const page = await ext.newShopPage({
      [LIVE_URL]: livePage(),
      [`${LIVE_POP}?`]: json(livePop()),
      [`${LIVE_CART}?`]: json(liveCart()),
      [`${LIVE_ENTER}?`]: json(LIVE_ENTER_BODY),
    });
    await page.goto(LIVE_URL, { waitUntil: 'domcontentloaded' });
    const ids = [LIVE_EXPLAINED, ...LIVE_CART_IDS];
    const stored = await waitFor(
      async () => {
        const all = ok(await ext.send({ type: 'backup/export' })).snapshots.filter((s) => s.kind === 'product');
        const got = ids.map((id) => all.find((s) => s.kind === 'product' && s.productId === id));
        return got.every(Boolean) ? got : null;
      },
      'the live room’s products',
      30_000,
    );
    const [explained, second, third] = stored;
    const live = { platform: 'douyin', url: LIVE_URL, channel: 'live', roomId: LIVE_ROOM };
    expect(explained).toMatchObject({
      ...live,
      title: '云南高山红茶 500g 礼盒装',
      price: { amount: 5990, currency: 'CNY' },
      listPrice: { amount: 19900, currency: 'CNY' },
    });
    expect(second).toMatchObject({ ...live, price: { amount: 12800, currency: 'CNY' } });
    expect(third).toMatchObject({ ...live, price: { amount: 4990, currency: 'CNY' } });

    const [tab] = await ext.bridge.evaluate(() =>
      (globalThis as unknown as Api).browser.tabs.query({ url: 'https://live.douyin.com/*' }),
    );
    const before = await evidenceIds(ext.send);
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('afterbegin', '<p style="font-size:40px">主播：直播间价 59.9</p>'),
    );
    await page.bringToFront();
    expectCaptureOfChangedPage(before, await ext.send({ type: 'capture/manual', tabId: tab!.id }), {
      productId: LIVE_EXPLAINED,
      url: LIVE_URL,
    });
    await page.close();
  });

  it('a room whose endpoints answer in a shape the reader does not know: nothing stored, the tab says unreadable', async () => {
    const json = (body: string) => ({ body, contentType: 'application/json' });
    const page = await ext.newShopPage({
      [CHANGED_ROOM_URL]: livePage(CHANGED_ROOM_ID),
      [`${LIVE_POP}?`]: json(livePopChanged()),
      [`${LIVE_CART}?`]: json(livePopChanged()),
      [`${LIVE_ENTER}?`]: json(LIVE_ENTER_BODY),
    });
    await page.goto(CHANGED_ROOM_URL, { waitUntil: 'domcontentloaded' });
    const [tab] = await ext.bridge.evaluate(
      (url) => (globalThis as unknown as Api).browser.tabs.query({ url }),
      CHANGED_ROOM_URL,
    );
    const key = `tabNote:${tab!.id}`;
    const note = await waitFor(
      async () =>
        (await ext.bridge.evaluate((k) => (globalThis as unknown as Api).browser.storage.session.get(k), key))[key],
      'the page note',
      30_000,
    );
    expect(note).toMatchObject({ url: CHANGED_ROOM_URL, note: 'unreadable' });
    const stored = ok(await ext.send({ type: 'backup/export' })).snapshots.filter(
      (s) => s.kind === 'product' && s.url === CHANGED_ROOM_URL,
    );
    expect(stored).toEqual([]);
    await page.close();
  });
});
