/**
 * readResponse (lib/sites/index.ts, DESIGN.md) on every Douyin response fixture (tests/fixtures/responses/douyin,
 * SOURCE.md says which are real) and on hostile bodies: it never throws and never makes a number of a masked price.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResponse, RESPONSE_READERS } from '@/lib/sites';
import { mergeResponseRead, readResponseFull, responseSnapshots } from '@/lib/sites/responses';
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
    // an endpoint of the list answering in a shape the reader does not know: said, once, as unreadable
    expect(readResponseFull(RESPONSE_READERS, pack, f.data, PAGE, NOW).note).toBe('unreadable');
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

/**
 * Every fixture of the folder has a row here (a new file without one fails): what readResponse gives on its page,
 * and what the full read says besides (subject, SKU prices, note).
 */
describe('readResponse: a table over every Douyin fixture', () => {
  const TEA = '3581234567890123456';
  type Row = {
    page?: string;
    products: { productId: string; price: number; listPrice?: number; channel?: string; roomId?: string }[];
    subject?: boolean;
    note?: 'masked' | 'unreadable';
    skus?: number[];
  };
  const TABLE: Record<string, Row> = {
    // its own URL is not on the list: no reader, no note (on pack/h5's URL it would be 'unreadable', below)
    'app-shop-recommend-2026-06-25.json': { products: [] },
    'pack-h5-constructed.json': { products: [{ productId: TEA, price: 7990, listPrice: 19900 }], subject: true },
    'pack-h5-masked-constructed.json': { products: [], note: 'masked' },
    'saas-pc-constructed.json': {
      page: 'https://haohuo.jinritemai.com/views/product/item2?id=3699876543210987654',
      products: [{ productId: '3699876543210987654', price: 5990, listPrice: 8900 }],
      subject: true,
    },
    'common-skus.constructed.json': { products: [], skus: [7990, 12990] },
    'live-pop-v3.constructed.json': {
      products: [
        { productId: TEA, price: 5990, listPrice: 19900, channel: 'live', roomId: '731234567890' },
        { productId: '3600000000000000002', price: 12800, listPrice: 25800, channel: 'live', roomId: '731234567890' },
      ],
      subject: true,
    },
    'live-page.constructed.json': {
      products: [
        { productId: '3600000000000000002', price: 12800, channel: 'live' },
        { productId: '3600000000000000003', price: 4990, listPrice: 9900, channel: 'live' },
        { productId: TEA, price: 5990, channel: 'live' },
      ],
    },
    'live-pop-v3-masked.constructed.json': { products: [], note: 'masked' },
    'live-pop-v3-changed.constructed.json': { products: [], note: 'unreadable' },
    'video-detail.constructed.json': {
      products: [{ productId: TEA, price: 7490, channel: 'video' }],
      subject: true,
    },
  };
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it('has a row for every fixture', () => {
    expect(files.sort()).toEqual(Object.keys(TABLE).sort());
  });

  it.each(files)('%s', (file) => {
    const row = TABLE[file] as Row;
    const f = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { url: string; data: unknown; page?: string };
    const page = row.page ?? f.page ?? PAGE;
    const got = readResponse(f.url, f.data, page, NOW) as ProductSnapshot[];
    expect(got.map((s) => s.productId)).toEqual(row.products.map((p) => p.productId));
    row.products.forEach((p, i) => {
      const s = got[i] as ProductSnapshot;
      expect(s).toMatchObject({ kind: 'product', platform: 'douyin', url: page, price: cny(p.price), capturedAt: NOW });
      if (p.listPrice) expect(s.listPrice).toEqual(cny(p.listPrice));
      expect(s.channel).toBe(p.channel);
      if (p.roomId) expect(s.roomId).toBe(p.roomId);
      if (p.channel === 'video') expect(s.videoId).toBe('7398765432109876543');
      // never a number made of a masked price, never a price of 0
      expect(s.price.amount).toBeGreaterThan(0);
    });
    const full = readResponseFull(RESPONSE_READERS, f.url, f.data, page, NOW);
    expect(full.snapshots).toEqual(got);
    expect(full.subject ?? false).toBe(row.subject ?? false);
    expect(full.note).toBe(row.note);
    expect(full.skus?.prices.map((p) => p.price.amount)).toEqual(row.skus);
  });
});

