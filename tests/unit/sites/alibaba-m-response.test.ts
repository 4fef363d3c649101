/**
 * The Taobao/Tmall phone product pages' own detail answer (mtop.taobao.detail.data.get / getdetail, constructed from
 * public code's keys: tests/fixtures/responses/taobao-m-item/SOURCE.md): one product, the page's subject, read as the
 * desktop reads its ICE `res`; hostile or failed answers give nothing and never throw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResponseFull, type ResponseRead } from '@/lib/sites/responses';
import { alibabaMobileItemResponses } from '@/lib/sites/alibaba-m-response';
import { pageIdentity, taobaoItem, tmallItem } from '@/lib/sites/urls';
import type { ProductSnapshot } from '@/lib/core/model';

interface Fixture {
  url: string;
  page: string;
  data: unknown;
}
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(join(__dirname, '../../fixtures/responses/taobao-m-item', `${name}.constructed.json`), 'utf8'),
  ) as Fixture;
const NOW = Date.UTC(2026, 11, 6);
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const read = (url: string, body: unknown, page: string): ResponseRead =>
  readResponseFull([alibabaMobileItemResponses], url, body, page, NOW);
const first = (r: ResponseRead) => r.snapshots[0] as ProductSnapshot | undefined;

const single = fixture('data-get-single');
const skus = fixture('data-get-skus');
const stack = fixture('getdetail-apistack');
const tmall = fixture('tmall-data-get-jsonp');
const fail = fixture('data-get-fail-validate');

/** The single fixture's answer with `data` changed. */
const withData = (patch: (data: Record<string, unknown>) => void): unknown => {
  const body = structuredClone(single.data) as { data: Record<string, unknown> };
  patch(body.data);
  return body;
};

