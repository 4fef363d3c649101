/**
 * Trusted time in Firefox ESR (issue 16), as in timestamp.chromium.test.ts: two local openssl TSAs over plain http on
 * a non-loopback address (where Firefox's default MV3 `upgrade-insecure-requests` would turn the request into https,
 * which an http-only TSA such as DigiCert or Sectigo does not answer: SECURITY.md), an order page captured, a
 * `timestamp` record per authority with the TSA's time, each token accepted by `openssl ts -verify`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStoredBytes } from './harness/idb';
import { lanAddress, localPki, opensslVerify, startLocalTsa } from './harness/local-tsa';
import { browserAvailable, FIREFOX, FIREFOX_EXT, fixture, ROOT, waitFor } from './harness/paths';
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

    // Export the complaint from the ticket page and check it as a third party would: npm run verify exits 0
    // (every cited record under a checked trusted time) and names the TSA's time.
    ok(await ext.send({ type: 'test/clock', now: backup.snapshots[0]!.capturedAt + 72 * 3_600_000 }));
    const alerts = ok(await ext.send({ type: 'alerts/evaluate' })).alerts;
    const alert = alerts.find((x) => x.orderId === '301234567890')!;
    expect(alert).toBeTruthy();
    const ticket = await ext.openPage(`ticket.html?alert=${encodeURIComponent(alert.id)}`);
    await waitFor(
      () => ticket.evaluate(() => document.querySelectorAll('.check').length > 0),
      'the ticket checklist',
      30_000,
    );
    // The download itself is the browser's; the bytes are the Blob the page hands it.
    await ticket.evaluate(() => {
      const w = window as unknown as { __zip?: Blob };
      const make = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (b: Blob | MediaSource) => ((w.__zip = b as Blob), make(b));
    });
    // Firefox here runs in English or Chinese, whichever the profile's language says.
    const exportButton = await ticket
      .waitForSelector('::-p-text(导出证据包)', { timeout: 5_000 })
      .catch(() => ticket.waitForSelector('::-p-text(Export evidence bundle)'));
    await exportButton!.click();
    const anyway = await ticket
      .waitForSelector('::-p-text(仍然导出)', { timeout: 3_000 })
      .catch(() => ticket.waitForSelector('::-p-text(Export anyway)', { timeout: 1_000 }))
      .catch(() => null);
    if (anyway) await anyway.click();
    const bytes = await waitFor(
      () =>
        ticket.evaluate(async () => {
          const w = window as unknown as { __zip?: Blob };
          return w.__zip ? Array.from(new Uint8Array(await w.__zip.arrayBuffer())) : null;
        }),
      'the exported bundle',
      60_000,
    );
    const dir = mkdtempSync(join(tmpdir(), 'sw-ff-bundle-'));
    const zip = join(dir, 'bundle.zip');
    writeFileSync(zip, Uint8Array.from(bytes));
    const verify = spawnSync('npx', ['tsx', 'scripts/verify.ts', zip], { cwd: ROOT, encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(verify.status, `${verify.stdout}\n${verify.stderr}`).toBe(0);
    expect(verify.stdout).toMatch(/existed no later than \d{4}-\d\d-\d\dT.* per Local TSA [AB]/);
    // Per complaint record, as a third party reads it.
    expect(verify.stdout).toMatch(
      /record #\d+ order-screenshot [0-9a-f]{64}: existed no later than .* per Local TSA [AB]/,
    );
    expect(verify.stdout).toMatch(/trusted time: the whole bundle \(manifest.json\)/);
  });
});
