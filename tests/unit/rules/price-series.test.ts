import fc from 'fast-check';
import { PriceSeries } from '../../../lib/rules/price-series';
import { evaluate } from '../../../lib/rules/index';
import { D, H, T0, order, product } from './builders';

describe('PriceSeries.lowest', () => {
  const points = fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 50 })), {
    maxLength: 300,
  });

  it('agrees with a plain scan: lowest amount, earliest sighting', () => {
    fc.assert(
      fc.property(points, fc.integer({ min: -5, max: 205 }), fc.integer({ min: -5, max: 205 }), (raw, a, b) => {
        const sorted = raw.slice().sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        const series = new PriceSeries();
        for (const [at, amount] of sorted) series.add(at, amount);
        const [from, to] = a <= b ? [a, b] : [b, a];
        const inRange = sorted.filter(([at]) => at >= from && at <= to);
        const min = Math.min(...inRange.map(([, amount]) => amount));
        const expected = inRange.length ? { amount: min, at: inRange.find(([, amount]) => amount === min)?.[0] } : null;
        expect(series.lowest(from, to)).toEqual(expected);
      }),
    );
  });
});

describe('price-drop over random price histories', () => {
  const sightings = fc.array(
    fc.tuple(fc.integer({ min: -2 * 24, max: 9 * 24 }), fc.integer({ min: 7000, max: 12000 })),
    { maxLength: 30 },
  );

  it('reports the lowest in-window price at least ¥1 below, with an id naming it', () => {
    fc.assert(
      fc.property(
        sightings,
        fc.integer({ min: 1, max: 7 * 24 - 1 }),
        fc.integer({ min: 1, max: 4 }),
        (seen, nowH, qty) => {
          const now = T0 + nowH * H;
          const items = [{ productId: 'P1', title: 'x', unitPrice: { amount: 10000, currency: 'CNY' }, quantity: qty }];
          const snapshots = [order({ items }), ...seen.map(([h, amount]) => product(amount, T0 + h * H))];
          const eligible = seen.filter(([h, amount]) => h >= 0 && T0 + h * H <= now && amount <= 9900);
          const lowest = Math.min(...eligible.map(([, amount]) => amount));
          const alerts = evaluate({ snapshots }, now).filter((a) => a.kind === 'price-drop');
          if (eligible.length === 0) {
            expect(alerts).toEqual([]);
            return;
          }
          expect(alerts).toMatchObject([
            { id: `price-drop:jd:O1:P1:${lowest}`, amount: { amount: (10000 - lowest) * qty }, dueAt: T0 + 7 * D },
          ]);
          // A higher price seen later changes nothing.
          const more = [...snapshots, product(lowest + 1, now)];
          expect(evaluate({ snapshots: more }, now).filter((a) => a.kind === 'price-drop')).toEqual(alerts);
        },
      ),
    );
  });
});
