/**
 * tracking.chromium.test.ts in Firefox ESR: the Tmall order page lists SF1234567890123; its kuaidi100 page's own
 * `/query` answer reaches the content script through the main-world script (world: 'MAIN', Firefox 128+); the timeline
 * is stored under the order with a screenshot, then no-pickup (48 h) and logistics-stalled (72 h) on the test clock.
 */
import { browserAvailable, FIREFOX, FIREFOX_EXT, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
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

const run = browserAvailable(FIREFOX, FIREFOX_EXT);

describe.runIf(run)('kuaidi100 tracking page (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
    await ext.send({ type: 'test/clock', now: PAID + 20 * H });
  });
  afterAll(async () => ext?.close());

  it('stores the timeline under the order with a screenshot, then no-pickup and logistics-stalled on the clock', async () => {
    const order = await ext.newShopPage({ [ORDER_URL]: orderHtml() });
    await order.goto(ORDER_URL, { waitUntil: 'domcontentloaded' });
    await order.bringToFront();
    await waitFor(
      async () =>
        ok(await ext.send({ type: 'backup/export' })).snapshots.some(
          (s) => s.kind === 'order' && s.orderId === ORDER_ID,
        ),
      'the order',
      30_000,
    );
    await order.close();

    const page = await ext.newShopPage({
      [KUAIDI100_URL]: kuaidi100Page(),
      [KUAIDI100_QUERY]: { body: queryAnswer(), contentType: 'application/json;charset=UTF-8' },
    });
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
      platform: 'tmall',
      orderId: ORDER_ID,
      carrier: 'SF',
      state: '0',
      events: [{ at: EVENT_AT, stage: 'info' }],
    });
    await waitFor(
      async () =>
        ok(await ext.send({ type: 'backup/export' })).evidence.find(
          (e) => e.kind === 'logistics-screenshot' && e.trackingNumber === NUMBER && e.orderId === ORDER_ID,
        ),
      'the timeline screenshot',
      30_000,
    );
    await page.close();

    await ext.send({ type: 'test/clock', now: PAID + 48 * H + 60_000 });
    const at48 = ok(await ext.send({ type: 'alerts/evaluate' })).alerts;
    expect(at48.find((a) => a.kind === 'no-pickup')).toMatchObject({ orderId: ORDER_ID, trackingNumber: NUMBER });
    await ext.send({ type: 'test/clock', now: EVENT_AT + 72 * H + 60_000 });
    const at72 = ok(await ext.send({ type: 'alerts/evaluate' })).alerts;
    expect(at72.find((a) => a.kind === 'logistics-stalled')).toMatchObject({
      orderId: ORDER_ID,
      trackingNumber: NUMBER,
    });
  });
});
