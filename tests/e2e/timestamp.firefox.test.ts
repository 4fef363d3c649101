/**
 * Trusted time in Firefox ESR (issue 16), as in timestamp.chromium.test.ts: two local openssl TSAs over plain http on
 * a non-loopback address (where Firefox's default MV3 `upgrade-insecure-requests` would turn the request into https,
 * which an http-only TSA such as DigiCert or Sectigo does not answer: SECURITY.md), an order page captured, a
 * `timestamp` record per authority with the TSA's time, each token accepted by `openssl ts -verify`.
 */
import { readStoredBytes } from './harness/idb';
import { lanAddress, localPki, opensslVerify, startLocalTsa } from './harness/local-tsa';
import { browserAvailable, FIREFOX, FIREFOX_EXT, fixture, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
import { ok } from './harness/send';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);
type Tsa = Awaited<ReturnType<typeof startLocalTsa>>;

describe.runIf(run)('trusted time (Firefox)', () => {
  let ext: FirefoxExt;
  const tsas: Tsa[] = [];
  beforeAll(async () => {
    ext = await launchFirefox();
    const host = lanAddress();
    tsas.push(await startLocalTsa(0, { host }), await startLocalTsa(0, { host, variant: 'v1' }));
  });
  afterAll(async () => {
    await Promise.all(tsas.map((t) => t.close()));
    await ext?.close();
  });

  it('stamps a captured order at two http authorities; each token passes openssl ts -verify', async () => {
    const [a, b] = tsas as [Tsa, Tsa];
    expect(new URL(a.url).protocol).toBe('http:');
    ok(
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

    const shop = await ext.newShopPage({ 'https://details.jd.com/': fixture('e2e/jd-order.html') });
    await shop.goto('https://details.jd.com/normal/item.action?orderid=301234567890');
    await shop.bringToFront();

    const backup = await waitFor(
      async () => {
        const r = ok(await ext.send({ type: 'backup/export' }));
        return r.evidence.filter((e) => e.kind === 'timestamp').length >= 2 ? r : null;
      },
      'two timestamp records',
      45_000,
    ).catch(async (e: Error) => {
      // Say why: the worker keeps each authority's last error.
      const state = await ext.bridge.evaluate(
        () =>
          new Promise((resolve) => {
            const req = indexedDB.open('shopwitness');
            req.onsuccess = () => {
              const get = req.result.transaction('meta').objectStore('meta').get('stamping');
              get.onsuccess = () => resolve(get.result);
            };
          }),
      );
      throw new Error(`${e.message}; stamping state: ${JSON.stringify(state)}`);
    });
    const stamps = backup.evidence.filter((e) => e.kind === 'timestamp');
    expect(stamps.map((s) => s.timestamp!.authority).sort()).toEqual(['Local TSA A', 'Local TSA B']);
    const { rootFile } = await localPki();
    for (const s of stamps) {
      const head = backup.evidence.find((e) => e.seq === s.timestamp!.covers.seq)!;
      expect(head.recordHash).toBe(s.timestamp!.covers.recordHash);
      expect(s.timestamp!.genTime).toBeGreaterThan(0);
      const bytes = (await ext.bridge.evaluate(readStoredBytes, s.id)) as number[] | null;
      const check = await opensslVerify(Uint8Array.from(bytes!), {
        digestHex: s.timestamp!.covers.recordHash,
        caFile: rootFile,
        token: true,
      });
      expect(check.ok, check.output).toBe(true);
    }
    expect(ok(await ext.send({ type: 'evidence/verify' }))).toMatchObject({ ok: true, problems: [] });
  });
});
