import fc from 'fast-check';
import { evaluate } from '../../../lib/rules/index';
import type { Alert } from '../../../lib/core/model';
import { T0, eventsArb, historyArb, ids, nowArb, ofKind, shuffle, snapshotsArb } from './builders';

const RUNS = { numRuns: 300 };

describe('evaluate properties', () => {
  it('is deterministic and leaves its input alone', () => {
    fc.assert(
      fc.property(historyArb, nowArb, (history, now) => {
        const before = structuredClone(history);
        const first = evaluate(history, now);
        expect(evaluate(history, now)).toEqual(first);
        expect(history).toEqual(before);
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the snapshots or tickets', () => {
    fc.assert(
      fc.property(historyArb, nowArb, fc.integer(), (history, now, seed) => {
        const shuffled = {
          snapshots: shuffle(history.snapshots, seed),
          tickets: shuffle(history.tickets ?? [], seed + 1),
        };
        expect(evaluate(shuffled, now)).toEqual(evaluate(history, now));
      }),
      RUNS,
    );
  });

  it('adding tracking events never raises a no-pickup', () => {
    const extra = fc.record({
      trackingNumber: fc.constantFrom('SF1', 'YT2', 'ZT3'),
      orderId: fc.option(fc.constantFrom('O1', 'O2', 'O3'), { nil: undefined }),
      events: eventsArb(),
      capturedAt: nowArb,
    });
    fc.assert(
      fc.property(historyArb, nowArb, extra, (history, now, more) => {
        const parcel = { kind: 'logistics' as const, url: 'https://www.kuaidi100.com/', ...more };
        const before = ids(ofKind(evaluate(history, now), 'no-pickup'));
        const after = ids(
          ofKind(evaluate({ ...history, snapshots: [...history.snapshots, parcel] }, now), 'no-pickup'),
        );
        expect(before).toEqual(expect.arrayContaining(after));
      }),
      RUNS,
    );
  });

  it('once a pickup scan is known, no later clock re-raises the no-pickup', () => {
    fc.assert(
      fc.property(historyArb, nowArb, nowArb, nowArb, (history, scanAt, seenAt, delta) => {
        const parcel = {
          kind: 'logistics' as const,
          url: 'https://www.kuaidi100.com/',
          orderId: 'O1',
          trackingNumber: 'SF9',
          events: [{ at: scanAt, text: '已揽收', stage: 'pickup' as const }],
          capturedAt: seenAt,
        };
        const next = { ...history, snapshots: [...history.snapshots, parcel] };
        const now = Math.max(scanAt, seenAt) + (delta - T0);
        const o1 = ofKind(evaluate(next, now), 'no-pickup').filter((a) => a.orderId === 'O1');
        expect(o1).toEqual([]);
      }),
      RUNS,
    );
  });

  it('alerts keep their ids when unrelated snapshots are added', () => {
    const aboutOther = (a: Alert) => [a.orderId, a.productId, a.trackingNumber].some((v) => v?.startsWith('X'));
    fc.assert(
      fc.property(historyArb, snapshotsArb('X'), nowArb, fc.integer(), (history, other, now, seed) => {
        const mixed = { ...history, snapshots: shuffle([...history.snapshots, ...other], seed) };
        expect(evaluate(mixed, now).filter((a) => !aboutOther(a))).toEqual(evaluate(history, now));
      }),
      RUNS,
    );
  });

  it('every alert is well formed: id carries its kind, raisedAt is not in the future', () => {
    fc.assert(
      fc.property(historyArb, nowArb, (history, now) => {
        for (const alert of evaluate(history, now)) {
          expect(alert.id.startsWith(`${alert.kind}:`)).toBe(true);
          expect(alert.raisedAt).toBeLessThanOrEqual(now);
          if (alert.amount) expect(Number.isInteger(alert.amount.amount) && alert.amount.amount > 0).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
