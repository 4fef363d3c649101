import { evaluate, resolveRuleSettings } from '../../../lib/rules/index';
import { buildIndex } from '../../../lib/rules/history';
import { DEFAULT_SETTINGS, type PageSnapshot } from '../../../lib/core/model';
import { D, H, T0, cny, ids, order, parcel, product } from './builders';

describe('grouping snapshots', () => {
  it('merges one order seen on several pages: latest field wins, earliest payment kept', () => {
    const index = buildIndex(
      {
        snapshots: [
          order({ capturedAt: T0 + 2 * H, paidAt: T0 + H, status: '已发货', trackingNumbers: ['SF1'], items: [] }),
          order({
            capturedAt: T0,
            paidAt: T0,
            status: '待发货',
            items: [{ productId: 'P1', title: 'x', unitPrice: cny(8000), quantity: 1 }],
          }),
          order({
            capturedAt: T0 + 5 * H,
            status: undefined,
            items: [{ productId: 'P1', title: 'x', quantity: 1 }],
            trackingNumbers: ['YT2'],
          }),
        ],
      },
      T0 + D,
    );
    expect(index.orders).toHaveLength(1);
    expect(index.orders[0]).toMatchObject({
      paidAt: T0,
      status: '已发货',
      capturedAt: T0 + 5 * H,
      trackingNumbers: ['SF1', 'YT2'],
      // The list page left out the unit price the detail page showed.
      items: [{ productId: 'P1', unitPrice: cny(8000), quantity: 1 }],
    });
  });

  it('keeps orders of different platforms with the same id apart', () => {
    const index = buildIndex({ snapshots: [order(), order({ platform: 'taobao' })] }, T0 + D);
    expect(index.orders.map((o) => o.key)).toEqual(['jd\u0000O1', 'taobao\u0000O1']);
  });

  it('merges a shipment by tracking number: union of events, deduped, oldest first', () => {
    const index = buildIndex(
      {
        snapshots: [
          parcel([
            [T0 + 5 * H, 'transit'],
            [T0 + 9 * H, 'delivering'],
          ]),
          parcel([
            [T0 + H, 'pickup'],
            [T0 + 5 * H, 'transit'],
          ]),
        ],
      },
      T0 + D,
    );
    expect(index.shipments).toHaveLength(1);
    expect(index.shipments[0]?.events.map((e) => [e.at, e.stage])).toEqual([
      [T0 + H, 'pickup'],
      [T0 + 5 * H, 'transit'],
      [T0 + 9 * H, 'delivering'],
    ]);
    expect(index.shipments[0]?.orders.map((o) => o.orderId)).toEqual([]);
  });

  it('ignores what was captured after the clock', () => {
    const snapshots = [order(), product(5000, T0 + 2 * D), parcel([[T0 + H, 'pickup']], { capturedAt: T0 + 3 * D })];
    expect(ids(evaluate({ snapshots }, T0 + 2 * D + H))).toEqual(['no-pickup:jd:O1', 'price-drop:jd:O1:P1:5000']);
    const index = buildIndex({ snapshots }, T0 + D);
    expect(index.shipments).toEqual([]);
  });

  it('sorts the output by raisedAt, then id', () => {
    const snapshots = [
      order({ orderId: 'B' }),
      order({ orderId: 'A' }),
      order({ orderId: 'C', paidAt: T0 - D }),
      parcel([[T0, 'exception']], { trackingNumber: 'ZT1', orderId: 'A' }),
    ];
    expect(ids(evaluate({ snapshots }, T0 + 2 * D + H))).toEqual([
      'delivery-exception:ZT1:' + T0,
      'no-pickup:jd:C',
      'no-pickup:jd:B',
    ]);
  });
});

describe('unparsed snapshots', () => {
  it('reads a missing currency as CNY, like the zod default', () => {
    const raw = [
      { ...order(), paid: { amount: 10000 }, items: [{ productId: 'P1', title: 'x', quantity: 1 }] },
      { ...product(8000, T0 + D), price: { amount: 8000 } },
    ] as unknown as PageSnapshot[];
    expect(evaluate({ snapshots: raw }, T0 + 2 * D)[0]).toMatchObject({
      id: 'price-drop:jd:O1:P1:8000',
      amount: cny(2000),
    });
  });
});

describe('resolveRuleSettings', () => {
  it('defaults', () => {
    expect(resolveRuleSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('merges protection days per platform and ignores undefined values', () => {
    const s = resolveRuleSettings({ protectionDays: { jd: 15 }, stallHours: undefined, noPickupHours: 24 });
    expect(s.protectionDays).toEqual({ ...DEFAULT_SETTINGS.protectionDays, jd: 15 });
    expect(s.stallHours).toBe(72);
    expect(s.noPickupHours).toBe(24);
  });
});
