/**
 * The price-drop walk-through several tests and scripts start from: a JD order paid on 2026-11-01
 * 10:02:13 (Shanghai, as the fixture page says), then the same kettle at a lower price.
 */
import { serve, type ChromiumExt } from './chromium';
import { fixture, waitFor } from './paths';

export const H = 3_600_000;
export const PAID = Date.UTC(2026, 10, 1, 2, 2, 13);
export const JD_ORDER_URL = 'https://details.jd.com/normal/item.action?orderid=301234567890';
export const JD_ITEM_URL = 'https://item.jd.com/100012043978.html';

/**
 * Sets the clock, opens the order page then the cheaper product page, each waited for until captured.
 * `orderHtml`: another order page than the fixture (the screenshots state a recent payment time on it).
 */
export async function seedPriceDrop(
  ext: ChromiumExt,
  hoursAfterPayment = 30,
  orderHtml = fixture('e2e/jd-order.html'),
  paid = PAID,
): Promise<void> {
  await ext.send({ type: 'test/clock', now: paid + hoursAfterPayment * H });
  await serve(ext.context, 'https://details.jd.com/**', orderHtml);
  await serve(ext.context, 'https://item.jd.com/**', fixture('e2e/jd-item.html'));
  for (const [url, captures] of [
    [JD_ORDER_URL, 1],
    [JD_ITEM_URL, 2],
  ] as const) {
    const page = await ext.context.newPage();
    await page.goto(url);
    await page.bringToFront();
    await waitFor(async () => (await ext.count('evidence')) >= captures, `capture of ${url}`);
  }
}
