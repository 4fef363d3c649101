/** A phone's screen for the e2e tests: 360×780, what a thumb needs of a page there, and the shop pages a phone opens. */
import type { BackupExport } from '@/lib/core/messages';
import { formatMoney } from '@/lib/core/format';
import type { Money } from '@/lib/core/model';
import type { SnapshotRecord } from '@/lib/core/stored';
import { fixture, waitFor } from './paths';
import { ok, type Send } from './send';
import { siteCases, snapshotFor, type SiteCase } from './site-fixtures';

/** A phone's screen: 360×780 CSS pixels. */
export const PHONE = { width: 360, height: 780 };

/**
 * Firefox preferences that make a desktop Firefox answer like Firefox for Android's touch screen: `(pointer: coarse)`
 * and `(hover: none)` (bit 1 = coarse pointer; no fine pointer, no hover).
 */
export const FIREFOX_TOUCH_PREFS = { 'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1 };

export interface ThumbReport {
  /** How far the page scrolls sideways (0 or less: it does not). */
  overflow: number;
  /** The elements reaching past the right edge, when it does. */
  wide: string[];
  /** Controls smaller than 44 px either way, described. */
  small: string[];
  coarse: boolean;
}

/** Runs in the page (serialised by the driver: closes over nothing). */
export function thumbReport(): ThumbReport {
  const small: string[] = [];
  const controls = 'button, [role=button], input:not([type=hidden]), select, textarea, summary, a[role=button]';
  for (const el of document.querySelectorAll<HTMLElement>(controls)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    // A visually hidden file input is reached through its label button, which is measured itself.
    if (el.classList.contains('visually-hidden')) continue;
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      // A box is reached through its label: measure that.
      const label = el.closest('label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
      if ((label?.getBoundingClientRect().height ?? 0) >= 44) continue;
    }
    if (r.height < 44 || r.width < 44) {
      const text = (el.textContent ?? '').trim().slice(0, 20);
      small.push(
        `${el.tagName.toLowerCase()}.${el.className} "${text}" ${Math.round(r.width)}×${Math.round(r.height)}`,
      );
    }
  }
  const edge = document.documentElement.clientWidth;
  const wide = [...document.body.querySelectorAll<HTMLElement>('*')]
    .filter((el) => el.getBoundingClientRect().right > edge + 0.5)
    .slice(0, 8)
    .map((el) => `${el.tagName.toLowerCase()}.${el.className} right ${Math.round(el.getBoundingClientRect().right)}`);
  return {
    overflow: document.documentElement.scrollWidth - edge,
    wide,
    small,
    coarse: matchMedia('(pointer: coarse) and (hover: none)').matches,
  };
}

/** Firefox for Android's user agent: what a shop's H5 pages see on the phone. */
export const ANDROID_UA = 'Mozilla/5.0 (Android 14; Mobile; rv:142.0) Gecko/142.0 Firefox/142.0';

/** Pinduoduo's H5 order list and the URL of its own next-page request (`order_list_v4`). */
export const PDD_LIST_URL = 'https://mobile.yangkeduo.com/orders.html?type=0';
export const PDD_LIST_V4 = 'https://mobile.yangkeduo.com/proxy/api/api/aristotle/order_list_v4';

/** The fixture order list, scrolled to its end: it asks for the next page as the real one does, and says how many came. */
export function pddListPage(): string {
  return fixture('sites/pdd/orders.html').replace(
    '</body>',
    `<script>fetch("/proxy/api/api/aristotle/order_list_v4?page=2&size=10").then((r) => r.json()).then((j) => { document.title = "more " + j.orders.length; });</script></body>`,
  );
}

/** The second page, as order_list_v4 answers it (constructed: tests/fixtures/responses/pdd/SOURCE.md). */
export function pddListAnswer(): string {
  const answer = JSON.parse(fixture('responses/pdd/order-list-v4-page2.constructed.json')) as { data: unknown };
  return JSON.stringify(answer.data);
}

/** The two orders of the first page (rawData) and the two of the page's own second-page answer. */
export const PDD_LIST_ORDERS = [
  '251029-444444444444444',
  '251031-555555555555555',
  '251106-123456789012345',
  '251108-222222222222222',
];

/** The PDD orders a backup holds, distinct and sorted, once there are all of PDD_LIST_ORDERS' count. */
export function pddOrderIds(backup: BackupExport): string[] | null {
  const ids = new Set(backup.snapshots.flatMap((s) => (s.kind === 'order' && s.platform === 'pdd' ? [s.orderId] : [])));
  return ids.size >= PDD_LIST_ORDERS.length ? [...ids].sort() : null;
}

/** Waits for every order of the PDD list (both pages); on a timeout, says what of Pinduoduo's was stored. */
export function waitForPddOrders(send: Send): Promise<string[]> {
  const backup = async () => ok(await send({ type: 'backup/export' }));
  return waitFor(async () => pddOrderIds(await backup()), 'four PDD orders').catch(async (e: unknown) => {
    const pdd = (await backup()).snapshots.filter((s) => s.platform === 'pdd').map((s) => [s.kind, s.url, s.key]);
    throw new Error(`${String(e)}; stored ${JSON.stringify(pdd)}`);
  });
}

/** The goods pages a phone opens: Pinduoduo's goods.html and JD's item.m.jd.com (its price from the page's data). */
export function phoneGoodsCases(): SiteCase[] {
  const cases = siteCases().filter((c) => c.name === 'pdd/goods' || c.name === 'jd/item-mobile');
  if (cases.length !== 2) throw new Error(`phone goods fixtures: ${cases.map((c) => c.name).join(', ')}`);
  return cases;
}

/**
 * The product snapshot a goods page produced and the automatic screenshot filed under it (same product, same page
 * URL), once both are there.
 */
export function goodsCaptured(
  c: SiteCase,
  backup: BackupExport,
): { snapshot: SnapshotRecord; shot: BackupExport['evidence'][number] } | null {
  const snapshot = snapshotFor(c, backup.snapshots);
  const shot = backup.evidence.find(
    (e) => e.kind === 'price-screenshot' && e.productId === c.id && e.platform === c.platform && e.url === c.url,
  );
  return snapshot && shot ? { snapshot, shot } : null;
}

/**
 * Checks what a goods page on the phone left: the product with the fixture's expected fields (its price), and a JPEG
 * screenshot of that product whose band names it and that price.
 */
export function expectGoodsCaptured(c: SiteCase, found: NonNullable<ReturnType<typeof goodsCaptured>>): void {
  expect(found.snapshot).toMatchObject(c.expected);
  expect(found.shot).toMatchObject({ mime: 'image/jpeg', productId: c.id });
  expect(found.shot.bytes).toBeGreaterThan(0);
  expect(found.shot.caption).toContain(formatMoney(c.expected.price as Money));
}

/**
 * Taobao's phone product page (main.m.taobao.com/detail/index.html?id=…) as the real one works: an empty shell whose
 * script defines `mtopjsonp1` and then inserts the `<script>` of h5api.m.taobao.com's `mtop.taobao.detail.data.get`;
 * the callback draws the title and price as text. The answer is the constructed fixture
 * tests/fixtures/responses/taobao-m-item/data-get-single (SOURCE.md).
 */
export const TAOBAO_PHONE_ITEM = {
  url: 'https://main.m.taobao.com/detail/index.html?id=700000000001',
  id: '700000000001',
  api: 'https://h5api.m.taobao.com/h5/mtop.taobao.detail.data.get/**',
  /** What the page draws once its callback ran (the page's own use of the answer). */
  drawn: '示例 不锈钢保温杯 500ml ¥59.9',
  price: { amount: 5990, currency: 'CNY' },
};
export function taobaoPhoneItemPage(): string {
  const data = encodeURIComponent(JSON.stringify({ id: TAOBAO_PHONE_ITEM.id, detail_v: '3.3.2' }));
  const src =
    'https://h5api.m.taobao.com/h5/mtop.taobao.detail.data.get/1.0/?jsv=2.7.2&appKey=12574478&t=1764990000000' +
    `&sign=0&api=mtop.taobao.detail.data.get&v=1.0&type=jsonp&dataType=jsonp&callback=mtopjsonp1&data=${data}`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>商品详情</title></head><body><div id="app"></div>
<script>
window.mtopjsonp1 = function (res) {
  const p = document.createElement('h1');
  p.id = 'drawn';
  p.textContent = res.data.item.title + ' ¥' + res.data.skuCore.sku2info['0'].price.priceText;
  document.getElementById('app').appendChild(p);
};
const s = document.createElement('script');
s.src = ${JSON.stringify(src)};
document.head.appendChild(s);
</script></body></html>`;
}
export function taobaoPhoneItemAnswer(): string {
  const f = JSON.parse(fixture('responses/taobao-m-item/data-get-single.constructed.json')) as { data: unknown };
  return `mtopjsonp1(${JSON.stringify(f.data)})`;
}

/** Waits for the Taobao phone product and its automatic screenshot, and checks both (product fields from the answer). */
export async function expectTaobaoPhoneItemStored(send: Send): Promise<void> {
  const T = TAOBAO_PHONE_ITEM;
  const found = await waitFor(async () => {
    const b = ok(await send({ type: 'backup/export' }));
    const snapshot = b.snapshots.find((x) => x.kind === 'product' && x.url === T.url);
    const shot = b.evidence.find((e) => e.kind === 'price-screenshot' && e.url === T.url);
    return snapshot && shot ? { snapshot, shot } : null;
  }, 'the Taobao phone product and its screenshot');
  expect(found.snapshot).toMatchObject({
    platform: 'taobao',
    productId: T.id,
    title: '示例 不锈钢保温杯 500ml',
    shop: '示例家居旗舰店',
    price: T.price,
  });
  expect(found.shot).toMatchObject({ productId: T.id, platform: 'taobao', mime: 'image/jpeg' });
  expect(found.shot.caption).toContain(formatMoney(T.price));
}
