import fc from 'fast-check';
import type { Alert, PageSnapshot, ProductSnapshot } from '../../../lib/core/model';
import { evaluate } from '../../../lib/rules/index';
import { D, H, MIN, T0, cny, ofKind, order, product, shuffle } from './builders';

/** A Douyin product seen on its shop page, in a live room and in a video, as stored (with ids). */
const DY = { platform: 'douyin' as const, productId: '3581234567890123456', url: 'https://haohuo.jinritemai.com/x' };
const shop = (amount: number, at: number, id = 1): ProductSnapshot & { id: number } => ({
  ...product(amount, at, DY),
  id,
});
const live = (amount: number, at: number, id = 2): ProductSnapshot & { id: number } => ({
  ...product(amount, at, { ...DY, url: 'https://live.douyin.com/7001', channel: 'live', roomId: '7001' }),
  id,
});
const video = (amount: number, at: number, id = 3): ProductSnapshot & { id: number } => ({
  ...product(amount, at, { ...DY, url: 'https://www.douyin.com/video/99', channel: 'video', videoId: '99' }),
  id,
});
const dyOrder = (unit: number, fields = {}) =>
  order({
    platform: 'douyin',
    orderId: 'DY1',
    paid: cny(unit),
    items: [{ productId: DY.productId, title: '云南高山红茶', unitPrice: cny(unit), quantity: 1 }],
    ...fields,
  });

const discrepancies = (snapshots: PageSnapshot[], now = T0 + 2 * D, settings = {}) =>
  ofKind(evaluate({ snapshots }, now, settings), 'price-discrepancy');

describe('price-discrepancy: paid in one channel, lower in another', () => {
  it('the brief’s scenario: paid ¥99 after the shop page, the live room sold it for ¥79 the same evening', () => {
    const alerts = discrepancies([shop(9900, T0 - H, 11), dyOrder(9900), live(7900, T0 + 6 * H, 12)]);
    expect(alerts).toEqual([
      {
        id: `price-discrepancy:douyin:DY1:${DY.productId}:live:7900`,
        kind: 'price-discrepancy',
        platform: 'douyin',
        orderId: 'DY1',
        productId: DY.productId,
        raisedAt: T0 + 6 * H,
        amount: cny(2000),
        message: '直播间（房间 7001）价格 ¥79.00，比您在店铺页面支付的 ¥99.00 低 ¥20.00',
        discrepancy: {
          higher: { channel: 'shop', price: cny(9900), at: T0 - H, snapshotId: 11, url: DY.url, source: 'offer' },
          lower: {
            channel: 'live',
            price: cny(7900),
            at: T0 + 6 * H,
            snapshotId: 12,
            url: 'https://live.douyin.com/7001',
            roomId: '7001',
            source: 'offer',
          },
        },
      },
    ]);
  });

  it.each([
    ['the lower live price a day and a bit before payment', [live(7900, T0 - 25 * H)], 0],
    ['the lower live price within the day before payment', [live(7900, T0 - 23 * H)], 1],
    ['the lower live price more than a day after payment', [live(7900, T0 + 25 * H)], 0],
    ['a lower price on the same channel (a price drop, not a discrepancy)', [shop(7900, T0 + H, 5)], 0],
    ['a lower price in a video', [video(8000, T0 + H)], 1],
    ['a live price in another currency', [{ ...live(100, T0 + H), price: { amount: 100, currency: 'USD' } }], 0],
    ['a live price only 0.50 lower (under minDifference ¥1)', [live(9850, T0 + H)], 0],
    ['a live price equal to what was paid', [live(9900, T0 + H)], 0],
  ])('%s', (_, extra, count) => {
    expect(discrepancies([shop(9900, T0 - H, 11), dyOrder(9900), ...(extra as PageSnapshot[])])).toHaveLength(count);
  });

  it('the window is a setting: 48 h takes in the live price 25 h after payment', () => {
    const snaps = [shop(9900, T0 - H), dyOrder(9900), live(7900, T0 + 25 * H)];
    expect(discrepancies(snaps, T0 + 3 * D, { discrepancyHours: 48 })).toHaveLength(1);
    expect(discrepancies(snaps, T0 + 3 * D)).toHaveLength(0);
  });

  it('paid in the live room at its price, the shop page cheaper: the higher side is the live room', () => {
    const [alert] = discrepancies([live(9900, T0 - 10 * MIN, 2), dyOrder(9900), shop(8900, T0 + H, 1)]);
    expect(alert?.discrepancy?.higher).toMatchObject({ channel: 'live', roomId: '7001', snapshotId: 2 });
    expect(alert?.discrepancy?.lower).toMatchObject({ channel: 'shop', snapshotId: 1 });
    expect(alert?.amount).toEqual(cny(1000));
  });

  it('with no offer at the paid price, the order itself is the higher side (bought on the shop page)', () => {
    const [alert] = discrepancies([dyOrder(9900), live(7900, T0 + H)]);
    expect(alert?.discrepancy?.higher).toEqual({ channel: 'shop', price: cny(9900), at: T0, source: 'order' });
  });

  it('the difference counts each unit bought; a cancelled order owes nothing', () => {
    const two = dyOrder(19800, {
      items: [{ productId: DY.productId, title: '红茶', unitPrice: cny(9900), quantity: 2 }],
    });
    expect(discrepancies([two, live(7900, T0 + H)])[0]?.amount).toEqual(cny(4000));
    const cancelled = discrepancies([dyOrder(9900, { status: '已取消' }), shop(9900, T0), live(7900, T0 + H)]);
    // Judged as offers only: no order is owed anything.
    expect(cancelled.map((a) => [a.orderId, a.amount])).toEqual([[undefined, cny(2000)]]);
  });

  it('the lowest price of another channel wins; its id re-arms when a lower one appears', () => {
    const base = [shop(9900, T0 - H), dyOrder(9900), live(8900, T0 + H, 2)];
    const first = discrepancies(base);
    expect(first[0]?.amount).toEqual(cny(1000));
    const again = discrepancies([...base, live(8900, T0 + 2 * H, 4)]);
    expect(again.map((a) => a.id)).toEqual(first.map((a) => a.id));
    const lower = discrepancies([...base, video(7500, T0 + 3 * H)]);
    expect(lower[0]?.id).not.toEqual(first[0]?.id);
    expect(lower[0]?.amount).toEqual(cny(2400));
  });

  it('a product seen only on its shop page never raises one (and costs no grouping)', () => {
    expect(discrepancies([shop(9900, T0 - H), dyOrder(9900), shop(7000, T0 + H, 2)])).toEqual([]);
  });

  it('a live price seen after the clock is not known yet', () => {
    expect(discrepancies([shop(9900, T0 - H), dyOrder(9900), live(7900, T0 + 6 * H)], T0 + 5 * H)).toEqual([]);
  });
});

