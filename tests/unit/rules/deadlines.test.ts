import fc from 'fast-check';
import { evaluate, nextDeadlines } from '../../../lib/rules/index';
import type { PageSnapshot } from '../../../lib/core/model';
import { D, H, T0, historyArb, ids, nowArb, order, parcel, ticket } from './builders';

describe('nextDeadlines', () => {
  const deadlines = (snapshots: PageSnapshot[], now: number, settings = {}) =>
    nextDeadlines({ snapshots }, now, settings);

  it('an open order: no-pickup at 48 h, the window’s last day and its end', () => {
    expect(deadlines([order()], T0 + H)).toEqual([T0 + 48 * H, T0 + 6 * D, T0 + 7 * D]);
  });

  it('adds the shipped-no-scan clock and follows the settings', () => {
    const shipped = order({ shippedAt: T0 + 10 * H });
    expect(deadlines([shipped], T0 + H, { noPickupHours: 24, protectionDays: { jd: 15 } })).toEqual([
      T0 + 24 * H,
      T0 + 34 * H,
      T0 + 14 * D,
      T0 + 15 * D,
    ]);
  });

  it('a scanned parcel: no order clocks, the stall clock of its last event instead', () => {
    const found = deadlines(
      [
        order(),
        parcel([
          [T0 + 5 * H, 'pickup'],
          [T0 + 20 * H, 'transit'],
        ]),
      ],
      T0 + 21 * H,
    );
    expect(found).toEqual([T0 + 92 * H, T0 + 6 * D, T0 + 7 * D]);
  });

  it('only future times, sorted, without duplicates', () => {
    const found = deadlines([order(), order({ orderId: 'O2' })], T0 + 50 * H);
    expect(found).toEqual([T0 + 6 * D, T0 + 7 * D]);
  });

  it('a sent ticket: when its answer is overdue', () => {
    expect(nextDeadlines({ snapshots: [], tickets: [ticket({ sentAt: T0 })] }, T0 + H)).toEqual([T0 + 72 * H]);
  });

  it('what was captured after the clock becomes known at its capture time', () => {
    const late = parcel([[T0 + 5 * H, 'pickup']], { capturedAt: T0 + 6 * H });
    expect(deadlines([late], T0 + H)).toEqual([T0 + 6 * H]);
  });

  it('between the clock and its next deadline, the alerts do not change', () => {
    fc.assert(
      fc.property(historyArb, nowArb, fc.double({ min: 0, max: 1, noNaN: true }), (history, now, f) => {
        const next = nextDeadlines(history, now)[0] ?? now + 30 * D;
        const later = now + Math.floor((next - 1 - now) * f);
        expect(ids(evaluate(history, later))).toEqual(ids(evaluate(history, now)));
      }),
      { numRuns: 300 },
    );
  });
});
