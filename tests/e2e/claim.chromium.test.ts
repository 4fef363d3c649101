/**
 * Issue #19 in real Chromium: JD's PC 价保 page (constructed, on its real URL) with three orders we hold a lower price
 * for. The lines are marked; the test clicks 申请价保 as the shopper would; the page's own answer is read into a
 * `claim` (line text and response), screenshotted into the chain, the success closes its alert as recovered and
 * shows in the popup's 已追回; the refusal keeps its alert open; the throttle schedules a reminder and nothing retries.
 */
import { browserAvailable, CHROME_EXT, CHROMIUM, waitFor } from './harness/paths';
import { launchChromium, type ChromiumExt } from './harness/chromium';
import { answerFor, APPLY, CLAIM_URL, claimPage, LINES, openDrops, seedOrders } from './harness/claim-page';
import { ok } from './harness/send';

const run = browserAvailable(CHROMIUM, CHROME_EXT);
type AlarmsGlobal = {
  chrome: { alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> } };
};

describe.runIf(run)('JD 价保 page: stand beside it, read its answer (Chromium)', () => {
  let ext: ChromiumExt;
  const applied: string[] = [];
  beforeAll(async () => {
    ext = await launchChromium();
    await ext.context.route(
      (url) => url.protocol === 'http:' || url.protocol === 'https:',
      (route) => {
        const url = route.request().url();
        if (url === CLAIM_URL)
          return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: claimPage() });
        if (url.startsWith(APPLY)) {
          applied.push(url);
          const line = Object.values(LINES).find((l) => url.includes(`orderId=${l.orderId}`));
          if (line) return route.fulfill({ status: 200, contentType: 'application/json', body: answerFor(line) });
        }
        return route.abort();
      },
    );
    await seedOrders(ext.send);
  });
  afterAll(async () => ext?.close());

  it('marks the lines, records the answers, closes the recovered alert, reminds on a throttle, shows 已追回', async () => {
    expect((await openDrops(ext.send)).sort()).toEqual(Object.values(LINES).map((l) => l.orderId));
    const page = await ext.context.newPage();
    try {
      await page.goto(CLAIM_URL, { waitUntil: 'domcontentloaded' });
      await page.bringToFront();
      // In the browser's language (the content script has no settings).
      const mark = page.locator(`.shopwitness-claim-mark[data-order="${LINES.success.orderId}"]`);
      await mark.waitFor({ timeout: 20_000 });
      expect(await mark.textContent()).toMatch(/^(本插件记录到 ¥88\.00 于|ShopWitness recorded ¥88\.00 at) \d{4}/);
      expect(await page.locator('.shopwitness-claim-mark').count()).toBe(3);

      // The shopper clicks; we never do.
      expect(applied).toEqual([]);
      await page.click(`#applyBT_${LINES.success.orderId}_${LINES.success.skuId}_1`);
      const claim = await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' })).snapshots.find(
            (s) => s.kind === 'claim' && s.orderId === LINES.success.orderId && s.status === 'success',
          ),
        'the success claim',
        20_000,
      );
      expect(claim).toMatchObject({
        platform: 'jd',
        url: CLAIM_URL,
        productId: LINES.success.skuId,
        refund: { amount: 1200, currency: 'CNY' },
        text: '价保成功，退款¥12.00将退回原支付账户',
      });
      const shot = await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' })).evidence.find(
            (e) => e.kind === 'claim-screenshot' && e.orderId === LINES.success.orderId,
          ),
        'the answer’s screenshot',
        20_000,
      );
      expect(shot.prevHash).toMatch(/^[0-9a-f]{64}$/);
      expect(ok(await ext.send({ type: 'evidence/verify' })).ok).toBe(true);
      await waitFor(
        async () => !(await openDrops(ext.send)).includes(LINES.success.orderId),
        'the recovered alert closed',
      );

      await page.click(`#applyBT_${LINES.refused.orderId}_${LINES.refused.skuId}_1`);
      await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' })).snapshots.find(
            (s) => s.kind === 'claim' && s.orderId === LINES.refused.orderId && s.status === 'failed',
          ),
        'the refusal',
        20_000,
      );
      const refused = await waitFor(
        async () =>
          ok(await ext.send({ type: 'alerts/evaluate' })).alerts.find(
            (a) => a.kind === 'price-drop' && a.orderId === LINES.refused.orderId && a.claimRefused,
          ),
        'the refused alert, still open, saying why',
      );
      expect(refused.claimRefused).toBe('商品参加了满减活动，价保失败');

      const before = Date.now();
      await page.click(`#applyBT_${LINES.throttled.orderId}_${LINES.throttled.skuId}_1`);
      await waitFor(
        async () =>
          ok(await ext.send({ type: 'backup/export' })).snapshots.find(
            (s) => s.kind === 'claim' && s.orderId === LINES.throttled.orderId && s.status === 'pending',
          ),
        'the throttle',
        20_000,
      );
      const alarm = await waitFor(
        () =>
          ext.worker.evaluate(() =>
            (globalThis as unknown as AlarmsGlobal).chrome.alarms.get('claim-remind').then((a) => a ?? null),
          ),
        'the reminder alarm',
      );
      expect(alarm.scheduledTime).toBeGreaterThanOrEqual(before + 9 * 60_000);
      expect(alarm.scheduledTime).toBeLessThanOrEqual(Date.now() + 11 * 60_000);
      await page.waitForTimeout(1500);
      expect(applied.filter((u) => u.includes(LINES.throttled.orderId))).toHaveLength(1);
      expect(applied).toHaveLength(3);

      const popup = await ext.openPage('popup.html');
      await popup.getByText('已追回 ¥12.00（本月 ¥12.00）').waitFor({ timeout: 15_000 });
      expect(await popup.locator('.recovered__by').textContent()).toContain('京东 ¥12.00 | 价保 ¥12.00');
      await popup.close();
    } finally {
      await page.close();
    }
  });
});
