/**
 * The right picture, always (Chromium): two JD order pages that differ only by query (`?orderid=…01` red,
 * `?orderid=…02` blue). The tab goes from the first to the second while the first page's automatic
 * capture is in flight (held between its page check and the shot by the test build's `test/capture-delay`).
 * No record of order …01 may hold the picture of order …02: that capture is recorded failed, and order …02
 * gets its own screenshot, showing itself.
 */
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { markerColour, readMeta } from './harness/idb';
import { MARKERS, markedOrderPage, near, ORDER_URL } from './harness/marked-pages';
import { ok, shopEvidence } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
const A = '301234567801';
const B = '301234567802';

describe.runIf(run)('the right picture: pages that differ only by query (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
    await ext.send({ type: 'state/summary' }); // the message bridge tab first, not over the shop page later
    await serve(ext.context, 'https://details.jd.com/**', markedOrderPage);
  });
  afterAll(async () => ext?.close());

  it('the tab goes to another order during the capture: no record of the first shows the second', async () => {
    expect(await ext.send({ type: 'test/capture-delay', ms: 3000 })).toEqual({ ok: true });
    const page = await ext.context.newPage();
    await page.goto(ORDER_URL(A));
    await page.bringToFront();
    // A's capture is in flight: its marker is written before the page check, then the shot waits 3 s.
    await waitFor(async () => {
      const pending = (await ext.worker.evaluate(readMeta, 'pendingCaptures')) as
        { req: { url: string } }[] | undefined;
      return pending?.some((p) => p.req.url === ORDER_URL(A));
    }, "order A's capture in flight");
    await page.goto(ORDER_URL(B)); // the same tab, the same path, another order
    const backup = await waitFor(
      async () => {
        const b = ok(await ext.send({ type: 'backup/export' }));
        const settledA =
          b.captureFailures.some((f) => f.url === ORDER_URL(A)) || b.evidence.some((e) => e.orderId === A);
        return settledA && b.evidence.some((e) => e.orderId === B) ? b : null;
      },
      "order B's screenshot and the end of order A's capture",
      30_000,
    );
    await ext.send({ type: 'test/capture-delay', ms: 0 });

    const ofA = backup.evidence.filter((e) => e.orderId === A || e.url === ORDER_URL(A));
    const colours = await Promise.all(ofA.map((e) => ext.worker.evaluate(markerColour, e.id)));
    expect(ofA.map((e, i) => ({ record: e.caption, shows: near(colours[i]!, MARKERS[B]!) ? B : A }))).toEqual([]);
    expect(backup.captureFailures.find((f) => f.url === ORDER_URL(A))).toMatchObject({
      kind: 'order-screenshot',
      reason: expect.stringMatching(/another page/),
    });
    // Every stored picture shows the order its record names.
    for (const shot of shopEvidence(backup)) {
      expect(shot).toMatchObject({ orderId: B, url: ORDER_URL(B), caption: expect.stringContaining(B) });
      const colour = await ext.worker.evaluate(markerColour, shot.id);
      expect({ colour, ok: near(colour, MARKERS[B]!) }).toMatchObject({ ok: true });
    }
    expect(await ext.send({ type: 'evidence/verify' })).toMatchObject({ ok: true, problems: [] });
  });
});
