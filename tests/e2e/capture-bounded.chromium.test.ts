/**
 * Bounded captures (Chromium).
 * - A hostile product page changes its price every 300 ms: it gets at most SHOTS_PER_TAB_PER_MINUTE automatic
 *   screenshots, the rest is recorded once as skipped, and a manual capture still works.
 * - The service worker is killed while a capture is really in flight: an order page is opened for real, its
 *   content script reports, the worker starts the automatic capture (pending marker written, page checked)
 *   and the shot is held there by the test build's `test/capture-delay`. The worker is then killed the way
 *   Chrome kills an idle worker (CDP Target.closeTarget). The next start must finish the capture from its
 *   marker (`recoverPendingCaptures`) or record it failed: never lose it.
 */
import type { Worker } from 'playwright-core';
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { markerColour, readMeta } from './harness/idb';
import { MARKERS, markedOrderPage, near, ORDER_URL } from './harness/marked-pages';
import { ok } from './harness/send';
import { fixture } from './harness/paths';
import { evidenceIds, expectCaptureOfChangedPage } from './harness/manual-capture';
import { SHOTS_PER_TAB_PER_MINUTE } from '@/lib/core/capture-budget';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const C = '301234567803';
const D = '301234567804';
const HOLD_MS = 10_000;

type Marked = { __beforeKill?: boolean };
type Api = { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } };

const PRODUCT_URL = 'https://item.jd.com/100012043978.html';
/** The JD product page, whose price changes every 300 ms for 12 s (a new price each time). */
const flipping = fixture('e2e/jd-item.html').replace(
  '</body>',
  `<script>
  var n = 0;
  var flip = setInterval(function () {
    document.querySelector('.product-price--value').textContent = '￥' + (50 + n++) + '.00';
    if (n >= 40) clearInterval(flip);
  }, 300);
</script></body>`,
);

