/**
 * Issue 8: the optimised rules (one-pass indexing, typed-array price series, no per-order temporaries)
 * must give exactly what the straightforward implementation gave. tests/unit/rules-reference/ is that
 * implementation, frozen; every case compares alerts (content and order) and deadlines.
 */
import fc from 'fast-check';
import { evaluate, nextDeadlines, type RulesHistory } from '../../../lib/rules/index';
import type { PageSnapshot, Settings } from '../../../lib/core/model';
import { BENCH_NOW, generateHistory } from '../../../bench/evaluate';
import * as reference from './reference/index';
import { D, H, MIN, T0, cny, historyArb, nowArb, shuffle } from './builders';

const RUNS = { numRuns: 400 };

function same(history: RulesHistory, now: number, settings?: Partial<Settings>): void {
  expect(evaluate(history, now, settings)).toEqual(reference.evaluate(history, now, settings));
  expect(nextDeadlines(history, now, settings)).toEqual(reference.nextDeadlines(history, now, settings));
}

const hours = fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 96 }), fc.constantFrom(0.25, 1.5, 36.6));
const settingsArb: fc.Arbitrary<Partial<Settings>> = fc.record(
  {
    protectionDays: fc.record(
      { jd: fc.integer({ min: 1, max: 15 }), taobao: fc.integer({ min: 1, max: 15 }) },
      { requiredKeys: [] },
    ),
    minDifference: fc.integer({ min: 0, max: 3000 }).map(cny),
    noPickupHours: hours,
    shippedNoScanHours: hours,
    stallHours: hours,
    expiringHours: hours,
    ticketAnswerHours: hours,
  },
  { requiredKeys: [] },
);

const remindersArb = fc.option(
  fc.array(
    fc.record({
      platform: fc.constantFrom('jd' as const, 'taobao' as const),
      orderId: fc.constantFrom('O1', 'O2', 'O3'),
    }),
    {
      maxLength: 3,
    },
  ),
  { nil: undefined },
);

