/**
 * readResponse on JD's H5 order list (order_list_m, constructed from public code's keys: tests/fixtures/responses/jd-m
 * SOURCE.md): each order of an answer is an order of the list page (yuan → fen, Shanghai times); hostile answers give
 * nothing and never throw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResponse } from '@/lib/sites';
import { mergeResponseRead, readResponseFull, withPageReading } from '@/lib/sites/responses';
import { jdMobileOrderResponses } from '@/lib/sites/jd-m-response';
import { keptUrl } from '@/lib/content/page-responses/urls';
import type { OrderSnapshot } from '@/lib/core/model';

const f = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/responses/jd-m/order-list-m.constructed.json'), 'utf8'),
) as { url: string; data: unknown };
const PAGE = 'https://trade.m.jd.com/order/orderlist_jdm.shtml?sceneval=2&orderType=all';
const NOW = Date.UTC(2026, 11, 1);
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const one = (o: Record<string, unknown>) => ({ body: { orderList: [o] } });

describe('readResponse: JD H5 order_list_m', () => {
  it('reads every order of a page of the list: number, paid (yuan → fen), Shanghai time, shop, status, goods', () => {
    const [a, b, ...rest] = readResponse(f.url, f.data, PAGE, NOW) as OrderSnapshot[];
    expect(rest).toEqual([]);
    expect(a).toEqual({
      kind: 'order',
      platform: 'jd',
      url: PAGE,
      orderId: '300000000001',
      paid: cny(12900),
      placedAt: Date.UTC(2026, 10, 28, 12, 15, 42),
      shop: '示例京东自营旗舰店',
      status: '等待收货',
      items: [
        { title: '示例 电动牙刷 声波款', quantity: 1, productId: '100000000011' },
        { title: '示例 替换刷头 4支装', quantity: 2, productId: '100000000012' },
      ],
      capturedAt: NOW,
    });
    expect(b).toMatchObject({ orderId: '300000000002', paid: cny(3550), status: '已完成', shop: '示例图书专营店' });
  });

  it('the list page keeps the answer; other api.m.jd.com calls are not this reader’s', () => {
    expect(keptUrl(f.url)).toBe(true);
    expect(keptUrl('https://api.m.jd.com/client.action?appid=m_core&functionId=order_list_m')).toBe(true);
    const other = 'https://api.m.jd.com/client.action?appid=m_core&functionId=order_list_mx';
    expect(readResponse(other, f.data, PAGE, NOW)).toEqual([]);
    expect(readResponse('https://api.m.jd.com/api?functionId=order_list_m', f.data, PAGE, NOW)).toEqual([]);
    expect(readResponse('https://evil.example/client.action?functionId=order_list_m', f.data, PAGE, NOW)).toEqual([]);
    expect(readResponse(f.url, f.data, 'https://evil.example/order/orderlist_jdm.shtml', NOW)).toEqual([]);
  });

  it.each([
    ['not an object', 'orderList'],
    ['orderList at the top (another client’s answer)', { orderList: [{ orderId: '300000000001', shouldPay: '1.00' }] }],
    ['orderList not a list', { body: { orderList: { orderId: '300000000001', shouldPay: '1.00' } } }],
    ['no paid amount', one({ orderId: '300000000001' })],
    ['a paid amount that is not one', one({ orderId: '300000000001', shouldPay: '<img src=x onerror=alert(1)>' })],
    ['a negative paid amount', one({ orderId: '300000000001', shouldPay: -1 })],
    ['an object as paid amount', one({ orderId: '300000000001', shouldPay: { value: '1.00' } })],
    ['an order number that is not one', one({ orderId: '<b>1</b>', shouldPay: '1.00' })],
    ['a fractional order number', one({ orderId: 3.5, shouldPay: '1.00' })],
    ['__proto__ keys', JSON.parse('{"body":{"orderList":[{"__proto__":{"orderId":"300000000001","shouldPay":"1"}}]}}')],
    ['deep nesting', { body: { orderList: [JSON.parse('['.repeat(2000) + ']'.repeat(2000))] } }],
  ])('hostile: %s gives nothing', (_what, body) => {
    expect(readResponse(f.url, body, PAGE, NOW)).toEqual([]);
  });

  it('reads what it can of a half-broken order: no time, no shop, goods without a name left out', () => {
    const [s] = readResponse(
      f.url,
      one({
        orderId: '300000000009',
        shouldPay: 12.5,
        submitDate: 'yesterday',
        shopInfo: 'shop',
        orderStatusInfo: { orderStatusName: 7 },
        wareInfoList: [{ wareName: 5 }, null, { wareName: '<b>名</b>', num: 'x'.repeat(10_000) }],
      }),
      PAGE,
      NOW,
    ) as OrderSnapshot[];
    expect(s).toEqual({
      kind: 'order',
      platform: 'jd',
      url: PAGE,
      orderId: '300000000009',
      paid: cny(1250),
      items: [{ title: '<b>名</b>', quantity: 1 }],
      capturedAt: NOW,
    });
  });

  it('keeps at most 50 orders of a huge answer, 100 goods an order, and bounded texts', () => {
    const orderList = Array.from({ length: 500 }, (_, i) => ({
      orderId: String(300000000000 + i),
      shouldPay: '1.00',
      shopInfo: { shopName: '店'.repeat(100_000) },
      wareInfoList: Array.from({ length: 300 }, () => ({ wareName: 'w', num: 1 })),
    }));
    const got = readResponse(f.url, { body: { orderList } }, PAGE, NOW) as OrderSnapshot[];
    expect(got).toHaveLength(50);
    expect(got[0]?.items).toHaveLength(100);
    expect(got[0]?.shop?.length).toBeLessThanOrEqual(200);
  });

  it('adds to the page’s own reading (the list page shows no order itself), each order once', () => {
    const got = readResponseFull([jdMobileOrderResponses], f.url, f.data, PAGE, NOW);
    expect(got.adds).toBe(true);
    let state = mergeResponseRead(null, PAGE, got);
    // A later page of the list (scrolling) adds its orders; the same order read again stays once.
    const page2 = one({ orderId: '300000000003', shouldPay: '9.90', wareInfoList: [{ wareName: '第三单', num: 1 }] });
    state = mergeResponseRead(state, PAGE, readResponseFull([jdMobileOrderResponses], f.url, page2, PAGE, NOW));
    state = mergeResponseRead(state, PAGE, readResponseFull([jdMobileOrderResponses], f.url, f.data, PAGE, NOW));
    const ids = withPageReading(state, []).map((s) => (s.kind === 'order' ? s.orderId : ''));
    expect(ids).toEqual(['300000000001', '300000000002', '300000000003']);
  });
});

describe('readResponse: JD H5 order_detail_m', () => {
  const d = JSON.parse(
    readFileSync(join(__dirname, '../../fixtures/responses/jd-m/order-detail-m.constructed.json'), 'utf8'),
  ) as { page: string; url: string; data: unknown };

  it('the order page’s order: number, paid (factPrice), Shanghai time, shop; no goods (no public keys for them)', () => {
    expect(keptUrl(d.url)).toBe(true);
    const got = readResponseFull([jdMobileOrderResponses], d.url, d.data, d.page, NOW);
    expect(got.subject).toBe(true);
    expect(got.adds).toBeUndefined();
    expect(got.snapshots).toEqual([
      {
        kind: 'order',
        platform: 'jd',
        url: d.page,
        orderId: '300000000001',
        paid: cny(12900),
        placedAt: Date.UTC(2026, 10, 28, 12, 15, 42),
        shop: '示例京东自营旗舰店',
        items: [],
        capturedAt: NOW,
      },
    ]);
  });

  it('nothing when the page shows another order, or the answer lacks a number or a paid amount', () => {
    const other = 'https://trade.m.jd.com/order/n_detail_jdm.shtml?deal_id=300000000999';
    expect(readResponse(d.url, d.data, other, NOW)).toEqual([]);
    const body = (common: unknown, factPrice: unknown) => ({
      body: { orderCommonVo: common, orderPriceInfo: { factPrice } },
    });
    expect(readResponse(d.url, body({ dateSubmit: '2026-11-28 20:15:42' }, '1.00'), d.page, NOW)).toEqual([]);
    expect(readResponse(d.url, body({ orderId: '300000000001' }, null), d.page, NOW)).toEqual([]);
    expect(readResponse(d.url, body({ orderId: '300000000001' }, ['1.00']), d.page, NOW)).toEqual([]);
    expect(readResponse(d.url, body('300000000001', '1.00'), d.page, NOW)).toEqual([]);
    expect(readResponse(d.url, { orderList: [] }, d.page, NOW)).toEqual([]);
    // Without a deal_id in the page URL the answer's own order stands.
    const bare = 'https://wqs.jd.com/order/n_detail_jdm.shtml?sceneval=2';
    expect(readResponse(d.url, body({ orderId: '300000000001' }, 3), bare, NOW)).toMatchObject([
      { orderId: '300000000001', paid: cny(300), items: [] },
    ]);
  });
});

describe('a paid amount of 0', () => {
  it('is taken as not said: no order rather than one that paid nothing', () => {
    const body = {
      body: { orderList: [{ orderId: '301234567890', submitDate: '2025-11-04 18:04:55', shouldPay: '0.00' }] },
    };
    const got = readResponse(
      'https://api.m.jd.com/client.action?functionId=order_list_m&appid=m_core',
      body,
      'https://trade.m.jd.com/order/orderlist_jdm.shtml',
      Date.UTC(2025, 10, 5),
    );
    // An order needs what was paid (lib/sites/build.ts order): none is stored rather than one with a refund ceiling of 0.
    expect(got).toEqual([]);
  });
});
