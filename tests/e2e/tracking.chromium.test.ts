/**
 * An order's parcel on kuaidi100 in real Chromium: the Tmall order page (its real URL) lists SF1234567890123; its
 * kuaidi100 page (the real URL) gets the constructed `/query` answer from the test server for its own request, the
 * main-world script hands a copy over, and the timeline is stored under the order with a screenshot. Then the test
 * clock: past 48 h after payment with only a 揽收-less line → no-pickup; past 72 h after that line → logistics-stalled.
 */
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
import {
  EVENT_AT,
  H,
  KUAIDI100_QUERY,
  KUAIDI100_URL,
  kuaidi100Page,
  NUMBER,
  ORDER_ID,
  ORDER_URL,
  orderHtml,
  PAID,
  queryAnswer,
} from './harness/tracking-page';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);

describe.runIf(run)('kuaidi100 tracking page (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
    await ext.send({ type: 'state/summary' });
    await ext.send({ type: 'test/clock', now: PAID + 20 * H });
    await ext.context.route(
      (url) => url.protocol === 'http:' || url.protocol === 'https:',
      (route) => {
        const req = route.request();
        const url = req.url();
        if (url === ORDER_URL)
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: orderHtml() });
        if (url === KUAIDI100_URL)
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: kuaidi100Page() });
        if (url === KUAIDI100_QUERY && req.method() === 'POST')
          return route.fulfill({ status: 200, contentType: 'application/json;charset=UTF-8', body: queryAnswer() });
        return route.abort();
      },
    );
  });
  afterAll(async () => ext?.close());

  it('stores the timeline under the order with a screenshot, then no-pickup and logistics-stalled on the clock', async () => {
    const order = await ext.context.newPage();
    await order.goto(ORDER_URL);
    await order.bringToFront();
    await waitFor(
      async () =>
        ok(await ext.send({ type: 'backup/export' })).evidence.some(
          (e) => e.kind === 'order-screenshot' && e.orderId === ORDER_ID,
        ),
      'the order screenshot',
      30_000,
    );
    await order.close();

    const page = await ext.context.newPage();
    await page.goto(KUAIDI100_URL, { waitUntil: 'domcontentloaded' });
    await page.bringToFront();
    const parcel = await waitFor(
      async () =>
        ok(await ext.send({ type: 'backup/export' })).snapshots.find(
          (s) => s.kind === 'logistics' && s.trackingNumber === NUMBER,
        ),
      'the kuaidi100 timeline',
      30_000,
    );
    expect(parcel).toMatchObject({
      kind: 'logistics',
      platform: 'tmall',
      orderId: ORDER_ID,
      carrier: 'SF',
      state: '0',
      url: `https://m.kuaidi100.com/app/query/?com=shunfeng&nu=${NUMBER}`,
      events: [{ at: EVENT_AT, text: '【深圳市】卖家已发货，等待快递员揽收', stage: 'info' }],
    });
    const shot = await waitFor(
      async () =>
        ok(await ext.send({ type: 'backup/export' })).evidence.find(
          (e) => e.kind === 'logistics-screenshot' && e.trackingNumber === NUMBER,
        ),
      'the timeline screenshot',
      30_000,
    );
    expect(shot).toMatchObject({ orderId: ORDER_ID, platform: 'tmall' });
    await page.close();

    await ext.send({ type: 'test/clock', now: PAID + 48 * H + 60_000 });
    const at48 = ok(await ext.send({ type: 'alerts/evaluate' })).alerts;
    expect(at48.find((a) => a.kind === 'no-pickup')).toMatchObject({ orderId: ORDER_ID, trackingNumber: NUMBER });
    expect(at48.some((a) => a.kind === 'logistics-stalled')).toBe(false);

    await ext.send({ type: 'test/clock', now: EVENT_AT + 72 * H + 60_000 });
    const at72 = ok(await ext.send({ type: 'alerts/evaluate' })).alerts;
    expect(at72.find((a) => a.kind === 'logistics-stalled')).toMatchObject({
      id: `logistics-stalled:${NUMBER}:${EVENT_AT}`,
      orderId: ORDER_ID,
      trackingNumber: NUMBER,
    });
  });
});