describe('optimised evaluate = reference evaluate', () => {
  it('on random small histories, settings, reminders and clocks', () => {
    fc.assert(
      fc.property(historyArb, remindersArb, settingsArb, nowArb, (history, reminders, settings, now) => {
        same({ ...history, ...(reminders ? { reminders } : {}) }, now, settings);
      }),
      RUNS,
    );
  });

  // Long series (past the short-range scan) in several currencies and platforms, tracking numbers
  // written with spaces and lower case, orders with several items of one product.
  const dense = fc
    .record({
      seed: fc.integer(),
      observations: fc.array(
        fc.tuple(
          fc.constantFrom('P1', 'P1', 'P1', 'P2', 'P3'),
          fc.constantFrom('jd' as const, 'jd' as const, 'taobao' as const),
          fc.constantFrom('CNY', 'CNY', 'CNY', 'USD', ''),
          fc.integer({ min: -48, max: 20 * 24 }),
          // Whole yuan: equal lowest prices seen at different times are common (the earliest must win).
          fc.integer({ min: 60, max: 105 }).map((yuan) => yuan * 100),
        ),
        // size 'max': lengths up to 400, so one series often passes the 64-point scan limit.
        { maxLength: 400, size: 'max' },
      ),
      orders: fc.array(
        fc.record({
          id: fc.constantFrom('O1', 'O2', 'O3', 'O4'),
          platform: fc.constantFrom('jd' as const, 'taobao' as const),
          paidH: fc.integer({ min: 0, max: 10 * 24 }),
          products: fc.array(fc.constantFrom('P1', 'P2', 'P3'), { minLength: 1, maxLength: 3 }),
          currency: fc.constantFrom('CNY', 'USD'),
          days: fc.option(fc.constantFrom(3, 7, 15), { nil: undefined }),
          tracking: fc.option(fc.constantFrom('SF 100', 'sf100', 'SF100', 'yt-2'), { nil: undefined }),
        }),
        { maxLength: 6 },
      ),
      parcels: fc.array(
        fc.record({
          tracking: fc.constantFrom('SF 100', 'sf100', 'SF100', 'YT-2'),
          orderId: fc.option(fc.constantFrom('O1', 'O2'), { nil: undefined }),
          events: fc.array(
            fc.tuple(
              fc.integer({ min: 0, max: 15 * 24 }),
              fc.constantFrom('pickup', 'transit', 'exception', 'delivered', 'locker'),
            ),
            {
              maxLength: 5,
            },
          ),
          capturedH: fc.integer({ min: 0, max: 16 * 24 }),
        }),
        { maxLength: 4 },
      ),
      nowH: fc.integer({ min: 0, max: 20 * 24 }),
      settings: settingsArb,
    })
    .map(({ seed, observations, orders, parcels, nowH, settings }) => {
      const snapshots: PageSnapshot[] = [];
      for (const [productId, platform, currency, h, amount] of observations) {
        snapshots.push({
          kind: 'product',
          platform,
          url: 'https://item.jd.com/',
          productId,
          title: productId,
          price: { amount, currency },
          capturedAt: T0 + h * H,
        });
      }
      for (const o of orders) {
        snapshots.push({
          kind: 'order',
          platform: o.platform,
          url: 'https://details.jd.com/',
          orderId: o.id,
          paidAt: T0 + o.paidH * H,
          paid: { amount: 10_000 * o.products.length, currency: o.currency },
          items: o.products.map((productId) => ({
            productId,
            title: productId,
            unitPrice: { amount: 10_000, currency: o.currency },
            quantity: 1,
          })),
          ...(o.days ? { priceProtectionDays: o.days } : {}),
          ...(o.tracking ? { trackingNumbers: [o.tracking], shippedAt: T0 + (o.paidH + 5) * H } : {}),
          capturedAt: T0 + o.paidH * H + MIN,
        });
      }
      for (const p of parcels) {
        snapshots.push({
          kind: 'logistics',
          url: 'https://www.kuaidi100.com/',
          trackingNumber: p.tracking,
          ...(p.orderId ? { orderId: p.orderId } : {}),
          events: p.events
            .map(([h, stage]) => ({ at: T0 + h * H, stage, text: `${stage} 事件` }))
            .sort((a, b) => a.at - b.at),
          capturedAt: T0 + p.capturedH * H,
        });
      }
      return { history: { snapshots: shuffle(snapshots, seed) }, now: T0 + nowH * H, settings };
    });

  it('on dense price histories and messy tracking numbers', () => {
    fc.assert(
      fc.property(dense, ({ history, now, settings }) => same(history, now, settings)),
      { numRuns: 200 },
    );
  });

  // Where the order the alerts are made in could decide the answer: the dedupe keeps the first of two
  // alerts with one id (here from different orders, one of them of a raw snapshot's platform with a
  // ':'), and the sort cannot tell where a NaN goes. Each history in both orders.
  it('when the order alerts are made in could matter: ids that collide, times that are not integers', () => {
    const order = (platform: string, orderId: string, productId: string): PageSnapshot =>
      ({
        kind: 'order',
        platform,
        url: 'https://details.jd.com/',
        orderId,
        paidAt: T0,
        paid: cny(10_000),
        items: [{ productId, title: productId, unitPrice: cny(10_000), quantity: 1 }],
        capturedAt: T0,
      }) as PageSnapshot;
    const seen = (productId: string, capturedAt: number): PageSnapshot => ({
      kind: 'product',
      platform: 'jd',
      url: 'https://item.jd.com/',
      productId,
      title: productId,
      price: cny(8000),
      capturedAt,
    });
    // price-drop:jd:A:P1:P2:8000 twice, and no-pickup:jd:A:B twice (from platform 'jd' and 'jd:A').
    const colliding = [
      order('jd', 'A:P1', 'P2'),
      seen('P2', T0 + H),
      order('jd', 'A', 'P1:P2'),
      seen('P1:P2', T0 + 2 * H),
    ];
    const platforms = [order('jd:A', 'B', 'P3'), order('jd', 'A:B', 'P3')];
    // A price first seen at a fractional time; with noPickupHours NaN, every no-pickup raisedAt is NaN.
    const times = [order('jd', 'O2', 'P4'), order('jd', 'O1', 'P4'), seen('P4', T0 + H + 0.5), order('jd', 'O3', 'P5')];
    for (const snapshots of [colliding, platforms, times, [...colliding, ...platforms, ...times]]) {
      for (const history of [{ snapshots }, { snapshots: [...snapshots].reverse() }]) {
        same(history, T0 + 3 * D);
        same(history, T0 + 3 * D, { noPickupHours: Number.NaN });
      }
    }
  });

  it('on the benchmark generator (scaled down) at several clocks', () => {
    const { snapshots } = generateHistory(7, 600, 12_000, 500);
    for (const back of [0, 3 * D, 17 * D, 60 * D]) same({ snapshots }, BENCH_NOW - back);
    same({ snapshots }, BENCH_NOW, { minDifference: cny(1), protectionDays: { jd: 30 }, stallHours: 12 });
  });
});
