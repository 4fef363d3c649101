/**
 * readResponse on Taobao's H5 order list (mtop.taobao.order.queryboughtlistv2; constructed from public code's keys:
 * tests/fixtures/responses/taobao-m SOURCE.md): each order spread over an Ultron component map becomes an order of
 * the list page (yuan → fen, Shanghai times, items, tracking number); a JSONP text, plain JSON and `data.result` as a
 * string all read; an expired session is nothing; hostile answers give nothing and never throw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResponse } from '@/lib/sites';
import { mergeResponseRead, readResponseFull, withPageReading } from '@/lib/sites/responses';
import { taobaoMobileOrderResponses } from '@/lib/sites/taobao-m-response';
import { readDetail } from '@/lib/content/page-responses/listen';
import { keptUrl, TAOBAO_M_KEPT } from '@/lib/content/page-responses/urls';
import type { OrderSnapshot } from '@/lib/core/model';

interface Fixture {
  page: string;
  url: string;
  data?: unknown;
  text?: string;
}
const load = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, `../../fixtures/responses/taobao-m/${name}`), 'utf8')) as Fixture;
const jsonp = load('list-jsonp.constructed.json');
const plain = load('list-originaljson.constructed.json');
const result = load('list-result-string.constructed.json');
const expired = load('session-expired.constructed.json');
const NOW = Date.UTC(2026, 11, 1);
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const read = (body: unknown, url = plain.url, page = plain.page) =>
  readResponseFull([taobaoMobileOrderResponses], url, body, page, NOW);
/** What the isolated side hands the reader for a fixture: its JSONP text goes through readDetail like a real one. */
function bodyOf(f: Fixture): unknown {
  if (f.text === undefined) return f.data;
  const r = readDetail(JSON.stringify({ u: f.url, s: 200, t: f.text }), TAOBAO_M_KEPT);
  expect(r?.url).toBe(f.url);
  return r?.body;
}
/** An answer of one component map. */
const answer = (data: Record<string, unknown>) => ({
  api: 'mtop.taobao.order.queryboughtlistv2',
  ret: ['SUCCESS::调用成功'],
  data: { data },
});
const ID = '3300000000000000001';
const minimal = (extra: Record<string, unknown> = {}) =>
  answer({
    [`Main_${ID}`]: { fields: { orderId: ID } },
    [`pay_${ID}/0`]: { fields: { actualFee: { value: '￥10.00' } } },
    ...extra,
  });