describe('readResponse: Taobao/Tmall phone detail answer', () => {
  it('reads the item: price in fen (sku2info "0"), title, shop, 优惠前 as listPrice, the page’s subject', () => {
    const r = read(single.url, single.data, single.page);
    expect(r).toEqual({
      subject: true,
      snapshots: [
        {
          kind: 'product',
          platform: 'taobao',
          url: single.page,
          productId: '700000000001',
          title: '示例 不锈钢保温杯 500ml',
          price: cny(5990),
          priceSource: 'embedded',
          candidates: [
            { price: cny(5990), source: 'embedded', selector: 'sku2info.0' },
            { price: cny(7900), source: 'embedded', label: '优惠前', selector: 'sku2info.0.subPrice' },
          ],
          listPrice: cny(7900),
          shop: '示例家居旗舰店',
          capturedAt: NOW,
        },
      ],
    });
  });

  it('the page’s skuId chooses that SKU’s price; every SKU’s price with its name goes beside', () => {
    const r = read(skus.url, skus.data, skus.page);
    expect(first(r)).toMatchObject({ productId: '700000000002', price: cny(4990), sku: '5000000000012' });
    expect(first(r)?.listPrice).toEqual(cny(6990));
    expect(first(r)?.priceRange).toBeUndefined();
    expect(r.skus).toEqual({
      productId: '700000000002',
      prices: [
        { sku: '5000000000011', name: '白色 M', price: cny(3990) },
        { sku: '5000000000012', name: '黑色 M', price: cny(4990) },
      ],
    });
  });

  it('no SKU selected and SKUs that differ: the item’s own price and the range, as the desktop reader', () => {
    const page = 'https://h5.m.taobao.com/awp/core/detail.htm?id=700000000002';
    const s = first(read(skus.url, skus.data, page));
    expect(s).toMatchObject({ price: cny(3990), priceRange: { low: cny(3990), high: cny(4990) } });
    expect(s?.sku).toBeUndefined();
    // A skuId the answer does not know: the range, under that sku.
    const other = first(read(skus.url, skus.data, `${page}&skuId=5000000000099`));
    expect(other).toMatchObject({ price: cny(3990), sku: '5000000000099', priceRange: { low: cny(3990) } });
  });

  it('an older answer with the price only inside apiStack[].value (a JSON string) is read; event prices are no price', () => {
    const s = first(read(stack.url, stack.data, stack.page));
    expect(s).toMatchObject({
      platform: 'taobao',
      productId: '700000000003',
      title: '示例 手工陶瓷茶具套装',
      shop: '示例茶器小铺',
      price: cny(12800),
      listPrice: cny(19800),
    });
    // The `global.data` wrapper of older answers, and a value already parsed.
    const body = structuredClone(stack.data) as { data: { apiStack: { value: unknown }[] } };
    const value = JSON.parse(body.data.apiStack[0]?.value as string) as Record<string, unknown>;
    body.data.apiStack = [{ value: JSON.stringify({ global: { data: value } }) }];
    expect(first(read(stack.url, body, stack.page))?.price).toEqual(cny(12800));
    body.data.apiStack = [{ value }];
    expect(first(read(stack.url, body, stack.page))?.price).toEqual(cny(12800));
    // 1212价 (a coming event price) is neither the price nor the listPrice.
    const price = value.price as { extraPrices: unknown[] };
    price.extraPrices = [{ priceTitle: '1212价', priceText: '99.00' }];
    const s2 = first(read(stack.url, { ...body, data: { ...body.data, apiStack: [{ value }] } }, stack.page));
    expect(s2?.price).toEqual(cny(12800));
    expect(s2?.listPrice).toBeUndefined();
    expect(s2?.candidates?.map((c) => c.price.amount)).not.toContain(9900);
  });

  it('data.skuCore counts before apiStack’s', () => {
    const body = structuredClone(stack.data) as { data: Record<string, unknown> };
    body.data.skuCore = { sku2info: { '0': { price: { priceMoney: '11800' } } } };
    const s = first(read(stack.url, body, stack.page));
    expect(s?.candidates?.find((c) => c.selector === 'sku2info.0')?.price).toEqual(cny(11800));
  });

  it('Tmall: a JSONP text answer on detail.m.tmall.com; 券后 is the price, 优惠前 the listPrice', () => {
    expect(typeof tmall.data).toBe('string');
    const r = read(tmall.url, tmall.data, tmall.page);
    expect(first(r)).toMatchObject({
      platform: 'tmall',
      productId: '700000000004',
      title: '示例 无线降噪耳机 Pro',
      shop: '示例数码官方旗舰店',
      price: cny(299900),
      priceLabel: '券后',
      listPrice: cny(329900),
    });
    expect(r.subject).toBe(true);
    // The same answer as plain JSON text, or with a trailing semicolon.
    const json = (tmall.data as string).replace(/^mtopjsonp2\(/, '').replace(/\)$/, '');
    expect(first(read(tmall.url, json, tmall.page))?.price).toEqual(cny(299900));
    expect(first(read(tmall.url, `${tmall.data as string};`, tmall.page))?.price).toEqual(cny(299900));
  });

  it('platform: tmall on a tmall.com page, or when the answer says the seller is Tmall (sellerType B)', () => {
    const page = 'https://main.m.taobao.com/detail/index.html?id=700000000001';
    const b = withData((d) => ((d.seller as Record<string, unknown>).sellerType = 'B'));
    expect(first(read(single.url, b, page))?.platform).toBe('tmall');
    expect(first(read(single.url, single.data, page))?.platform).toBe('taobao');
    const onTmall = 'https://detail.m.tmall.com/item.htm?id=700000000001';
    expect(first(read(single.url, single.data, onTmall))?.platform).toBe('tmall');
    const lower = withData((d) => ((d.seller as Record<string, unknown>).sellerType = 'b'));
    expect(first(read(single.url, lower, page))?.platform).toBe('taobao');
  });

  it('an answer about another item than the page’s id is not the page’s; no itemId: the page’s id', () => {
    const other = 'https://main.m.taobao.com/detail/index.html?id=700000000009';
    expect(read(single.url, single.data, other)).toEqual({ snapshots: [] });
    const numeric = withData((d) => ((d.item as Record<string, unknown>).itemId = 700000000009));
    expect(read(single.url, numeric, single.page)).toEqual({ snapshots: [] });
    const noId = withData((d) => delete (d.item as Record<string, unknown>).itemId);
    expect(first(read(single.url, noId, single.page))?.productId).toBe('700000000001');
    // A page without an id: the answer's.
    const bare = 'https://main.m.taobao.com/detail/index.html';
    expect(first(read(single.url, single.data, bare))?.productId).toBe('700000000001');
    expect(read(single.url, noId, bare)).toEqual({ snapshots: [], note: 'unreadable' });
  });

  it.each([
    ['FAIL_SYS_USER_VALIDATE (the fixture)', fail.data],
    ['RGV587', { ret: ['RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试'], data: {} }],
    [
      'session expired',
      { ret: ['FAIL_SYS_SESSION_EXPIRED::Session过期'], data: (single.data as { data: unknown }).data },
    ],
    ['token expired', { ret: ['FAIL_SYS_TOKEN_EXOIRED::令牌过期'], data: {} }],
    ['no ret', { data: (single.data as { data: unknown }).data }],
    ['ret not a list', { ret: 'SUCCESS::调用成功', data: (single.data as { data: unknown }).data }],
    ['ret of other types', { ret: [{ SUCCESS: 1 }, 7, null], data: (single.data as { data: unknown }).data }],
  ])('not a SUCCESS: %s gives nothing and no note', (_what, body) => {
    expect(read(single.url, body, single.page)).toEqual({ snapshots: [] });
  });

  it('a SUCCESS answer without a price says unreadable', () => {
    const noPrice = withData((d) => delete d.skuCore);
    expect(read(single.url, noPrice, single.page)).toEqual({ snapshots: [], note: 'unreadable' });
    expect(read(single.url, { ret: ['SUCCESS::调用成功'] }, single.page)).toEqual({
      snapshots: [],
      note: 'unreadable',
    });
    expect(read(single.url, { ret: ['SUCCESS::调用成功'], data: [] }, single.page).note).toBe('unreadable');
  });

  it('matches the detail api on h5api.m.taobao.com / h5api.m.tmall.com, any case, on an item page only', () => {
    const m = (request: string, page = single.page) =>
      alibabaMobileItemResponses.matches(new URL(request), new URL(page));
    expect(m(single.url)).toBe(true);
    expect(m(stack.url)).toBe(true);
    expect(m(tmall.url, tmall.page)).toBe(true);
    expect(m('https://h5api.m.taobao.com/h5/MTOP.TAOBAO.DETAIL.DATA.GET/1.0/')).toBe(true);
    expect(m('https://h5api.m.tmall.com/h5/mtop.taobao.detail.getdetail/6.0/?data=x')).toBe(true);
    expect(m('https://h5api.m.taobao.com/h5/mtop.taobao.detail.getdesc/6.0/')).toBe(false);
    expect(m('https://h5api.m.taobao.com/h5/mtop.taobao.detail.data.get.evil/1.0/')).toBe(false);
    expect(m('https://h5api.m.taobao.com.evil.example/h5/mtop.taobao.detail.data.get/1.0/')).toBe(false);
    expect(m('https://acs.m.taobao.com/h5/mtop.taobao.detail.data.get/1.0/')).toBe(false);
    expect(m(single.url, 'https://main.m.taobao.com/olist/index.html')).toBe(false);
    expect(m(single.url, 'https://evil.example/detail/index.html?id=700000000001')).toBe(false);
    // Another api named in the answer itself is not this reader's.
    const other = { ...(single.data as Record<string, unknown>), api: 'mtop.taobao.other.get' };
    expect(read(single.url, other, single.page)).toEqual({ snapshots: [] });
  });

  it.each<[string, unknown]>([
    ['not an object', 'SUCCESS'],
    ['null', null],
    ['a list', [single.data]],
    ['JSONP twice wrapped', `mtopjsonp1(mtopjsonp2(${JSON.stringify(single.data)}))`],
    ['JSONP with trailing script', `mtopjsonp1(${JSON.stringify(single.data)});alert(1)`],
    ['a text over 4 MB', `mtopjsonp1(${JSON.stringify(single.data)}${' '.repeat(4 * 1024 * 1024)})`],
    ['deep nesting', { ret: ['SUCCESS'], data: JSON.parse('['.repeat(3000) + ']'.repeat(3000)) as unknown }],
  ])('hostile body: %s gives no snapshot', (_what, body) => {
    expect(read(single.url, body, single.page).snapshots).toEqual([]);
  });

  it.each<[string, (d: Record<string, unknown>) => void]>([
    [
      'priceMoney a huge string',
      (d) => (d.skuCore = { sku2info: { '0': { price: { priceMoney: '9'.repeat(100_000) } } } }),
    ],
    ['priceMoney negative', (d) => (d.skuCore = { sku2info: { '0': { price: { priceMoney: -5990 } } } })],
    ['priceMoney fractional', (d) => (d.skuCore = { sku2info: { '0': { price: { priceMoney: 59.9 } } } })],
    ['price an object', (d) => (d.skuCore = { sku2info: { '0': { price: { priceText: { v: '59.9' } } } } })],
    ['priceText markup', (d) => (d.skuCore = { sku2info: { '0': { price: { priceText: '<img src=x onerror=1>' } } } })],
    ['sku2info a list', (d) => (d.skuCore = { sku2info: [{ price: { priceMoney: '5990' } }] })],
    ['skuCore a string', (d) => (d.skuCore = 'sku2info')],
    ['apiStack not a list', (d) => ((d.apiStack = { value: '{}' }), delete d.skuCore)],
    [
      'apiStack value not an object',
      (d) => ((d.apiStack = [{ value: '[1,2]' }, { value: '42' }, { value: 'null' }]), delete d.skuCore),
    ],
    ['apiStack value not JSON', (d) => ((d.apiStack = [{ value: '{"skuCore":' }]), delete d.skuCore)],
    [
      'apiStack value over 512 KB',
      (d) => {
        const big = { pad: 'x'.repeat(512 * 1024), skuCore: { sku2info: { '0': { price: { priceMoney: '5990' } } } } };
        d.apiStack = [{ value: JSON.stringify(big) }];
        delete d.skuCore;
      },
    ],
    [
      'the price only under __proto__',
      (d) => {
        d.skuCore = JSON.parse('{"sku2info":{"__proto__":{"price":{"priceMoney":"5990"}}}}') as unknown;
      },
    ],
    [
      'skuCore only under __proto__ of an apiStack value',
      (d) => {
        d.apiStack = [{ value: '{"__proto__":{"skuCore":{"sku2info":{"0":{"price":{"priceMoney":"5990"}}}}}}' }];
        delete d.skuCore;
      },
    ],
  ])('hostile data: %s gives no price (unreadable), never a wrong one', (_what, patch) => {
    const r = read(single.url, withData(patch), single.page);
    expect(r).toEqual({ snapshots: [], note: 'unreadable' });
  });

  it('hostile values next to a good price: clipped, left out, no pollution', () => {
    const body = withData((d) => {
      d.item = { itemId: '700000000001', title: '长'.repeat(1_000_000) };
      d.seller = { shopName: ['not', 'a', 'name'], sellerType: { B: true } };
      d.skuBase = { props: 'x', skus: [{ skuId: '__proto__', propPath: 1 }] };
      d.skuCore = JSON.parse(
        '{"sku2info":{"0":{"price":{"priceMoney":"5990"}},"__proto__":{"price":{"priceMoney":"1"}},' +
          '"constructor":{"price":{"priceMoney":"2"}},"5000000000001":{"price":{"priceMoney":"999999999"}},' +
          '"5000000000002":"x","5000000000003":{"price":{"priceMoney":"6990"}}}}',
      ) as unknown;
    });
    const r = read(single.url, body, `${single.page}&skuId=__proto__`);
    const s = first(r);
    expect(s?.price).toEqual(cny(5990));
    expect(s?.title.length).toBeLessThanOrEqual(300);
    expect(s?.shop).toBeUndefined();
    expect(s?.platform).toBe('taobao');
    expect(s?.sku).toBeUndefined();
    expect(s?.priceRange).toEqual({ low: cny(6990), high: cny(999999999) });
    expect(r.skus?.prices.map((p) => p.sku)).toEqual(['5000000000001', '5000000000003']);
    expect(({} as Record<string, unknown>).price).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('priceMoney');
  });

  it('many SKUs: at most 200 prices, the answer read in bounded time', () => {
    const body = withData((d) => {
      const map: Record<string, unknown> = { '0': { price: { priceMoney: '100' } } };
      for (let i = 1; i <= 5000; i++) map[String(5_000_000_000_000 + i)] = { price: { priceMoney: String(100 + i) } };
      d.skuCore = { sku2info: map };
    });
    const r = read(single.url, body, single.page);
    expect(first(r)?.price).toEqual(cny(100));
    expect(r.skus?.prices).toHaveLength(200);
  });
});

