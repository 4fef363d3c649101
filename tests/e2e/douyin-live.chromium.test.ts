/**
 * A Douyin live room in real Chromium, on its real URL: the page's own fetch (pop/v3) and XHR (the cart list) get
 * their answers from the test server, the main-world script hands copies over, and the background stores the product
 * being explained and the cart's products with channel 'live', the room id and their prices; the automatic price
 * screenshot and a manual capture are filed under the product being explained.
 * Also: a room answering in an unknown shape (nothing stored, the tab says unreadable) and a video's product card.
 */
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
import {
  VIDEO_DETAIL,
  VIDEO_ID,
  VIDEO_URL,
  videoDetail,
  videoPage,
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

const run = browserAvailable(CHROMIUM, CHROME_EXT);

type Api = {
  chrome: {
    tabs: { query(q: object): Promise<{ id: number }[]> };
    storage: { session: { get(k: string): Promise<Record<string, unknown>> } };
  };
};

describe.runIf(run)('Douyin live room: the product being explained and the cart (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
    await ext.context.route(
      (url) => url.protocol === 'http:' || url.protocol === 'https:',
      (route) => {
        const url = route.request().url();
        const json = (body: string) => route.fulfill({ status: 200, contentType: 'application/json', body });
        const html = (body: string) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
        if (url === LIVE_URL) return html(livePage());
        if (url === CHANGED_ROOM_URL) return html(livePage(CHANGED_ROOM_ID));
        if (url === VIDEO_URL) return html(videoPage());
        if (url.startsWith(`${VIDEO_DETAIL}?`)) return json(videoDetail());
        if (url.includes(`room_id=${CHANGED_ROOM_ID}`)) return json(livePopChanged());
        if (url.startsWith(`${LIVE_POP}?`)) return json(livePop());
        if (url.startsWith(`${LIVE_CART}?`)) return json(liveCart());
        if (url.startsWith(`${LIVE_ENTER}?`)) return json(LIVE_ENTER_BODY);
        return route.abort();
      },
    );
    await ext.send({ type: 'state/summary' });
  });
  afterAll(async () => ext?.close());

  it('stores the explained and the cart products with channel live, room id and prices; screenshots go to the explained one', async () => {
    const page = await ext.context.newPage();
    try {
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
        priceRange: { low: { amount: 5990 }, high: { amount: 11990 } },
      });
      expect(second).toMatchObject({ ...live, price: { amount: 12800, currency: 'CNY' } });
      expect(third).toMatchObject({ ...live, price: { amount: 4990, currency: 'CNY' } });
      // The page's own code got its answers (the kept ones and the one off the list).
      expect(
        await waitFor(
          () =>
            page.evaluate(() => {
              const s = (window as unknown as { __seen: Record<string, unknown> }).__seen;
              return s.pop && s.cart && s.enter ? s : null;
            }),
          'the page’s own reads',
        ),
      ).toEqual({ pop: 2, cart: 3, enter: 2 });

      // The automatic price screenshot is the explained product's.
      const auto = await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' })).evidence.find(
            (e) => e.kind === 'price-screenshot' && e.url === LIVE_URL,
          ),
        'the price screenshot',
        30_000,
      );
      expect(auto).toMatchObject({ productId: LIVE_EXPLAINED });
      // A manual capture in the room (the page changed since) is filed under it too.
      const before = await evidenceIds(ext.send);
      await page.evaluate(() =>
        document.body.insertAdjacentHTML('afterbegin', '<p style="font-size:40px">主播：直播间价 59.9</p>'),
      );
      await page.bringToFront();
      const [tab] = await ext.worker.evaluate(() =>
        (globalThis as unknown as Api).chrome.tabs.query({ url: 'https://live.douyin.com/*' }),
      );
      expectCaptureOfChangedPage(before, await ext.send({ type: 'capture/manual', tabId: tab!.id }), {
        productId: LIVE_EXPLAINED,
        url: LIVE_URL,
      });
    } finally {
      await page.close();
    }
  });

  it('a room whose endpoints answer in a shape the reader does not know: nothing stored, the tab says unreadable', async () => {
    const page = await ext.context.newPage();
    try {
      await page.goto(CHANGED_ROOM_URL, { waitUntil: 'domcontentloaded' });
      const [tab] = await ext.worker.evaluate(
        (url) => (globalThis as unknown as Api).chrome.tabs.query({ url }),
        CHANGED_ROOM_URL,
      );
      const key = `tabNote:${tab!.id}`;
      const note = await waitFor(
        async () =>
          (await ext.worker.evaluate((k) => (globalThis as unknown as Api).chrome.storage.session.get(k), key))[key],
        'the page note',
        30_000,
      );
      expect(note).toMatchObject({ url: CHANGED_ROOM_URL, note: 'unreadable' });
      const stored = ok(await ext.send({ type: 'backup/export' })).snapshots.filter(
        (s) => s.kind === 'product' && s.url === CHANGED_ROOM_URL,
      );
      expect(stored).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a video’s product card: the product with channel video and the video id, at the card’s price', async () => {
    const page = await ext.context.newPage();
    try {
      await page.goto(VIDEO_URL, { waitUntil: 'domcontentloaded' });
      const stored = await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' })).snapshots.find(
            (s) => s.kind === 'product' && s.url === VIDEO_URL,
          ),
        'the video’s product',
        30_000,
      );
      expect(stored).toMatchObject({
        platform: 'douyin',
        productId: LIVE_EXPLAINED,
        channel: 'video',
        videoId: VIDEO_ID,
        price: { amount: 7490, currency: 'CNY' },
      });
    } finally {
      await page.close();
    }
  });
});
