/**
 * Trusted time to the end (issue 16): a price drop captured, trusted time turned on (two local openssl TSAs with
 * their custom root), the chain head stamped, the complaint's bundle exported from the ticket page, and
 * `npm run verify` exits 0 naming the TSA's time.
 * Each exported token (over a chain head, and over the manifest) also passes `openssl ts -verify` against the test
 * root: the check a third party runs without our code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import type { Evidence } from '@/lib/core/model';
import { localPki, opensslVerify, startLocalTsa } from './harness/local-tsa';
import { browserAvailable, CHROME_EXT, CHROMIUM, fixture, ROOT, waitFor } from './harness/paths';
import { launchChromium, serve, type ChromiumExt } from './harness/chromium';
import { H, JD_ITEM_URL, JD_ORDER_URL, PAID } from './harness/scenario';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
type Tsa = Awaited<ReturnType<typeof startLocalTsa>>;

describe.runIf(run)('trusted time in an exported bundle (Chromium)', () => {
  let ext: ChromiumExt;
  const tsas: Tsa[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'sw-stamp-bundle-'));
  beforeAll(async () => {
    ext = await launchChromium();
    tsas.push(await startLocalTsa(), await startLocalTsa(0, { variant: 'v1' }));
  });
  afterAll(async () => {
    await Promise.all(tsas.map((t) => t.close()));
    await ext?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports a complaint whose records a TSA stamped, and npm run verify exits 0 naming its time', async () => {
    await ext.send({ type: 'state/summary' }); // the message bridge tab first, not over the shop pages later
    // The price drop: the order paid, and 30 h later the same kettle cheaper (tests/e2e/harness/scenario.ts).
    await ext.send({ type: 'test/clock', now: PAID + 30 * H });
    await serve(ext.context, 'https://details.jd.com/**', fixture('e2e/jd-order.html'));
    await serve(ext.context, 'https://item.jd.com/**', fixture('e2e/jd-item.html'));
    for (const [url, kind] of [
      [JD_ORDER_URL, 'order-screenshot'],
      [JD_ITEM_URL, 'price-screenshot'],
    ] as const) {
      const page = await ext.context.newPage();
      await page.goto(url);
      await page.bringToFront();
      await waitFor(
        async () => ok(await ext.send({ type: 'backup/export' })).evidence.some((e) => e.kind === kind),
        `capture of ${url}`,
        30_000,
      );
    }
    const [a, b] = tsas as [Tsa, Tsa];
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
    const stamps = await waitFor(
      async () => {
        const r = ok(await ext.send({ type: 'backup/export' }));
        const s = r.evidence.filter((e) => e.kind === 'timestamp');
        return s.length >= 2 ? s : null;
      },
      'two timestamp records',
      45_000,
    );
    const alerts = ok(await ext.send({ type: 'alerts/evaluate' })).alerts;
    const drop = alerts.find((x) => x.kind === 'price-drop')!;
    expect(drop).toBeTruthy();

    const ticket = await ext.openPage(`ticket.html?alert=${encodeURIComponent(drop.id)}`);
    await ticket.locator('textarea.ticket__text').first().waitFor();
    const download = ticket.waitForEvent('download');
    await ticket.getByRole('button', { name: '导出证据包' }).click();
    const anyway = ticket.getByRole('button', { name: '仍然导出' });
    if (await anyway.isVisible().catch(() => false)) await anyway.click();
    const zip = join(dir, 'bundle.zip');
    await (await download).saveAs(zip);

    const verify = spawnSync('npx', ['tsx', 'scripts/verify.ts', zip], { cwd: ROOT, encoding: 'utf8' });
    expect(verify.status, `${verify.stdout}\n${verify.stderr}`).toBe(0);
    // "existed no later than <genTime> per <TSA>": the TSA's day, in UTC or in Shanghai.
    const at = stamps[0]!.timestamp!.genTime;
    const days = [at, at + 8 * H].map((t) => new Date(t).toISOString().slice(0, 10));
    expect(
      days.some((d) => verify.stdout.includes(d)),
      verify.stdout,
    ).toBe(true);
    expect(verify.stdout).toMatch(/Local TSA [AB]|ShopWitness Test TSA/);
    expect(verify.stdout).toMatch(/trusted time: the whole bundle \(manifest.json\)/);

    // openssl agrees, on the files in the zip: each chain token over the head it names, each manifest token
    // over manifest.json's SHA-256.
    const files = unzipSync(new Uint8Array(readFileSync(zip)));
    const chain = JSON.parse(strFromU8(files['chain.json']!)) as { records: Evidence[]; files: Record<string, string> };
    const { rootFile } = await localPki();
    const chainTokens = chain.records.filter((r) => r.kind === 'timestamp');
    expect(chainTokens.length).toBeGreaterThanOrEqual(2);
    for (const r of chainTokens) {
      const check = await opensslVerify(files[chain.files[r.id]!]!, {
        digestHex: r.timestamp!.digest,
        caFile: rootFile,
        token: true,
      });
      expect(check.ok, check.output).toBe(true);
    }
    const manifestDigest = createHash('sha256').update(files['manifest.json']!).digest('hex');
    const manifestTokens = Object.keys(files).filter((p) => p.endsWith('.tst') && p.startsWith('timestamps/manifest-'));
    expect(manifestTokens.length).toBeGreaterThanOrEqual(1);
    for (const p of manifestTokens) {
      const check = await opensslVerify(files[p]!, { digestHex: manifestDigest, caFile: rootFile, token: true });
      expect(check.ok, check.output).toBe(true);
    }
    // The report prints the command a third party runs for each chain token.
    expect(strFromU8(files['report.html']!)).toContain('openssl ts -verify');
  });
});
