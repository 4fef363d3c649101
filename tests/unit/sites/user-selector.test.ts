/** The user's picked price element: selector building and the override of the adapter's price. */
import { applyUserSelector, selectorFor, USER_PRICE_LABEL } from '@/lib/sites/user-selector';
import { PageSnapshotSchema, type PageSnapshot, type ProductSnapshot } from '@/lib/core/model';

function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('t');
  doc.documentElement.innerHTML = html;
  return doc;
}

const base: ProductSnapshot = {
  kind: 'product',
  platform: 'jd',
  url: 'https://item.jd.com/1.html',
  productId: '1',
  title: 'x',
  price: { amount: 8990, currency: 'CNY' },
  priceSource: 'dom',
  priceLabel: '京东价',
  listPrice: { amount: 12900, currency: 'CNY' },
  candidates: [{ price: { amount: 8990, currency: 'CNY' }, source: 'dom', label: '京东价' }],
  capturedAt: 1,
};

describe('applyUserSelector', () => {
  it('overrides the price with the element the user picked, keeping the adapter price as a candidate', () => {
    const doc = page(
      '<body><div class="recommend"><ul><li><span class="p-price">￥199.00</span></li></ul></div></body>',
    );
    const s = applyUserSelector(doc, base, '.recommend .p-price') as ProductSnapshot;
    expect(s).toMatchObject({
      price: { amount: 19900, currency: 'CNY' },
      priceSource: 'user',
      priceLabel: USER_PRICE_LABEL,
    });
    expect(s.listPrice).toBeUndefined(); // 129.00 is not above 199.00
    expect(s.candidates?.[0]).toMatchObject({ source: 'user', price: { amount: 19900 } });
    expect(s.candidates).toContainEqual({ price: { amount: 8990, currency: 'CNY' }, source: 'dom', label: '京东价' });
    expect(PageSnapshotSchema.safeParse(s).success).toBe(true);
  });

  it('keeps a list price above the user price', () => {
    const doc = page('<body><b id="p">¥59.00</b></body>');
    expect(applyUserSelector(doc, base, '#p')).toMatchObject({ price: { amount: 5900 }, listPrice: { amount: 12900 } });
  });

  it('leaves the snapshot alone when the selector finds nothing, no price, or is not valid CSS', () => {
    const doc = page('<body><b id="p">缺货</b></body>');
    for (const sel of ['#p', '#nope', 'div[', '', '<img src=x onerror=alert(1)>'])
      expect(applyUserSelector(doc, base, sel)).toBe(base);
    expect(applyUserSelector(doc, base, null)).toBe(base);
    const order: PageSnapshot = {
      kind: 'order',
      platform: 'jd',
      url: 'https://x/',
      orderId: '9',
      paid: { amount: 1, currency: 'CNY' },
      items: [],
      capturedAt: 1,
    };
    expect(applyUserSelector(page('<body><b id="p">¥5</b></body>'), order, '#p')).toBe(order);
  });

  it('never executes page markup: the price text is read as text', () => {
    const doc = page('<body><b id="p">&lt;img src=x onerror=alert(1)&gt; ¥12.50</b></body>');
    expect(applyUserSelector(doc, base, '#p')).toMatchObject({ price: { amount: 1250 } });
  });
});

describe('selectorFor', () => {
  it('builds a path that finds the same element again, with nth-of-type among siblings', () => {
    const doc = page(
      '<body><div class="recommend"><ul><li>a <span class="p-price">￥199.00</span></li><li>b <span class="p-price">￥89.00</span></li></ul></div></body>',
    );
    const second = doc.querySelectorAll('.p-price')[1]!;
    const sel = selectorFor(second)!;
    expect(sel).toContain('.p-price');
    expect(doc.querySelector(sel)).toBe(second);
  });

  it('stops at a stable id, matches hashed CSS-module classes by prefix and skips generated ones', () => {
    const doc = page(
      '<body><div id="J_main"><div class="_gallery_x1y2_1 box"><span class="highlightPrice--2Pc1hW3s text--Mk3bVs">¥1</span></div></div></body>',
    );
    const el = doc.querySelector('span')!;
    const sel = selectorFor(el)!;
    expect(sel.startsWith('#J_main > ')).toBe(true);
    expect(sel).toContain('[class*="highlightPrice--"]');
    expect(sel).not.toContain('_gallery_x1y2_1');
    expect(doc.querySelector(sel)).toBe(el);
  });

  it('goes at most 6 levels deep', () => {
    const doc = page(`<body>${'<div>'.repeat(10)}<i>¥1</i>${'</div>'.repeat(10)}</body>`);
    const sel = selectorFor(doc.querySelector('i')!);
    expect(sel === null || sel.split(' > ').length <= 6).toBe(true);
  });
});
