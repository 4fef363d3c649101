import { evaluate } from '../../../lib/rules/index';
import type { PageSnapshot } from '../../../lib/core/model';
import { D, H, MIN, T0, ids, ofKind, order, parcel } from './builders';

const run = (snapshots: PageSnapshot[], now: number, settings = {}) => evaluate({ snapshots }, now, settings);
const TN = 'SF1234567890';

describe('no-pickup (48 h after payment, no carrier scan)', () => {
  it.each([
    ['47 h 59 min', 47 * H + 59 * MIN, []],
    ['exactly 48 h', 48 * H, ['no-pickup:jd:O1']],
    ['49 h', 49 * H, ['no-pickup:jd:O1']],
    ['10 days', 10 * D, ['no-pickup:jd:O1']],
  ])('paid, nothing else, at %s', (_name, after, expected) => {
    expect(ids(run([order()], T0 + after))).toEqual(expected);
  });

  it('raisedAt is the threshold and names the order', () => {
    expect(run([order()], T0 + 50 * H)).toEqual([
      {
        id: 'no-pickup:jd:O1',
        kind: 'no-pickup',
        platform: 'jd',
        orderId: 'O1',
        raisedAt: T0 + 48 * H,
        message: '付款已超过 48 小时，仍无揽收记录',
      },
    ]);
  });

  it.each([
    ['pickup', 'pickup'],
    ['transit', 'transit'],
    ['locker', 'locker'],
    ['exception', 'exception'],
  ] as const)('a %s scan before the threshold clears it', (_name, stage) => {
    const found = run([order(), parcel([[T0 + 30 * H, stage]])], T0 + 48 * H);
    expect(ofKind(found, 'no-pickup')).toEqual([]);
  });

  it('an info event ("商家已通知快递") is not a scan', () => {
    const found = run([order(), parcel([[T0 + H, 'info']])], T0 + 48 * H);
    expect(ids(ofKind(found, 'no-pickup'))).toEqual(['no-pickup:jd:O1']);
  });

  it.each([
    ['49 h: raised', 49 * H, 1],
    ['50 h: scan at 50 h clears it', 50 * H, 0],
    ['60 h: stays cleared', 60 * H, 0],
  ])('a late pickup: %s', (_name, after, count) => {
    const snapshots = [order(), parcel([[T0 + 50 * H, 'pickup']])];
    expect(ofKind(run(snapshots, T0 + after), 'no-pickup').length).toBe(count);
  });

  it.each([
    ['by orderId on the logistics page', order(), parcel([[T0 + H, 'pickup']])],
    [
      'by a tracking number listed on the order (spacing and case aside)',
      order({ trackingNumbers: ['sf 1234 5678 90'] }),
      parcel([[T0 + H, 'pickup']], { orderId: undefined }),
    ],
  ])('links the shipment %s', (_name, o, p) => {
    expect(ofKind(run([o, p], T0 + 3 * D), 'no-pickup')).toEqual([]);
  });

  it('does not link a shipment of another platform with the same order id', () => {
    const snapshots = [order(), parcel([[T0 + H, 'pickup']], { platform: 'taobao' })];
    expect(ids(ofKind(run(snapshots, T0 + 3 * D), 'no-pickup'))).toEqual(['no-pickup:jd:O1']);
  });

  it.each(['已完成', '交易成功', '已签收', '已取消', '交易关闭', 'Delivered', 'Cancelled'])(
    'status %s: nothing is expected to move',
    (status) => {
      expect(run([order({ status })], T0 + 3 * D)).toEqual([]);
    },
  );

  it('counts from placedAt when paidAt is unknown; neither → nothing', () => {
    expect(ids(run([order({ paidAt: undefined, placedAt: T0 })], T0 + 48 * H))).toEqual(['no-pickup:jd:O1']);
    expect(run([order({ paidAt: undefined })], T0 + 10 * D)).toEqual([]);
  });

  it('noPickupHours is a setting', () => {
    expect(ids(run([order()], T0 + 24 * H, { noPickupHours: 24 }))).toEqual(['no-pickup:jd:O1']);
  });
});

describe('shipped-no-scan (24 h after 已发货, no carrier scan)', () => {
  const shipped = order({ paidAt: T0, shippedAt: T0 + 10 * H, trackingNumbers: [TN] });

  it.each([
    ['33 h 59 min: nothing yet', 33 * H + 59 * MIN, []],
    ['34 h: shipped-no-scan', 34 * H, ['shipped-no-scan:jd:O1']],
    // Both are returned: the payment clock and the shipping clock lead to different tickets.
    ['48 h: both', 48 * H, ['shipped-no-scan:jd:O1', 'no-pickup:jd:O1']],
  ])('%s', (_name, after, expected) => {
    expect(ids(run([shipped], T0 + after))).toEqual(expected);
  });

  it('names the tracking number the shop gave', () => {
    expect(run([shipped], T0 + 34 * H)[0]).toMatchObject({ trackingNumber: TN, raisedAt: T0 + 34 * H });
  });

  it('a carrier scan clears it', () => {
    expect(run([shipped, parcel([[T0 + 12 * H, 'pickup']], { orderId: undefined })], T0 + 3 * D)).toEqual([]);
  });
});

