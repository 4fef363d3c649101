/**
 * readResponse on Pinduoduo's later order-list pages (order_list_v4, constructed from PLATFORMS.md's keys: SOURCE.md):
 * each order of the answer is an order of the list page, in fen; hostile answers give nothing and never throw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResponse } from '@/lib/sites';
import { mergeResponseRead, readResponseFull, withPageReading } from '@/lib/sites/responses';
import { pddResponses } from '@/lib/sites/pdd-response';
import type { OrderSnapshot } from '@/lib/core/model';

const f = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/responses/pdd/order-list-v4-page2.constructed.json'), 'utf8'),
) as { url: string; data: unknown };
const PAGE = 'https://mobile.yangkeduo.com/orders.html?type=0';
const NOW = 1_762_700_000_000;
const cny = (amount: number) => ({ amount, currency: 'CNY' });

describe('readResponse: Pinduoduo order_list_v4', () => {
  it('reads every order of a later page: number, paid (fen), time (s), shop and goods', () => {
    const [a, b, ...rest] = readResponse(f.url, f.data, PAGE, NOW) as OrderSnapshot[];
    expect(rest).toEqual([]);
    expect(a).toEqual({
      kind: 'order',
      platform: 'pdd',
      url: PAGE,
      orderId: '251031-555555555555555',
      paid: cny(2680),
      placedAt: 1761883200_000,
      shop: '果园直发店',
      status: '待收货',
      items: [{ productId: '700000000777', title: '赣南脐橙 5斤', unitPrice: cny(2680), quantity: 1, sku: '中果' }],
      capturedAt: NOW,
    });
    expect(b).toMatchObject({
      orderId: '251029-444444444444444',
      paid: cny(1500),
      placedAt: 1761710400_000,
      items: [{ productId: '700000000888', quantity: 3, unitPrice: cny(500) }],
    });
  });

  it('reads nothing for another endpoint, another site, or the answer seen on a page not of Pinduoduo', () => {
    expect(readResponse('https://mobile.yangkeduo.com/proxy/api/api/other', f.data, PAGE, NOW)).toEqual([]);
    expect(readResponse('https://evil.example/proxy/api/api/aristotle/order_list_v4', f.data, PAGE, NOW)).toEqual([]);
    expect(readResponse(f.url, f.data, 'https://evil.example/orders.html', NOW)).toEqual([]);
  });

  it.each([
    ['not an object', 'orders'],
    ['orders not a list', { orders: { order_sn: '251031-555555555555555' } }],
    [
      'a yuan decimal paid (not this answer’s unit: not guessed)',
      { orders: [{ order_sn: '251031-1234567', pay_amount: 26.8 }] },
    ],
    ['a negative paid', { orders: [{ order_sn: '251031-1234567', pay_amount: -1 }] }],
    ['an order number that is not one', { orders: [{ order_sn: '<img src=x>', pay_amount: 100 }] }],
    ['__proto__ keys', JSON.parse('{"orders":[{"__proto__":{"order_sn":"251031-1234567","pay_amount":100}}]}')],
    ['deep nesting', { orders: [JSON.parse('['.repeat(2000) + ']'.repeat(2000))] }],
  ])('hostile: %s gives nothing', (_what, body) => {
    expect(readResponse(f.url, body, PAGE, NOW)).toEqual([]);
  });

  it('keeps at most 50 orders of a huge answer', () => {
    const orders = Array.from({ length: 5000 }, (_, i) => ({
      order_sn: `251031-${String(100000000 + i)}`,
      pay_amount: 100,
      order_goods: [],
    }));
    expect(readResponse(f.url, { orders }, PAGE, NOW)).toHaveLength(50);
  });

  it('adds to the page’s own first page: rawData’s orders first, then those only the answer names, each once', () => {
    const got = readResponseFull([pddResponses], f.url, f.data, PAGE, NOW);
    expect(got.adds).toBe(true);
    const state = mergeResponseRead(null, PAGE, got);
    const first = readResponse(f.url, f.data, PAGE, NOW).slice(1); // the page already shows one of them itself
    const own = [
      { ...first[0]!, capturedAt: NOW - 1 },
      { ...first[0]!, orderId: '251108-222222222222222' },
    ];
    expect(withPageReading(state, own).map((s) => (s as OrderSnapshot).orderId)).toEqual([
      '251029-444444444444444',
      '251108-222222222222222',
      '251031-555555555555555',
    ]);
  });
});
