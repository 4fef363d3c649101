/**
 * Trusted time in real Chromium (issue 16): trusted time turned on with two authorities (local openssl TSAs over
 * plain http on a non-loopback address, custom roots), an order page captured, and a `timestamp` record per
 * authority arrives over the chain head, with the TSA's time; each stored token passes `openssl ts -verify` against
 * the test root. The capture itself is never held up by a TSA that does not answer.
 */
import { readStoredBytes } from './harness/idb';
import { lanAddress, localPki, opensslVerify, startLocalTsa } from './harness/local-tsa';
import { browserAvailable, CHROME_EXT, CHROMIUM, fixture, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
type Tsa = Awaited<ReturnType<typeof startLocalTsa>>;

describe.runIf(run)('trusted time (Chromium)', () => {
  let ext: ChromiumExt;
  const tsas: Tsa[] = [];
  beforeAll(async () => {
    ext = await launchChromium();
    const host = lanAddress();
    tsas.push(await startLocalTsa(0, { host }), await startLocalTsa(0, { host, variant: 'v1' }));
  });
  afterAll(async () => {
    await Promise.all(tsas.map((t) => t.close()));
    await ext?.close();
  });

  it('stamps a captured order at two authorities; each token passes openssl ts -verify', async () => {
    const [a, b] = tsas as [Tsa, Tsa];
    const saved = ok(
      await ext.send({
        type: 'settings/save',
        settings: {
          timestamping: {
            enabled: true,
            authorities: [
              { name: 'Local TSA A', url: a.url, rootPem: a.rootPem },
              { name: 'Local TSA B', url: b.url, rootPem: b.rootPem },
            ],
          },
        },
      }),
    );
    expect(saved.settings.timestamping).toMatchObject({ enabled: true, intervalMinutes: 10 });

    await serve(ext.context, 'https://details.jd.com/**', fixture('e2e/jd-order.html'));
    const page = await ext.context.newPage();
    await page.goto('https://details.jd.com/normal/item.action?orderid=301234567890');
    await page.bringToFront();

    const backup = await waitFor(
      async () => {
        const r = ok(await ext.send({ type: 'backup/export' }));
        return r.evidence.filter((e) => e.kind === 'timestamp').length >= 2 ? r : null;
      },
      'two timestamp records',
      45_000,
    );
    const order = backup.evidence.find((e) => e.kind === 'order-screenshot')!;
    expect(order).toMatchObject({ orderId: '301234567890' });
    const stamps = backup.evidence.filter((e) => e.kind === 'timestamp');
    expect(stamps.map((s) => s.timestamp!.authority).sort()).toEqual(['Local TSA A', 'Local TSA B']);
    const { rootFile } = await localPki();
    for (const s of stamps) {
      const head = backup.evidence.find((e) => e.seq === s.timestamp!.covers.seq)!;
      expect(head.recordHash).toBe(s.timestamp!.covers.recordHash);
      expect(head.seq).toBeGreaterThanOrEqual(order.seq);
      expect(s).toMatchObject({ mime: 'application/timestamp-token', timestamp: { digest: head.recordHash } });
      expect(Math.abs(s.timestamp!.genTime - s.timestamp!.requestedAt)).toBeLessThan(60_000);
      const bytes = await ext.worker.evaluate(readStoredBytes, s.id);
      const check = await opensslVerify(Uint8Array.from(bytes!), {
        digestHex: s.timestamp!.covers.recordHash,
        caFile: rootFile,
        token: true,
      });
      expect(check.ok, check.output).toBe(true);
    }
    expect(a.requests()).toBe(1);
    expect(b.requests()).toBe(1);
    expect(ok(await ext.send({ type: 'evidence/verify' }))).toMatchObject({ ok: true, problems: [] });
  });
});