describe('Douyin product pages: the three URL forms, 券后 vs 原价 vs 划线', () => {
  const f = load('pack-h5-constructed.json');
  it.each([
    'https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?id=3581234567890123456',
    'https://haohuo.jinritemai.com/views/product/item2?id=3581234567890123456',
    `https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?goods_detail=${encodeURIComponent(
      JSON.stringify({ product_id: '3581234567890123456', title: '云南高山红茶', min_price: 100, max_price: 200 }),
    )}`,
  ])('%s', (page) => {
    const [s] = readResponse(f.url, f.data, page, NOW) as ProductSnapshot[];
    expect(s).toMatchObject({ productId: '3581234567890123456', price: cny(7990), listPrice: cny(19900) });
    // 原价 is a candidate of its own; the price offered is 到手价; listPrice is 划线 only
    expect(s?.candidates).toEqual([
      { price: cny(7990), source: 'embedded', label: '到手价', selector: 'promotion_h5.price' },
      { price: cny(19900), source: 'embedded', label: '划线价', selector: 'promotion_h5.market_price' },
      { price: cny(9900), source: 'embedded', label: '原价', selector: 'promotion_h5.original_price' },
    ]);
  });

  it('a share URL naming another product is not this one; the share JSON’s own prices are never read', () => {
    const other = `https://haohuo.jinritemai.com/ecommerce/trade/detail/index.html?goods_detail=${encodeURIComponent(
      JSON.stringify({ product_id: '3581234567890000000', min_price: 100 }),
    )}`;
    expect(readResponse(f.url, f.data, other, NOW)).toEqual([]);
  });
});

describe('responses merged on one page: subject first, SKU prices on their product', () => {
  const ROOM = 'https://live.douyin.com/731234567890';
  const read = (file: string, page = ROOM) => {
    const f = load(file);
    return readResponseFull(RESPONSE_READERS, f.url, f.data, page, NOW);
  };
  it('the cart list after pop/v3 keeps the explained product first, each product once', () => {
    let st = mergeResponseRead(null, ROOM, read('live-pop-v3.constructed.json'));
    st = mergeResponseRead(st, ROOM, read('live-page.constructed.json'));
    const ids = responseSnapshots(st).map((s) => (s as ProductSnapshot).productId);
    expect(ids).toEqual(['3581234567890123456', '3600000000000000002', '3600000000000000003']);
  });
  it('the cart list before pop/v3: the explained product still comes first once known', () => {
    let st = mergeResponseRead(null, ROOM, read('live-page.constructed.json'));
    expect((responseSnapshots(st)[0] as ProductSnapshot).productId).toBe('3600000000000000002');
    st = mergeResponseRead(st, ROOM, read('live-pop-v3.constructed.json'));
    expect((responseSnapshots(st)[0] as ProductSnapshot).productId).toBe('3581234567890123456');
  });
  it('SKU prices (fen) land on the page’s product, before or after it is read', () => {
    const skus = read('common-skus.constructed.json', PAGE);
    let st = mergeResponseRead(null, PAGE, skus);
    expect(responseSnapshots(st)).toEqual([]);
    st = mergeResponseRead(st, PAGE, read('pack-h5-constructed.json', PAGE));
    expect((responseSnapshots(st)[0] as ProductSnapshot).skuPrices).toEqual([
      { sku: '1790000000000000001', price: cny(7990) },
      { sku: '1790000000000000002', price: cny(12990) },
    ]);
  });
  it('another page URL starts afresh', () => {
    const st = mergeResponseRead(null, ROOM, read('live-pop-v3.constructed.json'));
    expect(mergeResponseRead(st, `${ROOM}?x=1`, { snapshots: [] }).seen.size).toBe(0);
  });
});

