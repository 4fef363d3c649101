import { evaluate, type RulesHistory } from '../../../lib/rules/index';
import type { OrderSnapshot, PageSnapshot } from '../../../lib/core/model';
import { D, H, T0, cny, ids, ofKind, order, product, ticket } from './builders';

const drops = (snapshots: PageSnapshot[], now: number, settings = {}) =>
  ofKind(evaluate({ snapshots }, now, settings), 'price-drop');

describe('price-drop', () => {
  it('reports the difference, the window end and the days left (JD default 7 天)', () => {
    const [alert] = drops([order(), product(8800, T0 + 2 * D)], T0 + 3 * D);
    expect(alert).toEqual({
      id: 'price-drop:jd:O1:P1:8800',
      kind: 'price-drop',
      platform: 'jd',
      orderId: 'O1',
      productId: 'P1',
      raisedAt: T0 + 2 * D,
      dueAt: T0 + 7 * D,
      amount: cny(1200),
      message: '价格下降 ¥12.00，价保还剩 4 天',
    });
  });

  it.each<[string, Partial<OrderSnapshot>, number, boolean]>([
    ['default 7 天: day 10 is outside', {}, T0 + 10 * D, false],
    ['JD 15 天价保 on the order', { priceProtectionDays: 15 }, T0 + 10 * D, true],
    [
      'JD 15 天价保 on the item',
      { items: [{ productId: 'P1', title: 'x', unitPrice: cny(10000), quantity: 1, priceProtectionDays: 15 }] },
      T0 + 10 * D,
      true,
    ],
    ['JD 30 天价保, day 29', { priceProtectionDays: 30 }, T0 + 29 * D, true],
    [
      'Taobao 价保期 until day 5, seen day 4',
      { platform: 'taobao', priceProtectionUntil: T0 + 5 * D },
      T0 + 4 * D,
      true,
    ],
    [
      'Taobao 价保期 until day 5, seen day 6',
      { platform: 'taobao', priceProtectionUntil: T0 + 6 * D - 1 },
      T0 + 6 * D,
      false,
    ],
    ['stated end wins over days', { priceProtectionDays: 30, priceProtectionUntil: T0 + 3 * D }, T0 + 4 * D, false],
    ['placedAt when paidAt is unknown', { paidAt: undefined, placedAt: T0 }, T0 + 6 * D, true],
    ['no paidAt nor placedAt: no window', { paidAt: undefined }, T0 + 1 * D, false],
    ['price seen before payment', {}, T0 - 1, false],
  ])('%s', (_name, fields, seenAt, expected) => {
    const snapshots = [order(fields), product(8000, seenAt, { platform: fields.platform ?? 'jd' })];
    expect(drops(snapshots, seenAt + H).length).toBe(expected ? 1 : 0);
  });

  it.each([
    ['unit price × quantity', [{ productId: 'P1', title: 'x', unitPrice: cny(5000), quantity: 3 }], cny(15000), 1500],
    [
      'single item of quantity 1 without unit price: paid',
      [{ productId: 'P1', title: 'x', quantity: 1 }],
      cny(5000),
      500,
    ],
    ['quantity 2 without unit price: unknown', [{ productId: 'P1', title: 'x', quantity: 2 }], cny(10000), null],
    [
      'two items without unit price: unknown',
      [
        { productId: 'P1', title: 'x', quantity: 1 },
        { productId: 'P2', title: 'y', quantity: 1 },
      ],
      cny(10000),
      null,
    ],
    ['no productId: cannot match a product page', [{ title: 'x', unitPrice: cny(5000), quantity: 1 }], cny(5000), null],
  ])('amount: %s', (_name, items, paid, expected) => {
    const found = drops([order({ items, paid }), product(4500, T0 + D)], T0 + 2 * D);
    expect(found[0]?.amount?.amount ?? null).toBe(expected);
  });

  it.each([
    [9901, 0, false],
    [9900, 0, true],
    [9800, 0, true],
    [9501, 500, false],
    [9500, 500, true],
    [10000, 0, false],
  ])('minimum difference: price %i with minDifference %i → %s', (price, min, expected) => {
    const settings = min ? { minDifference: cny(min) } : {};
    expect(drops([order(), product(price, T0 + D)], T0 + 2 * D, settings).length).toBe(expected ? 1 : 0);
  });

  it('the same lowest price seen again keeps its id and first sighting', () => {
    const snapshots = [order(), product(9000, T0 + D), product(9500, T0 + 2 * D), product(9000, T0 + 3 * D)];
    expect(drops(snapshots, T0 + 4 * D)).toMatchObject([{ id: 'price-drop:jd:O1:P1:9000', raisedAt: T0 + D }]);
  });

  it('a new lower price re-arms with a new id; only the lowest is returned', () => {
    const snapshots = [order(), product(9000, T0 + D), product(8500, T0 + 3 * D)];
    expect(ids(drops(snapshots, T0 + 2 * D))).toEqual(['price-drop:jd:O1:P1:9000']);
    expect(ids(drops(snapshots, T0 + 4 * D))).toEqual(['price-drop:jd:O1:P1:8500']);
  });

  it.each([
    ['one ms before the window closes', T0 + 7 * D - 1, 1],
    ['exactly at the end', T0 + 7 * D, 0],
    ['a day after', T0 + 8 * D, 0],
  ])('an expired window raises nothing: %s', (_name, now, count) => {
    expect(drops([order(), product(8000, T0 + D)], now).length).toBe(count);
  });

  it.each([
    ['another currency', product(10, T0 + D, { price: { amount: 10, currency: 'USD' } })],
    ['another platform', product(8000, T0 + D, { platform: 'taobao' })],
    ['another product', product(8000, T0 + D, { productId: 'P2' })],
    ['captured after now', product(8000, T0 + 3 * D)],
  ])('ignores a price from %s', (_name, seen) => {
    expect(drops([order(), seen], T0 + 2 * D)).toEqual([]);
  });

  it.each([
    ['交易成功', 1],
    ['已完成', 1],
    ['已取消', 0],
    ['交易关闭', 0],
  ])('order status %s → %i (a cancelled order owes no difference)', (status, count) => {
    expect(drops([order({ status }), product(8000, T0 + D)], T0 + 2 * D).length).toBe(count);
  });

  it('merges per-platform window days with the defaults', () => {
    const snapshots = [
      order(),
      order({ platform: 'taobao', orderId: 'O2' }),
      product(8000, T0 + 10 * D),
      product(8000, T0 + 10 * D, { platform: 'taobao' }),
    ];
    expect(ids(drops(snapshots, T0 + 11 * D, { protectionDays: { jd: 15 } }))).toEqual(['price-drop:jd:O1:P1:8000']);
  });

  it('message counts hours in the last day', () => {
    const [alert] = drops([order(), product(8800, T0 + D)], T0 + 7 * D - 5 * H);
    expect(alert?.message).toBe('价格下降 ¥12.00，价保还剩 5 小时');
  });
});