describe('taobaoItem / tmallItem: the phone product pages', () => {
  it.each([
    ['https://main.m.taobao.com/detail/index.html?id=700000000001', 'taobao'],
    ['https://h5.m.taobao.com/awp/core/detail.htm?id=700000000001', 'taobao'],
    ['https://detail.m.tmall.com/item.htm?id=700000000001', 'tmall'],
  ])('%s is a %s product page (id and skuId name it)', (url, platform) => {
    const u = new URL(url);
    expect(platform === 'taobao' ? taobaoItem(u) : tmallItem(u)).toBe(true);
    expect(pageIdentity(`${url}&spm=a.b&skuId=5`)).toMatchObject({
      platform,
      kind: 'product',
      url: `${url}&skuId=5`,
    });
  });

  it('what it matched before still matches; other phone pages do not', () => {
    for (const url of [
      'https://item.taobao.com/item.htm?id=1',
      'https://world.item.taobao.com/item.htm?id=1',
      'https://h5.m.taobao.com/detail/index.htm?id=1',
    ])
      expect(taobaoItem(new URL(url))).toBe(true);
    for (const url of [
      'https://main.m.taobao.com/olist/index.html',
      'https://main.m.taobao.com/detail/other.html?id=1',
      'https://h5.m.taobao.com/awp/core/other.htm?id=1',
      'https://main.m.taobao.com.evil.example/detail/index.html?id=1',
    ])
      expect(taobaoItem(new URL(url))).toBe(false);
  });
});