describe('live rooms and videos: hostile bodies', () => {
  const POP = 'https://live.douyin.com/live/promotions/pop/v3/';
  const VIDEO = 'https://www.douyin.com/aweme/v1/web/aweme/detail/';
  const ROOM = 'https://live.douyin.com/731234567890';
  const VPAGE = 'https://www.douyin.com/video/7398765432109876543';
  const item = (o: Record<string, unknown>) => ({ promotions: [{ product_id: '3581234567890123456', ...o }] });
  const card = (extra: unknown, id = '7398765432109876543') => ({
    aweme_detail: { aweme_id: id, anchor_info: { type: 3, extra } },
  });
  let deep: unknown = [];
  for (let i = 0; i < 100_000; i++) deep = { promotions: deep };
  it.each([
    ['masked fen', POP, item({ min_price: '2???' }), ROOM],
    ['a price as a decimal in a fen field', POP, item({ min_price: 59.9 }), ROOM],
    ['a negative price', POP, item({ min_price: -5990 }), ROOM],
    ['a price as an object', POP, item({ min_price: { toString: () => '5990' } }), ROOM],
    ['an unsafe integer', POP, item({ min_price: 2 ** 60 }), ROOM],
    ['promotions not a list', POP, { promotions: { 0: { product_id: '1', min_price: 1 } } }, ROOM],
    ['deeply nested', POP, deep, ROOM],
    [
      '__proto__ list',
      POP,
      JSON.parse('{"__proto__":{"promotions":[{"product_id":"3581234567890123456","min_price":1}]}}'),
      ROOM,
    ],
    ['not a room page', POP, item({ min_price: 5990 }), 'https://live.douyin.com/'],
    [
      'a video of another id',
      VIDEO,
      card(JSON.stringify([{ product_id: '3581234567890123456', price: 1 }]), '1'),
      VPAGE,
    ],
    ['extra not JSON', VIDEO, card('[{'), VPAGE],
    ['extra huge', VIDEO, card(`[${'1,'.repeat(100_000)}1]`), VPAGE],
    ['extra masked', VIDEO, card(JSON.stringify([{ product_id: '3581234567890123456', price: '7???' }])), VPAGE],
    ['extra __proto__', VIDEO, card('[{"__proto__":{"product_id":"3581234567890123456","price":1}}]'), VPAGE],
    [
      'anchor of another type',
      VIDEO,
      { aweme_detail: { aweme_id: '7398765432109876543', anchor_info: { type: '3', extra: '[]' } } },
      VPAGE,
    ],
  ])('%s: nothing', (_n, url, body, page) => {
    expect(readResponse(url, body, page, NOW)).toEqual([]);
  });

  it('a huge cart list is bounded: at most 50 snapshots, titles cut', () => {
    const promotions = Array.from({ length: 5000 }, (_, i) => ({
      product_id: String(3_600_000_000_000_000_000n + BigInt(i)),
      title: 'x'.repeat(10_000),
      min_price: 100 + i,
    }));
    const got = readResponse('https://live.douyin.com/live/promotions/page/', { promotions }, ROOM, NOW);
    expect(got.length).toBeLessThanOrEqual(50);
    for (const s of got) expect(s.kind === 'product' && s.title.length).toBeLessThanOrEqual(300);
  });

  it('wrong types give no snapshot and never throw', () => {
    for (const body of [null, 1, 'x', [], { promotions: [null, 1, 'x', [], { product_id: {} }] }])
      for (const url of [POP, VIDEO, 'https://haohuo.jinritemai.com/live/promotion/common_skus/'])
        expect(readResponse(url, body, url === VIDEO ? VPAGE : ROOM, NOW)).toEqual([]);
  });
});

describe('a reader answering snapshots alone', () => {
  it('is read as a read without subject, SKU prices or note', () => {
    const f = load('pack-h5-constructed.json');
    const snapshots = readResponse(f.url, f.data, PAGE, NOW);
    const plain = { id: 'plain', matches: () => true, read: () => snapshots };
    expect(readResponseFull([plain], f.url, f.data, PAGE, NOW)).toEqual({ snapshots });
  });
});