describe('protection-expiring', () => {
  const END = T0 + 7 * D;
  const withDrop = [order(), product(8800, T0 + D)];
  const expiring = (now: number, history: RulesHistory = { snapshots: withDrop }, settings = {}) =>
    ofKind(evaluate(history, now, settings), 'protection-expiring');

  it.each([
    ['24 h before the end minus 1 ms', END - 24 * H - 1, 0],
    ['exactly 24 h before the end', END - 24 * H, 1],
    ['1 h before the end', END - H, 1],
    ['at the end', END, 0],
  ])('%s', (_name, now, count) => {
    expect(expiring(now).length).toBe(count);
  });

  it('carries the window end in its id and the unclaimed amount', () => {
    expect(expiring(END - H)).toEqual([
      {
        id: `protection-expiring:jd:O1:${END}`,
        kind: 'protection-expiring',
        platform: 'jd',
        orderId: 'O1',
        raisedAt: END - 24 * H,
        dueAt: END,
        amount: cny(1200),
        message: '价保 1 小时后到期，差价 ¥12.00 尚未申请',
      },
    ]);
  });

  it('raisedAt is the first sighting when the drop came inside the last day', () => {
    const history = { snapshots: [order(), product(8800, END - 2 * H)] };
    expect(expiring(END - H, history)[0]?.raisedAt).toBe(END - 2 * H);
  });

  it.each([
    ['sent', 0],
    ['answered', 0],
    ['resolved', 0],
    ['escalated', 0],
    ['draft', 1],
  ] as const)('a price-protection ticket %s → %i', (status, count) => {
    const history = { snapshots: withDrop, tickets: [ticket({ status })] };
    expect(expiring(END - H, history).length).toBe(count);
    expect(ofKind(evaluate(history, END - H), 'price-drop').length).toBe(1);
  });

  it('a ticket for another order or of another type does not claim', () => {
    const tickets = [ticket({ orderId: 'O9' }), ticket({ id: 'T2', type: 'no-pickup' })];
    expect(expiring(END - H, { snapshots: withDrop, tickets }).length).toBe(1);
  });

  it('needs a drop, unless the shopper asked to be reminded', () => {
    expect(expiring(END - H, { snapshots: [order()] })).toEqual([]);
    const reminded = { snapshots: [order()], reminders: [{ platform: 'jd' as const, orderId: 'O1' }] };
    expect(expiring(END - H, reminded)).toMatchObject([
      { id: `protection-expiring:jd:O1:${END}`, raisedAt: END - 24 * H },
    ]);
    expect(expiring(END - H, reminded)[0]?.amount).toBeUndefined();
  });

  it('expiringHours is a setting', () => {
    expect(expiring(END - 30 * H).length).toBe(0);
    expect(expiring(END - 30 * H, { snapshots: withDrop }, { expiringHours: 48 }).length).toBe(1);
  });
});
