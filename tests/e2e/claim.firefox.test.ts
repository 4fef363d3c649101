/**
 * claim.chromium.test.ts in Firefox ESR: the same constructed JD 价保 page on its real URL; the main-world script
 * (world: 'MAIN') hands the apply response over, the line is marked, the answer stored and screenshotted, the
 * recovered alert closed, the throttle turned into a reminder alarm, and the popup shows 已追回.
 */
import { browserAvailable, FIREFOX, FIREFOX_EXT, waitFor } from './harness/paths';
import { launchFirefox, type FirefoxExt } from './harness/firefox';
import { answerFor, applyUrl, CLAIM_URL, claimPage, LINES, openDrops, seedOrders } from './harness/claim-page';
import { ok } from './harness/send';

const run = browserAvailable(FIREFOX, FIREFOX_EXT);
type AlarmsGlobal = {
  browser: { alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> } };
};

describe.runIf(run)('JD 价保 page: stand beside it, read its answer (Firefox)', () => {
  let ext: FirefoxExt;
  beforeAll(async () => {
    ext = await launchFirefox();
    await seedOrders(ext.send);
  });
  afterAll(async () => ext?.close());

  it('marks the lines, records the answers, closes the recovered alert, reminds on a throttle, shows 已追回', async () => {
    const json = (body: string) => ({ body, contentType: 'application/json' });
    // Specific prefixes first: the page's own URL is a prefix of its apply calls.
    const page = await ext.newShopPage({
      [applyUrl(LINES.success)]: json(answerFor(LINES.success)),
      [applyUrl(LINES.refused)]: json(answerFor(LINES.refused)),
      [applyUrl(LINES.throttled)]: json(answerFor(LINES.throttled)),
      [CLAIM_URL]: claimPage(),
    });
    try {
      await page.goto(CLAIM_URL, { waitUntil: 'domcontentloaded' });
      const markText = await waitFor(
        () =>
          page.evaluate(
            (id) => document.querySelector(`.shopwitness-claim-mark[data-order="${id}"]`)?.textContent ?? null,
            LINES.success.orderId,
          ),
        'the mark',
        20_000,
      );
      expect(markText).toMatch(/^(本插件记录到 ¥88\.00 于|ShopWitness recorded ¥88\.00 at) \d{4}/);

      await page.click(`#applyBT_${LINES.success.orderId}_${LINES.success.skuId}_1`);
      const claim = await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' })).snapshots.find(
            (s) => s.kind === 'claim' && s.orderId === LINES.success.orderId && s.status === 'success',
          ),
        'the success claim',
        20_000,
      );
      expect(claim).toMatchObject({ refund: { amount: 1200, currency: 'CNY' }, productId: LINES.success.skuId });
      await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' })).evidence.find(
            (e) => e.kind === 'claim-screenshot' && e.orderId === LINES.success.orderId,
          ),
        'the answer’s screenshot',
        20_000,
      );
      await waitFor(
        async () => !(await openDrops(ext.send)).includes(LINES.success.orderId),
        'the recovered alert closed',
      );

      await page.click(`#applyBT_${LINES.throttled.orderId}_${LINES.throttled.skuId}_1`);
      const alarm = await waitFor(
        () =>
          ext.bridge.evaluate(() =>
            (globalThis as unknown as AlarmsGlobal).browser.alarms.get('claim-remind').then((a) => a ?? null),
          ),
        'the reminder alarm',
        20_000,
      );
      expect(alarm.scheduledTime).toBeGreaterThan(Date.now() + 8 * 60_000);
      expect(await openDrops(ext.send)).toContain(LINES.throttled.orderId);

      // A query of its own: the bridge page is popup.html?e2e=1, and openPage finds a page by its URL's start.
      const popup = await ext.openPage('popup.html?ledger=1');
      await waitFor(
        () => popup.evaluate(() => document.body.textContent?.includes('已追回 ¥12.00（本月 ¥12.00）') || null),
        'the popup’s 已追回',
        15_000,
      );
      await popup.close();
    } finally {
      await page.close();
    }
  });
});
