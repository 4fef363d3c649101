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

  it('is off by default: an order is captured, nothing is sent, and the popup offers trusted time once', async () => {
    await ext.send({ type: 'state/summary' }); // opens the message bridge tab now, not over the shop page later
    await serve(ext.context, 'https://details.jd.com/**', fixture('e2e/jd-order.html'));
    const page = await ext.context.newPage();
    await page.goto('https://details.jd.com/normal/item.action?orderid=301234567890');
    await page.bringToFront();
    await waitFor(
      async () => ok(await ext.send({ type: 'backup/export' })).evidence.some((e) => e.kind === 'order-screenshot'),
      'the automatic order capture',
      30_000,
    );
    const popup = await ext.openPage('popup.html');
    const offer = popup.getByRole('region', { name: '可信时间戳' });
    await offer.waitFor();
    expect(await offer.textContent()).toContain('只发送一个 32 字节的哈希值');
    if (process.env.STAMP_SCREENSHOT_POPUP) {
      await popup.setViewportSize({ width: 380, height: 600 });
      await popup.screenshot({ path: process.env.STAMP_SCREENSHOT_POPUP });
    }
    await offer.getByRole('button', { name: '不用了' }).click();
    await offer.waitFor({ state: 'detached' });
    await popup.reload();
    await popup.getByRole('heading', { name: '需要处理的提醒' }).waitFor();
    expect(await popup.getByRole('region', { name: '可信时间戳' }).count()).toBe(0);
    await popup.close();
    expect(ok(await ext.send({ type: 'backup/export' })).evidence.filter((e) => e.kind === 'timestamp')).toEqual([]);
    expect(tsas.map((t) => t.requests())).toEqual([0, 0]);
  });

  it('turned on, stamps the chain head at two authorities; each token passes openssl ts -verify', async () => {
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

    // Turning it on stamps what is there now: the order captured above.
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

  it('shows in Settings what leaves, that it is on, and how far the chain is stamped', async () => {
    const options = await ext.openPage('options.html#opt-stamp-h');
    await options.setViewportSize({ width: 1280, height: 1100 });
    const section = options.locator('section[aria-labelledby="opt-stamp-h"]');
    await section.getByText(/覆盖证据链 #\d+ 号记录/).waitFor();
    expect(await section.getByLabel('开启可信时间戳').isChecked()).toBe(true);
    expect(await section.textContent()).toContain('只有一个 32 字节的哈希值');
    expect(await section.getByText(/最近一次时间戳：/).count()).toBe(2);
    if (process.env.STAMP_SCREENSHOT) await section.screenshot({ path: process.env.STAMP_SCREENSHOT });
    await options.close();
  });
});
