/**
 * The notification after a 价保 success (lib/background/claims.ts afterClaim): "recovered ¥X" only for a refund the
 * order we hold can have paid; a page saying more than was paid, another currency, or naming an order we do not hold
 * is told as what the page said, not as money recovered. Observed on the phone surface, where the notification waits
 * as a banner text in meta.
 */
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterClaim } from '@/lib/background/claims';
import { setPhoneSurface } from '@/lib/background/platform-apis';
import type { ClaimSnapshot, OrderSnapshot } from '@/lib/core/model';
import { addSnapshot, db, getMeta } from '@/lib/store/db';
import { META } from '@/lib/store/meta';

const T0 = Date.UTC(2026, 10, 1, 2);
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const ORDER: OrderSnapshot = {
  kind: 'order',
  platform: 'jd',
  url: 'https://details.jd.com/normal/item.action?orderid=301234567890',
  orderId: '301234567890',
  paid: cny(12900),
  items: [{ productId: '100012043978', title: '电热水壶', quantity: 1, unitPrice: cny(12900) }],
  capturedAt: T0,
};
const claim = (fields: Partial<ClaimSnapshot>): ClaimSnapshot => ({
  kind: 'claim',
  platform: 'jd',
  url: 'https://pcsitepp-fm.jd.com/',
  orderId: '301234567890',
  status: 'success',
  refund: cny(3910),
  text: '价保成功',
  capturedAt: T0 + 86_400_000,
  ...fields,
});

beforeEach(async () => {
  fakeBrowser.reset();
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
  setPhoneSurface(true);
  const d = await db();
  await Promise.all([d.clear('meta'), d.clear('snapshots')]);
  await addSnapshot(d, ORDER);
});
afterEach(() => {
  setPhoneSurface(false);
  vi.restoreAllMocks();
});

async function told(c: ClaimSnapshot): Promise<string> {
  const d = await db();
  await afterClaim(d, c);
  return (await getMeta(d, META.pendingBanners))?.[0]?.title ?? '';
}

it('a refund the order can have paid is money recovered', async () => {
  expect(await told(claim({}))).toBe('价保成功：已追回 ¥39.10');
});

it('more than was paid, another currency, or an order we do not hold: what the page said, not counted', async () => {
  const pages = [
    claim({ refund: cny(99900) }),
    claim({ refund: { amount: 3910, currency: 'USD' } }),
    claim({ orderId: '309999999999' }),
    claim({ orderId: undefined, productId: '100012043978' }),
  ];
  for (const [i, c] of pages.entries()) {
    const title = await told({ ...c, capturedAt: c.capturedAt + i });
    expect(title, JSON.stringify(c)).toContain('价保页面显示成功');
    expect(title).toContain('未计入已追回');
    expect(title).not.toContain('已追回 ¥');
  }
});
