/**
 * Hostile shop pages nobody wrote by hand, in real Chromium: pages generated from
 * seeds (tests/e2e/harness/hostile-pages.ts) for every platform, one with 50,000 price-like decoys and
 * one ~20 MB DOM. The stored snapshot has the true price and the title as text, within a generous time
 * bound; nothing is polluted in the page, the popup or the worker; the page's own script, timer and
 * click handler keep working; no page markup comes alive in the popup.
 * Seeds: HOSTILE_SEED=1,2,3 replays; by default a fixed list plus one derived from today's date.
 */
import type { Page } from 'playwright-core';
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
import {
  HOSTILE_PLATFORMS,
  hostilePage,
  hostileSeeds,
  type HostilePage,
  type HostileOptions,
} from './harness/hostile-pages';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
/** "Bounded in time": generous, for a shared 2-core machine; precise speed is `npm run bench`'s job. */
const STORED_WITHIN_MS = 20_000;

const seeds = hostileSeeds();
console.log(`hostile.chromium seeds: ${seeds.join(',')} (replay with HOSTILE_SEED=${seeds.join(',')})`);

/** Generic schema.org pages are served on a shop-family host that no platform adapter claims. */
const OPTS: HostileOptions = { genericHost: 'pro.jd.com' };
const pages: HostilePage[] = [
  ...seeds.map((seed, i) => hostilePage(seed, HOSTILE_PLATFORMS[(seed + i) % HOSTILE_PLATFORMS.length] ?? 'jd', OPTS)),
  hostilePage(seeds[0] ?? 1, 'jd', { ...OPTS, decoys: 50_000 }),
  hostilePage(seeds[1] ?? 2, HOSTILE_PLATFORMS[(seeds[1] ?? 2) % HOSTILE_PLATFORMS.length] ?? 'taobao', {
    ...OPTS,
    decoys: 2_000,
    big: true,
  }),
];

type Win = Record<string, unknown>;

async function pageState(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as Win;
    return {
      ok: w.__pageOk,
      protoClean: w.__protoClean,
      pwned: w.__pwned,
      polluted: ({} as Win).polluted,
      ticks: Number(w.__ticks),
      clicks: Number(w.__clicks),
    };
  });
}

describe.runIf(run)('hostile generated pages (Chromium)', () => {
  let ext: ChromiumExt;
  beforeAll(async () => {
    ext = await launchChromium();
  });
  afterAll(async () => ext?.close());

  it.each(pages.map((p) => [`${p.label.slice(0, 160)} (${(p.html.length / 1e6).toFixed(1)} MB)`, p] as const))(
    '%s',
    async (_name, hp) => {
      const page = await ext.context.newPage();
      await page.route(
        (u) => u.href === hp.url,
        (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: hp.html }),
      );
      const started = Date.now();
      await page.goto(hp.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      const snap = await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' }))
            .snapshots.filter((s) => s.kind === 'product')
            .find((s) => s.productId === hp.productId && s.platform === hp.platform),
        `the snapshot of ${hp.label}`,
        STORED_WITHIN_MS + 10_000,
      );
      const took = Date.now() - started;
      console.log(`${hp.platform} seed=${hp.seed}: stored after ${took} ms`);
      expect(took, `${hp.label}: stored after ${took} ms`).toBeLessThan(STORED_WITHIN_MS);
      expect(snap.price, hp.label).toEqual({ amount: hp.price, currency: 'CNY' });
      expect(snap.title, hp.label).toBe(hp.title);

      // The page's own code: its inline script ran, its timer keeps ticking, its click handler fires.
      const before = await pageState(page);
      expect(before, hp.label).toMatchObject({ ok: true, protoClean: true, pwned: undefined, polluted: undefined });
      await page.click('#hostile-buy');
      await expect
        .poll(async () => (await pageState(page)).ticks, { message: `${hp.label}: page timer`, timeout: 10_000 })
        .toBeGreaterThan(before.ticks);
      expect((await pageState(page)).clicks, `${hp.label}: page click handler`).toBe(before.clicks + 1);
      expect(
        await page.locator('img[src="x"], svg[onload], iframe[srcdoc]').count(),
        `${hp.label}: page markup stays text`,
      ).toBe(0);
      await page.close();
    },
  );

  it('shows every hostile title as text in the popup, and nothing is polluted there or in the worker', async () => {
    const popup = await ext.openPage('popup.html');
    for (const hp of pages.slice(0, 4)) {
      const title = popup.locator(`li.product[data-product-id="${hp.productId}"] .product__title`);
      await expect.poll(() => title.textContent(), { message: hp.label }).toBe(hp.title);
    }
    expect(await popup.locator('img[src="x"], svg[onload], iframe[srcdoc], a[href^="javascript:"]').count()).toBe(0);
    expect(
      await popup.evaluate(() => ({ pwned: (window as unknown as Win).__pwned, polluted: ({} as Win).polluted })),
    ).toEqual({ pwned: undefined, polluted: undefined });
    expect(
      await ext.worker.evaluate(() => ({
        polluted: ({} as Win).polluted,
        proto: Object.getPrototypeOf({}) === Object.prototype,
      })),
    ).toEqual({ polluted: undefined, proto: true });
  });
});
