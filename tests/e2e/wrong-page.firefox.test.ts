/**
 * The right picture, always (Firefox): as wrong-page.chromium.test.ts. Two JD order pages that differ only by
 * query; the tab goes from the first to the second while the first one's automatic capture is in flight
 * (held between its page check and the shot by `test/capture-delay`). No record of the first order may hold
 * the second's picture: that capture is recorded failed, and the second order's screenshot shows itself.
 */
import { browserAvailable, FIREFOX, FIREFOX_EXT, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
import { markerColour, readMeta } from './harness/idb';
import { MARKERS, markedOrderPage, near, ORDER_URL } from './harness/marked-pages';
import { ok, shopEvidence } from './harness/send';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);
const A = '301234567801';
const B = '301234567802';

describe.runIf(run)('the right picture: pages that differ only by query (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
  });
  afterAll(async () => ext?.close());

  it('the tab goes to another order during the capture: no record of the first shows the second', async () => {
    expect(await ext.send({ type: 'test/capture-delay', ms: 3000 })).toEqual({ ok: true });
    const shop = await ext.newShopPage({
      [ORDER_URL(A)]: markedOrderPage(ORDER_URL(A)),
      [ORDER_URL(B)]: markedOrderPage(ORDER_URL(B)),
    });
    await shop.goto(ORDER_URL(A));
    await shop.bringToFront();
    // A's capture is in flight: its marker is written before the page check, then the shot waits 3 s.
    await waitFor(
      async () => {
        const pending = (await ext.bridge.evaluate(readMeta, 'pendingCaptures')) as
          { req: { url: string } }[] | undefined;
        return pending?.some((p) => p.req.url === ORDER_URL(A));
      },
      "order A's capture in flight",
      30_000,
    );
    await shop.goto(ORDER_URL(B)); // the same tab, the same path, another order
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
    const colours = await Promise.all(ofA.map((e) => ext.bridge.evaluate(markerColour, e.id)));
    expect(ofA.map((e, i) => ({ record: e.caption, shows: near(colours[i]!, MARKERS[B]!) ? B : A }))).toEqual([]);
    expect(backup.captureFailures.find((f) => f.url === ORDER_URL(A))).toMatchObject({
      kind: 'order-screenshot',
      reason: expect.stringMatching(/another page/),
    });
    // Every stored picture shows the order its record names.
    for (const shot of shopEvidence(backup)) {
      expect(shot).toMatchObject({ orderId: B, url: ORDER_URL(B), caption: expect.stringContaining(B) });
      const colour = await ext.bridge.evaluate(markerColour, shot.id);
      expect({ colour, ok: near(colour, MARKERS[B]!) }).toMatchObject({ ok: true });
    }
    expect(await ext.send({ type: 'evidence/verify' })).toMatchObject({ ok: true, problems: [] });
  });
});
