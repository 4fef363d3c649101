/**
 * The registry's conventions (STYLE.md, refined-github url-detection): every adapter claims its own
 * example URLs and no other platform adapter does; every kind an adapter produces has a fixture; the
 * hostile and empty pages never throw.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADAPTERS, adapterFor, extractAll, extractPage } from '@/lib/sites';
import { parseLoose } from '@/lib/sites/json';

const ROOT = join(__dirname, '../../fixtures/sites');
const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('site registry', () => {
  const platforms = ADAPTERS.filter((a) => a.id !== 'generic');

  it('lists generic last', () => expect(ADAPTERS.at(-1)?.id).toBe('generic'));

  it.each(ADAPTERS.map((a) => [a.id, a] as const))(
    '%s claims its own examples, no other platform does',
    (_id, adapter) => {
      expect(adapter.examples.length).toBeGreaterThan(0);
      for (const example of adapter.examples) {
        const url = new URL(example);
        expect(adapter.matches(url)).toBe(true);
        const others = platforms.filter((a) => a !== adapter && a.matches(url)).map((a) => a.id);
        expect(others).toEqual([]);
        if (adapter.id !== 'generic') expect(adapterFor(url)?.id).toBe(adapter.id);
      }
    },
  );

  it.each(ADAPTERS.map((a) => [a.id, a] as const))('%s has a fixture for every kind it produces', (id, adapter) => {
    const kinds = new Set<string>();
    for (const f of readdirSync(join(ROOT, id)).filter((x) => x.endsWith('.expected.json'))) {
      const e = JSON.parse(readFileSync(join(ROOT, id, f), 'utf8')) as {
        snapshot: { kind?: string } | null;
        all?: { kind?: string }[];
      };
      for (const s of [e.snapshot, ...(e.all ?? [])]) if (s?.kind) kinds.add(s.kind);
    }
    for (const kind of adapter.kinds) expect(kinds).toContain(kind);
  });

  it('leaves non-shop pages of shop hosts and odd schemes alone', () => {
    expect(adapterFor(new URL('https://www.jd.com/'))?.id).toBe('generic');
    expect(extractPage(doc('<p>hi</p>'), 'https://www.taobao.com/')).toBeNull();
    expect(extractPage(doc('<p>hi</p>'), 'chrome://extensions')).toBeNull();
    expect(extractPage(doc('<p>hi</p>'), 'not a url')).toBeNull();
  });
});

describe('hostile pages never throw', () => {
  const urls = ADAPTERS.flatMap((a) => a.examples);
  const many = '<span class="price J-p-1 product-price--value">￥1.00</span><i itemprop="price">2</i>'.repeat(25_000);
  const pages = {
    empty: '',
    onerror:
      '<title><img src=x onerror=alert(1)></title><h1><img src=x onerror="window.hit=1"></h1><div class="sku-title-name">"><script>alert(1)</script></div>',
    many: `<div class="product-price--main">${many}</div><li>2025-11-06 12:00 已揽收</li>`.repeat(1),
    brokenData:
      '<script>window.rawData = {"store": {"goods": [1,2,{</script><script>var data = JSON.parse(\'{\\"x\');</script><script type="application/ld+json">{"@type":"Product",,,</script>',
    deep: `<script type="application/ld+json">${'['.repeat(5000)}</script><script>window.__ICE_APP_CONTEXT__ = ${'{"a":'.repeat(3000)}</script>`,
    hugeNumbers:
      '<script type="application/ld+json">{"@type":"Product","name":"x","offers":{"price":1e308,"priceCurrency":"<b>"}}</script><div class="product-price--main"><span class="product-price--value">¥99999999999999999999999</span></div>',
  };
  // happy-dom is slow on the 50k-node page: one URL per adapter there, every example elsewhere.
  it.each(Object.entries(pages))(
    '%s',
    (name, html) => {
      const d = doc(html);
      for (const url of name === 'many' ? ADAPTERS.map((a) => a.examples[0] ?? '') : urls) {
        expect(() => extractPage(d, url, 1762700000000)).not.toThrow();
        expect(() => extractAll(d, url, 1762700000000)).not.toThrow();
      }
    },
    60_000,
  );

  it('keeps the 50k-node page fast', () => {
    const d = doc(
      `<div class="product-price--main"><span class="product-price--value">￥19.90</span></div>${'<span class="price product-price--value">￥1.00</span>'.repeat(50_000)}`,
    );
    const t = performance.now();
    const s = extractPage(d, 'https://item.jd.com/100012043978.html');
    expect(performance.now() - t).toBeLessThan(20_000);
    expect(s?.kind === 'product' && s.price.amount).toBe(1990);
  }, 60_000);

  it('reads the walking-skeleton JD page once its price is filled', () => {
    const html = readFileSync(join(__dirname, '../../fixtures/e2e/jd-item.html'), 'utf8');
    const d = doc(html);
    expect(extractPage(d, 'https://item.jd.com/100012043978.html')).toBeNull();
    const v = d.querySelector('.product-price--value');
    if (v) v.textContent = '￥89.90';
    expect(extractPage(d, 'https://item.jd.com/100012043978.html')).toMatchObject({
      productId: '100012043978',
      title: '小熊（Bear）电热水壶 1.5L 304不锈钢 家用烧水壶 ZDH-Q15X1',
      price: { amount: 8990 },
      listPrice: { amount: 12900 },
      priceProtectionDays: 30,
    });
  });
});

describe('parseLoose', () => {
  it.each([
    ['{"a":1,}', { a: 1 }],
    ["{a: 'x', b: [1, 2,], /* c */ d: !0, e: undefined}", { a: 'x', b: [1, 2], d: true, e: null }],
    ['"\\u4ef7\\x41"', '价A'],
    ['{"__proto__": {"polluted": 1}}', {}],
  ])('%s', (src, want) => expect(parseLoose(src)).toEqual(want));
  it.each(['', '{', 'function(){}', '{"a": new Date()}', '[1 2]'])('rejects %s', (src) =>
    expect(parseLoose(src)).toBeUndefined(),
  );
});
