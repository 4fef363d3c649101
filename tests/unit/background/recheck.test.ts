import { afterRecheck, dueRechecks, isShopUrl, jitter, RECHECK_EVERY } from '@/lib/background/recheck';
import { DEFAULT_SETTINGS, type PageSnapshot } from '@/lib/core/model';

const H = 3_600_000;
const PAID = Date.UTC(2026, 10, 1, 2, 0);
const order = (extra: object = {}): PageSnapshot => ({
  kind: 'order',
  platform: 'jd',
  url: 'https://details.jd.com/normal/item.action?orderid=1',
  orderId: '1',
  paidAt: PAID,
  paid: { amount: 100, currency: 'CNY' },
  items: [{ productId: '9999', title: 't', quantity: 1 }],
  capturedAt: PAID,
  ...extra,
});
const product = (at: number, url = 'https://item.jd.com/9999.html'): PageSnapshot => ({
  kind: 'product',
  platform: 'jd',
  url,
  productId: '9999',
  title: 't',
  price: { amount: 100, currency: 'CNY' },
  capturedAt: at,
});

describe('price re-check planning', () => {
  it('waits at least 6 h (plus jitter) after the product was last seen', () => {
    const snaps = [order(), product(PAID + H)];
    const key = 'product:jd:9999';
    expect(dueRechecks(snaps, DEFAULT_SETTINGS, PAID + H + RECHECK_EVERY - 1, {})).toEqual([]);
    expect(dueRechecks(snaps, DEFAULT_SETTINGS, PAID + H + RECHECK_EVERY + jitter(key), {})).toEqual([
      { key, platform: 'jd', productId: '9999', url: 'https://item.jd.com/9999.html' },
    ]);
  });

  it('stops when the protection window closes, and never targets hosts we do not support', () => {
    expect(dueRechecks([order(), product(PAID)], DEFAULT_SETTINGS, PAID + 7 * 24 * H, {})).toEqual([]);
    expect(
      dueRechecks([order(), product(PAID, 'https://evil.example.com/9999.html')], DEFAULT_SETTINGS, PAID + 20 * H, {}),
    ).toEqual([]);
    expect(
      dueRechecks([order({ priceProtectionDays: 30 }), product(PAID)], DEFAULT_SETTINGS, PAID + 20 * 24 * H, {}),
    ).toHaveLength(1);
  });

  it.each([
    ['https://item.jd.com/1.html', true],
    ['https://detail.tmall.com/item.htm?id=1', true],
    ['https://mobile.yangkeduo.com/goods.html?goods_id=1', true],
    ['http://item.jd.com/1.html', false],
    ['https://jd.com.evil.example/1.html', false],
    ['https://notjd.com/1.html', false],
    ['not a url', false],
  ])('isShopUrl(%s) = %s', (url, ok) => expect(isShopUrl(url)).toBe(ok));

  it('backs off on errors and returns to 6 h on success', () => {
    let s = afterRecheck({}, 'k', 0, false);
    expect(s.k!.nextAt - jitter('k')).toBe(12 * H);
    s = afterRecheck(s, 'k', 0, false);
    expect(s.k!.nextAt - jitter('k')).toBe(24 * H);
    s = afterRecheck(afterRecheck(s, 'k', 0, false), 'k', 0, false);
    expect(s.k!.nextAt - jitter('k')).toBe(48 * H);
    expect(afterRecheck(s, 'k', 0, true).k).toEqual({ nextAt: 6 * H + jitter('k'), failures: 0 });
  });
});

describe('price re-check runner', () => {
  const jdPage = (price: string) =>
    `<html><head><title>t</title></head><body><div class="sku-title"><span class="sku-title-name">电热水壶</span></div><div class="product-price--main"><span class="product-price--value">${price}</span></div></body></html>`;
  const parse = async (html: string, url: string, now: number) => {
    const { extractPage } = await import('@/lib/sites');
    return extractPage(new DOMParser().parseFromString(html, 'text/html'), url, now);
  };

  it('stores a price read from server HTML, and reminds when the page fills its price by script', async () => {
    const { openDatabase, addSnapshot } = await import('@/lib/store/db');
    const { runRechecks } = await import('@/lib/background/recheck-runner');
    const d = await openDatabase(`recheck-${Date.now()}`);
    await addSnapshot(d, order());
    await addSnapshot(d, product(PAID + H));
    const at = PAID + 8 * H;
    const fetched: string[] = [];
    const r = await runRechecks(d, at, DEFAULT_SETTINGS, parse, async (url) => (fetched.push(url), jdPage('￥79.00')));
    expect(fetched).toEqual(['https://item.jd.com/9999.html']);
    expect(r.updated.map((t) => t.productId)).toEqual(['9999']);
    const latest = (await d.getAll('snapshots')).filter((s) => s.kind === 'product').pop();
    expect(latest).toMatchObject({ price: { amount: 7900 }, priceSource: 'fetch', capturedAt: at });
    // Too soon for another look; 6 h later the page has no price in its HTML → a reminder, and back-off.
    expect((await runRechecks(d, at + H, DEFAULT_SETTINGS, parse, async () => jdPage(''))).updated).toEqual([]);
    const later = await runRechecks(d, at + 7 * H, DEFAULT_SETTINGS, parse, async () => jdPage(''));
    expect(later.remind.map((t) => t.productId)).toEqual(['9999']);
    const broken = await runRechecks(d, at + 30 * H, DEFAULT_SETTINGS, parse, async () =>
      Promise.reject(new Error('offline')),
    );
    expect(broken.remind).toHaveLength(1);
  });
});

