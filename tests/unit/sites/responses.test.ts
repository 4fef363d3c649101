/**
 * readResponse (lib/sites/index.ts, DESIGN.md) on every Douyin response fixture (tests/fixtures/responses/douyin,
 * SOURCE.md says which are real) and on hostile bodies: it never throws and never makes a number of a masked price.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResponse } from '@/lib/sites';
import type { ProductSnapshot } from '@/lib/core/model';

const DIR = join(__dirname, '../../fixtures/responses/douyin');
const load = (f: string) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { url: string; data: unknown };
const NOW = 1_780_000_000_000;
const PAGE = 'https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?id=3581234567890123456&origin_type=604';
const cny = (amount: number) => ({ amount, currency: 'CNY' });

describe('readResponse: Douyin fixtures', () => {
  it('pack/h5 (constructed): the 券后 price, its range, 划线 as listPrice, title and shop', () => {
    const f = load('pack-h5-constructed.json');
    const [s, ...rest] = readResponse(f.url, f.data, PAGE, NOW) as ProductSnapshot[];
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      kind: 'product',
      platform: 'douyin',
      url: PAGE,
      productId: '3581234567890123456',
      title: '云南高山红茶 500g 礼盒装',
      shop: '滇红官方旗舰店',
      price: cny(7990),
      priceLabel: '到手价',
      priceSource: 'embedded',
      listPrice: cny(19900),
      priceRange: { low: cny(7990), high: cny(12990) },
      capturedAt: NOW,
    });
  });

  it('saas/pc (constructed, under data): price without a discount section, 划线 apart', () => {
    const f = load('saas-pc-constructed.json');
    const page = 'https://haohuo.jinritemai.com/views/product/item2?id=3699876543210987654';
    const [s] = readResponse(f.url, f.data, page, NOW) as ProductSnapshot[];
    expect(s).toMatchObject({ productId: '3699876543210987654', price: cny(5990), listPrice: cny(8900) });
    expect(s?.priceLabel).toBeUndefined();
    expect(s?.priceRange).toBeUndefined();
  });

  it('a masked price (2???, logged out) is unknown: no snapshot, and no other section stands in', () => {
    const f = load('pack-h5-masked-constructed.json');
    expect(readResponse(f.url, f.data, PAGE, NOW)).toEqual([]);
  });

  it('the real app recommendation list says nothing we read, on its own URL or on a product endpoint', () => {
    const f = load('app-shop-recommend-2026-06-25.json');
    expect(readResponse(f.url, f.data, PAGE, NOW)).toEqual([]);
    const pack = 'https://haohuo.jinritemai.com/aweme/v2/shop/promotion/pack/h5/';
    expect(readResponse(pack, f.data, PAGE, NOW)).toEqual([]);
  });

  it('a response about another product than the page shows is not filed under this page', () => {
    const f = load('pack-h5-constructed.json');
    const other = 'https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?id=3581234567890000000';
    expect(readResponse(f.url, f.data, other, NOW)).toEqual([]);
  });

  it('relative request URLs resolve against the page; other hosts and paths read nothing', () => {
    const f = load('pack-h5-constructed.json');
    expect(readResponse('/aweme/v2/shop/promotion/pack/h5/?x=1', f.data, PAGE, NOW)).toHaveLength(1);
    expect(readResponse('https://evil.example/aweme/v2/shop/promotion/pack/h5/', f.data, PAGE, NOW)).toEqual([]);
    expect(readResponse(f.url, f.data, 'https://evil.example/?id=3581234567890123456', NOW)).toEqual([]);
    expect(readResponse('https://haohuo.jinritemai.com/other/', f.data, PAGE, NOW)).toEqual([]);
  });
});

describe('readResponse: hostile bodies', () => {
  const URL_ = 'https://haohuo.jinritemai.com/aweme/v2/shop/promotion/pack/h5/';
  const withPrices = (price_info: unknown, extra: Record<string, unknown> = {}) => ({
    promotion_h5: {
      basic_info_data: { product_id: '3581234567890123456', title_info: { title: 't' }, price_info, ...extra },
    },
  });
  let deep: unknown = {};
  for (let i = 0; i < 100_000; i++) deep = { promotion_h5: deep };

  it.each([
    ['null', null],
    ['a string', 'promotion_h5'],
    ['a number', 42],
    ['an array', [withPrices({ price: { min_price: '9.9' } })]],
    ['deeply nested', deep],
    [
      'wrong types everywhere',
      { promotion_h5: { basic_info_data: { product_id: {}, title_info: 7, price_info: [] } } },
    ],
    ['a price as an object', withPrices({ price: { min_price: { valueOf: () => 9 } } })],
    ['a negative price', withPrices({ price: { min_price: '-9.9' } })],
    ['a zero price', withPrices({ price: { min_price: '0' } })],
    ['markup as a price', withPrices({ price: { min_price: '<img src=x onerror=alert(1)>' } })],
    ['a masked price', withPrices({ price: { min_price: '2???', text: '¥2???' } })],
    ['Infinity', withPrices({ price: { min_price: Infinity } })],
    ['a huge number', withPrices({ price: { min_price: 1e300 } })],
    ['a price with text around', withPrices({ price: { min_price: '9.9 元起，加微信' } })],
    [
      'a product id of letters',
      { promotion_h5: { basic_info_data: { product_id: 'abc', price_info: { price: { min_price: '1' } } } } },
    ],
    [
      '__proto__ keys',
      JSON.parse(
        '{"promotion_h5":{"__proto__":{"basic_info_data":{"product_id":"3581234567890123456","price_info":{"price":{"min_price":"1"}}}}}}',
      ),
    ],
    ['__proto__ price', withPrices(JSON.parse('{"__proto__":{"price":{"min_price":"1"}}}'))],
  ])('%s: nothing', (_name, body) => {
    expect(readResponse(URL_, body, PAGE, NOW)).toEqual([]);
  });

  it('a getter that throws does not throw out', () => {
    const body = {
      get promotion_h5(): unknown {
        throw new Error('boom');
      },
    };
    expect(readResponse(URL_, body, PAGE, NOW)).toEqual([]);
  });

  it('a huge title is cut, not refused; the price still reads', () => {
    const [s] = readResponse(
      URL_,
      withPrices({ price: { min_price: '9.9' } }, { title_info: { title: 'x'.repeat(1e6) } }),
      PAGE,
      NOW,
    );
    expect(s && s.kind === 'product' && s.title.length).toBeLessThanOrEqual(300);
    expect(s && s.kind === 'product' && s.price).toEqual(cny(990));
  });

  it('bad arguments give nothing', () => {
    expect(readResponse('not a url ::', {}, PAGE, NOW)).toEqual([]);
    expect(readResponse(URL_, {}, 'javascript:alert(1)', NOW)).toEqual([]);
    expect(readResponse(undefined as unknown as string, {}, PAGE, NOW)).toEqual([]);
  });
});