describe.runIf(run)('bounded captures (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
    await ext.send({ type: 'state/summary' }); // the message bridge tab first, not over the shop page later
    await serve(ext.context, 'https://details.jd.com/**', markedOrderPage);
    await serve(ext.context, 'https://item.jd.com/**', flipping);
  });
  afterAll(async () => ext?.close());

  it('a page that changes its price every 300 ms gets at most 6 screenshots a minute; the rest is recorded skipped, once', async () => {
    const page = await ext.context.newPage();
    await page.goto(PRODUCT_URL);
    await page.bringToFront();
    await page.waitForTimeout(14_000); // 40 prices in 12 s, and the reads and captures behind them
    const backup = ok(await ext.send({ type: 'backup/export' }));
    const reads = backup.snapshots.filter((s) => s.kind === 'product').length;
    const shots = backup.evidence.filter((e) => e.kind === 'price-screenshot').length;
    console.info(`hostile page: ${reads} prices read, ${shots} automatic screenshots stored`);
    expect(reads).toBeGreaterThan(2 * SHOTS_PER_TAB_PER_MINUTE); // the page asked for many more
    expect(shots).toBeGreaterThan(0);
    expect(shots).toBeLessThanOrEqual(SHOTS_PER_TAB_PER_MINUTE);
    expect(backup.captureFailures).toEqual([
      expect.objectContaining({
        url: PRODUCT_URL,
        kind: 'price-screenshot',
        rateLimited: true,
        reason: 'rate-limited: at most 6 automatic screenshots per tab per minute',
      }),
    ]);
    // The shopper's own capture is a gesture, never limited.
    const [tab] = await ext.worker.evaluate(() =>
      (globalThis as unknown as Api).chrome.tabs.query({ url: 'https://item.jd.com/*' }),
    );
    const before = await evidenceIds(ext.send);
    await page.evaluate(() => document.body.insertAdjacentHTML('afterbegin', '<h1>手动 manual</h1>'));
    expectCaptureOfChangedPage(before, await ext.send({ type: 'capture/manual', tabId: tab!.id }));
    expect(await ext.send({ type: 'evidence/verify' })).toMatchObject({ ok: true, problems: [] });
    await page.close();
  });

  it('a capture in flight when the worker dies is finished by the next worker, once, showing its page', async () => {
    expect(await ext.send({ type: 'test/capture-delay', ms: HOLD_MS })).toEqual({ ok: true });
    const page = await ext.context.newPage();
    await page.goto(ORDER_URL(C));
    await page.bringToFront();
    await waitFor(async () => {
      const pending = (await ext.worker.evaluate(readMeta, 'pendingCaptures')) as
        { req: { url: string } }[] | undefined;
      return pending?.some((p) => p.req.url === ORDER_URL(C));
    }, 'the capture in flight');
    await new Promise((r) => setTimeout(r, 500)); // past the page check: the shot itself is being held
    expect(ok(await ext.send({ type: 'backup/export' })).evidence.filter((e) => e.orderId === C)).toEqual([]);

    await ext.worker.evaluate(() => void ((globalThis as Marked).__beforeKill = true));
    const killedAt = Date.now();
    await ext.killWorker();
    await new Promise((r) => setTimeout(r, 500));
    await ext.send({ type: 'state/summary' }); // wakes a fresh worker, which recovers what was in flight

    const backup = await waitFor(
      async () => {
        const b = ok(await ext.send({ type: 'backup/export' }));
        return b.evidence.some((e) => e.orderId === C) || b.captureFailures.some((f) => f.url === ORDER_URL(C))
          ? b
          : null;
      },
      'the capture finished or recorded failed',
      30_000,
    );
    // The new worker did it (the killed one would have shot only after its hold ran out), and it is a new worker.
    expect(Date.now() - killedAt).toBeLessThan(HOLD_MS);
    const worker: Worker = ext.context.serviceWorkers().at(-1)!;
    expect(await worker.evaluate(() => (globalThis as Marked).__beforeKill ?? 'restarted')).toBe('restarted');

    // The tab still shows the page: finished, not failed; one record, of that page.
    expect(backup.captureFailures.filter((f) => f.url === ORDER_URL(C))).toEqual([]);
    const shots = backup.evidence.filter((e) => e.orderId === C);
    expect(shots).toHaveLength(1);
    expect(shots[0]).toMatchObject({ kind: 'order-screenshot', url: ORDER_URL(C) });
    expect(near(await worker.evaluate(markerColour, shots[0]!.id), MARKERS[C]!)).toBe(true);
    expect(await worker.evaluate(readMeta, 'pendingCaptures')).toEqual([]);
    expect(await ext.send({ type: 'evidence/verify' })).toMatchObject({ ok: true, problems: [] });
  });
  it('a capture in flight when the worker dies, whose tab is closed before the restart, is recorded failed', async () => {
    expect(await ext.send({ type: 'test/capture-delay', ms: HOLD_MS })).toEqual({ ok: true });
    const page = await ext.context.newPage();
    await page.goto(ORDER_URL(D));
    await page.bringToFront();
    let worker: Worker = ext.context.serviceWorkers().at(-1)!;
    await waitFor(async () => {
      const pending = (await worker.evaluate(readMeta, 'pendingCaptures')) as { req: { url: string } }[] | undefined;
      return pending?.some((p) => p.req.url === ORDER_URL(D));
    }, 'the capture in flight');
    await new Promise((r) => setTimeout(r, 500));
    await ext.killWorker();
    await page.close(); // the shopper closes the tab while no worker runs
    await new Promise((r) => setTimeout(r, 500));
    await ext.send({ type: 'state/summary' });

    const failure = await waitFor(
      async () => ok(await ext.send({ type: 'backup/export' })).captureFailures.find((f) => f.url === ORDER_URL(D)),
      'the capture recorded failed',
      30_000,
    );
    expect(failure).toMatchObject({ kind: 'order-screenshot', reason: expect.stringMatching(/closed/) });
    const backup = ok(await ext.send({ type: 'backup/export' }));
    expect(backup.evidence.filter((e) => e.orderId === D)).toEqual([]);
    worker = ext.context.serviceWorkers().at(-1)!;
    expect(await worker.evaluate(readMeta, 'pendingCaptures')).toEqual([]);
    expect(await ext.send({ type: 'evidence/verify' })).toMatchObject({ ok: true, problems: [] });
  });
});