describe('the re-check fetch (SECURITY.md: no credentials, no redirect, no trackers)', () => {
  type Init = RequestInit & { signal?: AbortSignal };
  const answer = ({ html, ...r }: Partial<Omit<Response, 'body'>> & { html?: string }) =>
    ({
      ok: true,
      status: 200,
      type: 'basic',
      redirected: false,
      url: '',
      text: async () => html ?? '<html></html>',
      ...r,
    }) as Response;
  let calls: { url: string; init: Init }[];
  const stubFetch = (reply: (url: string) => Response) => {
    calls = [];
    vi.stubGlobal('fetch', async (url: string, init: Init) => (calls.push({ url, init }), reply(url)));
  };
  afterEach(() => vi.unstubAllGlobals());

  it('fetches the page without the shopper’s cookies, follows no redirect, and strips tracking parameters', async () => {
    const { fetchHtml } = await import('@/lib/background/recheck-runner');
    stubFetch((url) => answer({ url, html: '<html>price</html>' }));
    expect(
      await fetchHtml('https://item.taobao.com/item.htm?spm=a21n57.1.0.0&id=789012345678&pvid=x&scm=y&skuId=51#detail'),
    ).toBe('<html>price</html>');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://item.taobao.com/item.htm?id=789012345678&skuId=51');
    expect(calls[0]!.init).toMatchObject({ credentials: 'omit', redirect: 'manual' });
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
    await fetchHtml('https://item.jd.com/100012043978.html?utm_source=kong&utm_medium=tuiguang&cu=true');
    expect(calls[1]!.url).toBe('https://item.jd.com/100012043978.html');
  });

  it('treats any redirect as "cannot read", and never asks another host', async () => {
    const { fetchHtml } = await import('@/lib/background/recheck-runner');
    // What a worker gets for a 302 under redirect: 'manual': an opaque redirect, status 0, no Location.
    stubFetch(() => answer({ type: 'opaqueredirect', status: 0, ok: false }));
    expect(await fetchHtml('https://item.jd.com/1.html')).toBeNull();
    // Should a browser follow anyway: a response from another host, or any followed redirect, is refused.
    stubFetch(() => answer({ redirected: true, url: 'https://passport.jd.com/new/login.aspx' }));
    expect(await fetchHtml('https://item.jd.com/1.html')).toBeNull();
    stubFetch(() => answer({ url: 'https://evil.example/item.htm' }));
    expect(await fetchHtml('https://item.taobao.com/item.htm?id=1')).toBeNull();
    stubFetch(() => answer({ redirected: true, url: 'https://item.jd.com/1.html' }));
    expect(await fetchHtml('https://item.jd.com/1.html')).toBeNull();
    expect(calls.map((c) => c.url)).toEqual(['https://item.jd.com/1.html']); // one request each, to the shop only
  });

  it('never fetches a page off the shop hosts or over http', async () => {
    const { fetchHtml } = await import('@/lib/background/recheck-runner');
    stubFetch(() => answer({}));
    expect(await fetchHtml('https://evil.example/item.htm?id=1')).toBeNull();
    expect(await fetchHtml('http://item.jd.com/1.html')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('a product page that redirects to a login wall is reminded, not read', async () => {
    const { openDatabase, addSnapshot } = await import('@/lib/store/db');
    const { runRechecks } = await import('@/lib/background/recheck-runner');
    const d = await openDatabase(`recheck-redirect-${Date.now()}`);
    await addSnapshot(d, order());
    await addSnapshot(d, product(PAID + H, 'https://item.jd.com/9999.html?spm=1&utm_campaign=x'));
    stubFetch(() => answer({ type: 'opaqueredirect', status: 0, ok: false }));
    const parse = vi.fn(async () => null);
    const r = await runRechecks(d, PAID + 8 * H, DEFAULT_SETTINGS, parse);
    expect(calls.map((c) => c.url)).toEqual(['https://item.jd.com/9999.html']);
    expect(parse).not.toHaveBeenCalled();
    expect(r).toMatchObject({ updated: [], remind: [{ productId: '9999' }] });
  });
});