describe('price-discrepancy: offered in one channel, lower in another, no order', () => {
  it('the largest difference within the window of the higher offer', () => {
    const alerts = discrepancies([shop(9900, T0), live(8900, T0 + H, 2), live(7900, T0 + 2 * H, 4)]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      id: `price-discrepancy:douyin::${DY.productId}:shop:9900:live:7900`,
      amount: cny(2000),
      raisedAt: T0 + 2 * H,
      message: '直播间（房间 7001）价格 ¥79.00，比店铺页面的 ¥99.00 低 ¥20.00',
    });
    expect(alerts[0]?.orderId).toBeUndefined();
  });

  it('offers further apart than the window are not compared', () => {
    expect(discrepancies([shop(9900, T0 - 3 * D), live(7900, T0)])).toEqual([]);
  });
});

describe('price-discrepancy properties', () => {
  const channelArb = fc.constantFrom<ProductSnapshot['channel']>(undefined, 'shop', 'live', 'video');
  const productArb = fc
    .record({
      amount: fc.integer({ min: 5000, max: 11000 }),
      at: fc.integer({ min: -8, max: 8 * 4 }).map((q) => T0 + q * 3 * H),
      channel: channelArb,
      id: fc.integer({ min: 1, max: 50 }),
      currency: fc.constantFrom('CNY', 'CNY', 'CNY', 'USD'),
    })
    .map(({ amount, at, channel, id, currency }) => ({
      ...product(amount, at, {
        ...DY,
        ...(channel ? { channel } : {}),
        ...(channel === 'live' ? { roomId: '7001' } : {}),
      }),
      price: { amount, currency },
      id,
    }));
  const orderArb = fc
    .record({
      unit: fc.integer({ min: 5000, max: 11000 }),
      paidAt: fc.integer({ min: 0, max: 16 }).map((q) => T0 + q * 3 * H),
      quantity: fc.integer({ min: 1, max: 3 }),
      orderId: fc.constantFrom('DY1', 'DY2'),
    })
    .map(({ unit, paidAt, quantity, orderId }) =>
      dyOrder(unit * quantity, {
        orderId,
        paidAt,
        capturedAt: paidAt,
        items: [{ productId: DY.productId, title: '红茶', unitPrice: cny(unit), quantity }],
      }),
    );
  const snapsArb = fc.array(fc.oneof(productArb, orderArb) as fc.Arbitrary<PageSnapshot>, { maxLength: 14 });
  const nowArb = fc.integer({ min: 0, max: 8 * 4 }).map((q) => T0 + q * 3 * H);

  it('pure and stable: the same history (in any order) gives the same alerts, input untouched', () => {
    fc.assert(
      fc.property(snapsArb, nowArb, fc.integer(), (snaps, now, seed) => {
        const before = structuredClone(snaps);
        const first = discrepancies(snaps, now);
        expect(discrepancies(shuffle(snaps, seed), now)).toEqual(first);
        expect(snaps).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('every alert: a positive difference in one currency, two channels, both seen by now, ids unique', () => {
    fc.assert(
      fc.property(snapsArb, nowArb, (snaps, now) => {
        const alerts: Alert[] = discrepancies(snaps, now);
        expect(new Set(alerts.map((a) => a.id)).size).toBe(alerts.length);
        for (const a of alerts) {
          const { higher, lower } = a.discrepancy!;
          expect(higher.channel).not.toBe(lower.channel);
          expect(higher.price.currency).toBe(lower.price.currency);
          expect(a.amount!.currency).toBe(lower.price.currency);
          expect(higher.price.amount - lower.price.amount).toBeGreaterThanOrEqual(100);
          expect(a.amount!.amount % (higher.price.amount - lower.price.amount)).toBe(0);
          expect(lower.at).toBeLessThanOrEqual(now);
          expect(a.raisedAt).toBeLessThanOrEqual(now);
        }
      }),
      { numRuns: 300 },
    );
  });
});