describe('logistics-stalled (72 h since the last event, not delivered)', () => {
  const moving = parcel([
    [T0 + 2 * H, 'pickup'],
    [T0 + 10 * H, 'transit'],
  ]);

  it.each([
    ['71 h 59 min after the last event', 10 * H + 72 * H - MIN, []],
    ['exactly 72 h', 10 * H + 72 * H, [`logistics-stalled:${TN}:${T0 + 10 * H}`]],
    ['5 days', 5 * D, [`logistics-stalled:${TN}:${T0 + 10 * H}`]],
  ])('%s', (_name, after, expected) => {
    expect(ids(run([order(), moving], T0 + after))).toEqual(expected);
  });

  it('names the order, the parcel and the last event', () => {
    expect(run([order(), moving], T0 + 4 * D)).toEqual([
      {
        id: `logistics-stalled:${TN}:${T0 + 10 * H}`,
        kind: 'logistics-stalled',
        platform: 'jd',
        orderId: 'O1',
        trackingNumber: TN,
        raisedAt: T0 + 82 * H,
        message: '物流已超过 72 小时没有更新，最后一条：快件已发往 上海转运中心',
      },
    ]);
  });

  it('new movement clears the stall; a new stall gets a new id', () => {
    const later = parcel([
      [T0 + 2 * H, 'pickup'],
      [T0 + 10 * H, 'transit'],
      [T0 + 90 * H, 'transit'],
    ]);
    const history = [order(), moving, later];
    expect(ids(run(history, T0 + 85 * H))).toEqual([`logistics-stalled:${TN}:${T0 + 10 * H}`]);
    expect(ids(run(history, T0 + 100 * H))).toEqual([]);
    expect(ids(run(history, T0 + 162 * H))).toEqual([`logistics-stalled:${TN}:${T0 + 90 * H}`]);
  });

  it.each([
    ['delivered', 'delivered'],
    // A parcel in a locker or 驿站 waits for the buyer, not for the carrier.
    ['locker', 'locker'],
  ] as const)('last event %s: no stall', (_name, stage) => {
    expect(
      run(
        [
          order(),
          parcel([
            [T0 + H, 'pickup'],
            [T0 + 5 * H, stage],
          ]),
        ],
        T0 + 10 * D,
      ),
    ).toEqual([]);
  });

  it('a return shipment is watched like a forward one', () => {
    const back = parcel([[T0 + 5 * D, 'pickup']], {
      trackingNumber: 'YT9876543210',
      direction: 'return',
      carrier: 'YTO',
    });
    const found = run([order({ status: '退款中' }), moving, back], T0 + 8 * D + 1);
    expect(ids(found)).toContain(`logistics-stalled:YT9876543210:${T0 + 5 * D}`);
  });

  it('stallHours is a setting', () => {
    expect(ids(run([order(), moving], T0 + 34 * H, { stallHours: 24 }))).toEqual([
      `logistics-stalled:${TN}:${T0 + 10 * H}`,
    ]);
  });

  it('an unlinked parcel still stalls, with what its own page said', () => {
    const lone = parcel([[T0, 'pickup']], { orderId: undefined, platform: 'taobao' });
    expect(run([lone], T0 + 4 * D)[0]).toMatchObject({ platform: 'taobao', trackingNumber: TN });
    expect(run([lone], T0 + 4 * D)[0]?.orderId).toBeUndefined();
  });
});

describe('delivery-exception (exception or returning)', () => {
  const problem = [
    [T0 + 2 * H, 'pickup'],
    [T0 + 20 * H, 'exception'],
  ] as [number, 'pickup' | 'exception'][];

  it('one alert per problem event, raised when it happened', () => {
    expect(ofKind(run([order(), parcel(problem)], T0 + 21 * H), 'delivery-exception')).toEqual([
      {
        id: `delivery-exception:${TN}:${T0 + 20 * H}`,
        kind: 'delivery-exception',
        platform: 'jd',
        orderId: 'O1',
        trackingNumber: TN,
        raisedAt: T0 + 20 * H,
        message: '物流异常：快件滞留，收件地址不详',
      },
    ]);
  });

  it('a returning event reads as returned', () => {
    const found = run(
      [
        parcel([
          [T0, 'pickup'],
          [T0 + H, 'returning'],
        ]),
      ],
      T0 + 2 * H,
    );
    expect(found.map((a) => a.message)).toEqual(['包裹退回：快件已退回寄件人']);
  });

  it('exception then delivered: resolved, nothing raised; at a clock before delivery it was raised', () => {
    const early = parcel(problem);
    const late = parcel([...problem, [T0 + 40 * H, 'delivered']]);
    expect(ids(run([order(), early, late], T0 + 30 * H))).toEqual([`delivery-exception:${TN}:${T0 + 20 * H}`]);
    expect(run([order(), early, late], T0 + 50 * H)).toEqual([]);
  });

  it('an event stamped after the clock is not known yet', () => {
    const p = parcel(problem, { capturedAt: T0 + 3 * H });
    expect(ofKind(run([p], T0 + 10 * H), 'delivery-exception')).toEqual([]);
  });

  it('the same event seen on two pages is reported once', () => {
    const found = run([parcel(problem), parcel(problem, { capturedAt: T0 + 22 * H })], T0 + 23 * H);
    expect(ofKind(found, 'delivery-exception').length).toBe(1);
  });
});