describe('readResponse: Taobao H5 queryboughtlistv2', () => {
  it('the JSONP answer (Main_/sellerInfo_/pay_/item_/mainLogistics_): orders, paid in fen, goods, tracking number', () => {
    const got = read(bodyOf(jsonp), jsonp.url, jsonp.page);
    expect(got.adds).toBe(true);
    expect(got.note).toBeUndefined();
    const [a, b, ...rest] = got.snapshots as OrderSnapshot[];
    expect(rest).toEqual([]);
    expect(a).toEqual({
      kind: 'order',
      platform: 'taobao',
      url: jsonp.page,
      orderId: '3100000000000000101',
      paid: cny(19428),
      shop: '示例数码专营店',
      status: '卖家已发货',
      trackingNumbers: ['YT7000000000001'],
      items: [
        { title: '示例 蓝牙耳机', quantity: 1, sku: '颜色分类：黑色' },
        { title: '示例 耳机保护套', quantity: 2 },
      ],
      capturedAt: NOW,
    });
    expect(b).toMatchObject({ orderId: '3100000000000000102', paid: cny(3550), status: '交易成功' });
    expect(b?.placedAt).toBeUndefined();
  });

  it('the plain JSON answer (shopInfo_/orderPayment_/orderItemInfo_): Shanghai time, shop, status; unpaid is no order', () => {
    const [c, d, ...rest] = read(bodyOf(plain)).snapshots as OrderSnapshot[];
    expect(rest).toEqual([]);
    expect(c).toEqual({
      kind: 'order',
      platform: 'taobao',
      url: plain.page,
      orderId: '3200000000000000201',
      paid: cny(12900),
      placedAt: Date.UTC(2026, 10, 28, 12, 15, 42),
      shop: '示例天猫旗舰店',
      status: '卖家已发货',
      items: [{ title: '示例 电动牙刷 声波款', quantity: 1 }],
      capturedAt: NOW,
    });
    expect(d).toMatchObject({
      orderId: '3200000000000000202',
      paid: cny(123450),
      placedAt: Date.UTC(2026, 10, 20, 1, 5, 0),
      items: [
        { title: '示例 折叠伞', quantity: 1 },
        { title: '运费险', quantity: 2 },
      ],
    });
  });

  it('data.result as a JSON string of the same map', () => {
    expect(read(bodyOf(result)).snapshots).toMatchObject([{ orderId: '3200000000000000201', paid: cny(12900) }]);
    const bare = answer({});
    (bare.data as Record<string, unknown>) = { result: JSON.stringify(minimal().data.data) };
    expect(read(bare).snapshots).toMatchObject([{ orderId: ID, paid: cny(1000) }]);
  });

  it('an expired session is nothing, and no note', () => {
    expect(read(bodyOf(expired), expired.url, expired.page)).toEqual({ snapshots: [] });
  });

  it('the list’s answers are kept, any api-name case; other mtop answers and other pages are not this reader’s', () => {
    for (const f of [jsonp, plain, result, expired]) expect(keptUrl(f.url)).toBe(true);
    const body = minimal();
    expect(readResponse(plain.url, body, plain.page, NOW)).toHaveLength(1);
    const other = 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv3/1.0/?type=originaljson';
    expect(keptUrl(other)).toBe(false);
    expect(readResponse(other, body, plain.page, NOW)).toEqual([]);
    expect(
      readResponse('https://evil.example/h5/mtop.taobao.order.queryboughtlistv2/1.0/', body, plain.page, NOW),
    ).toEqual([]);
    expect(readResponse(plain.url, body, 'https://evil.example/olist/index.html', NOW)).toEqual([]);
  });

  it.each([
    ['not an object', 'data'],
    ['a list', [minimal()]],
    ['no component map', { ret: ['SUCCESS::调用成功'], data: { mainOrders: [{ id: ID }] } }],
    ['a map without components', answer({ mainOrders: [{ id: ID }] })],
    ['data.result that is no JSON', { ret: ['SUCCESS::调用成功'], data: { result: '{' } }],
    ['data.result over the bound', { ret: ['SUCCESS::调用成功'], data: { result: `"${'x'.repeat(600_000)}"` } }],
    ['ret not a list', { ...minimal(), ret: 'SUCCESS::调用成功' }],
  ])('a shape it does not know (%s): nothing, said as unreadable', (_what, body) => {
    expect(read(body)).toEqual({ snapshots: [], note: 'unreadable' });
  });

  it.each([
    ['no paid amount', answer({ [`Main_${ID}`]: { fields: { orderId: ID } } })],
    ['a paid amount of 0', minimal({ [`pay_${ID}/0`]: { fields: { actualFee: { value: '￥0.00' } } } })],
    ['markup as paid amount', minimal({ [`pay_${ID}/0`]: { fields: { actualFee: { value: '<img src=x>1' } } } })],
    ['an object as paid amount', minimal({ [`pay_${ID}/0`]: { fields: { actualFee: { value: { v: 1 } } } } })],
    [
      'a paid amount of another order',
      answer({
        [`Main_${ID}`]: { fields: { orderId: ID } },
        'pay_3300000000000000002/0': { fields: { actualFee: { value: '￥10.00' } } },
      }),
    ],
    [
      'no head (only a wrapper and a payment)',
      answer({
        [`MainGroup_${ID}`]: { fields: {} },
        [`pay_${ID}/0`]: { fields: { actualFee: { value: '￥10.00' } } },
      }),
    ],
    [
      'a key that is no order id',
      answer({
        'Main_<b>1</b>': { fields: { orderId: '<b>1</b>' } },
        'pay_<b>1</b>/0': { fields: { actualFee: { value: '￥10.00' } } },
      }),
    ],
    [
      'a short id',
      answer({
        Main_12345: { fields: { orderId: '12345' } },
        'pay_12345/0': { fields: { actualFee: { value: '￥10.00' } } },
      }),
    ],
    [
      '__proto__ keys',
      JSON.parse(
        `{"ret":["SUCCESS::x"],"data":{"data":{"__proto__":{"fields":{"orderId":"${ID}"}},"Main_${ID}":{"__proto__":{"fields":{"orderId":"${ID}"}}},"pay_${ID}/0":{"fields":{"__proto__":{"actualFee":{"value":"1"}}}}}}}`,
      ),
    ],
    [
      'fields as a string',
      answer({
        [`Main_${ID}`]: { fields: JSON.stringify({ orderId: ID }) },
        [`pay_${ID}/0`]: { fields: { actualFee: { value: '￥10.00' } } },
      }),
    ],
  ])('hostile: %s gives nothing', (_what, body) => {
    expect(read(body).snapshots).toEqual([]);
    expect(({} as Record<string, unknown>).fields).toBeUndefined();
  });

  it('never mixes ids: a component whose key and orderId name two orders is dropped', () => {
    const other = '3300000000000000002';
    const got = read(
      minimal({
        [`shopInfo_${ID}`]: { fields: { orderId: other, shopName: '别的店', createTime: '2026-11-01 00:00:00' } },
        [`item_${ID}_1_1`]: { fields: { item: { title: '本单商品', quantity: 1 } } },
        [`item_${other}_1_1`]: { fields: { item: { title: '别单商品', quantity: 1 } } },
        [`mainLogistics_${other}`]: { fields: { mailNo: 'SF0000000000009' } },
      }),
    ).snapshots as OrderSnapshot[];
    expect(got).toEqual([
      {
        kind: 'order',
        platform: 'taobao',
        url: plain.page,
        orderId: ID,
        paid: cny(1000),
        items: [{ title: '本单商品', quantity: 1 }],
        capturedAt: NOW,
      },
    ]);
  });

  it('a sub-order the key names too is the same order’s (orderItemInfo_<id>_<subId> with orderId = subId)', () => {
    const sub = '3300000000000000009';
    const got = read(
      minimal({
        [`orderItemInfo_${ID}_${sub}`]: { fields: { orderId: sub, item: { title: '子订单商品', quantity: '3' } } },
        [`orderItemInfo_${ID}_${sub}x`]: { fields: { orderId: sub, item: { title: '键不合', quantity: '1' } } },
        [`orderItemInfo_${ID}_1`]: {
          fields: { orderId: '3300000000000000008', item: { title: '别单', quantity: '1' } },
        },
      }),
    ).snapshots as OrderSnapshot[];
    expect(got[0]?.items).toEqual([{ title: '子订单商品', quantity: 3 }]);
  });

  it('reads what it can of a half-broken order: wrong types left out', () => {
    const [s] = read(
      minimal({
        [`Main_${ID}`]: { fields: { orderId: ID, createTime: 'yesterday' } },
        [`sellerInfo_${ID}`]: { fields: { status: { text: 7 }, seller: 'shop' } },
        [`item_${ID}_1_1`]: { fields: { item: { title: 5 } } },
        [`item_${ID}_1_2`]: { fields: null },
        [`item_${ID}_1_3`]: { fields: { item: { title: '<b>名</b>', quantity: 'x'.repeat(10_000), skuText: ['a'] } } },
        [`mainLogistics_${ID}`]: { fields: { mailNo: 'not a number!' } },
      }),
    ).snapshots as OrderSnapshot[];
    expect(s).toEqual({
      kind: 'order',
      platform: 'taobao',
      url: plain.page,
      orderId: ID,
      paid: cny(1000),
      items: [{ title: '<b>名</b>', quantity: 1 }],
      capturedAt: NOW,
    });
  });

  it('an order id given as a number in fields is the same order', () => {
    const id = '330000000000001';
    const got = read(
      answer({
        [`Main_${id}`]: { fields: { orderId: Number(id) } },
        [`pay_${id}/0`]: { fields: { actualFee: { value: '10' } } },
      }),
    ).snapshots;
    expect(got).toMatchObject([{ orderId: id, paid: cny(1000) }]);
  });

  it('bounded: at most 50 orders, 100 goods an order, 2000 components looked at, bounded texts', () => {
    const map: Record<string, unknown> = {};
    for (let i = 0; i < 60; i++) {
      const id = String(3400000000000000000n + BigInt(i));
      map[`Main_${id}`] = { fields: { orderId: id } };
      map[`shopInfo_${id}`] = { fields: { shopName: '店'.repeat(100_000), tradeTitle: 'x'.repeat(100_000) } };
      map[`pay_${id}/0`] = { fields: { actualFee: { value: '￥1.00' } } };
      if (i === 0)
        for (let k = 0; k < 300; k++) map[`item_${id}_1_${k}`] = { fields: { item: { title: 'w', quantity: 1 } } };
    }
    const got = read(answer(map)).snapshots as OrderSnapshot[];
    expect(got).toHaveLength(50);
    expect(got[0]?.items).toHaveLength(100);
    expect(got[0]?.shop?.length).toBeLessThanOrEqual(200);
    expect(got[0]?.status?.length).toBeLessThanOrEqual(200);

    // An order whose components come after the first 2000 keys is not read.
    const late: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) late[`filler${i}`] = { fields: {} };
    Object.assign(late, minimal().data.data);
    expect(read(answer(late)).snapshots).toEqual([]);
  });

  it('huge strings and deep nesting give nothing and do not throw', () => {
    expect(
      read(minimal({ [`pay_${ID}/0`]: { fields: { actualFee: { value: '9'.repeat(100_000) } } } })).snapshots,
    ).toEqual([]);
    const deep = JSON.parse('['.repeat(2000) + ']'.repeat(2000)) as unknown;
    expect(read(answer({ [`Main_${ID}`]: { fields: deep } })).snapshots).toEqual([]);
    expect(read({ ret: ['SUCCESS::x'], data: { data: deep } })).toEqual({ snapshots: [], note: 'unreadable' });
  });

  it('adds to the page’s own reading (the list page shows no order itself), each order once', () => {
    let state = mergeResponseRead(null, plain.page, read(bodyOf(plain)));
    state = mergeResponseRead(state, plain.page, read(minimal()));
    state = mergeResponseRead(state, plain.page, read(bodyOf(plain)));
    const ids = withPageReading(state, []).map((s) => (s.kind === 'order' ? s.orderId : ''));
    expect(ids).toEqual(['3200000000000000201', '3200000000000000202', ID]);
  });
});
