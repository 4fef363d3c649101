/** The `meta` keys are stored data: a changed spelling would silently lose what an install already kept. */
import { META, META_KEPT_ON_DELETE } from '@/lib/store/meta';
import type { PageSnapshot } from '@/lib/model';

const parcel: PageSnapshot = { kind: 'logistics', url: 'https://x', trackingNumber: 'SF1', events: [], capturedAt: 0 };

describe('meta keys as stored', () => {
  it.each([
    [META.clockOffset, 'clockOffset'],
    [META.signingKey, 'signingKey'],
    [META.pendingCaptures, 'pendingCaptures'],
    [META.parkedCaptures, 'parkedCaptures'],
    [META.captureFailures, 'captureFailures'],
    [META.captureBudget, 'captureBudget'],
    [META.recheckState, 'recheckState'],
    [META.unwatchedOrders, 'unwatchedOrders'],
    [META.nextWake, 'nextWake'],
    [META.popupView, 'popupView'],
    [META.lastShot('https://item.jd.com/1.html#top'), 'lastShot:https://item.jd.com/1.html'],
    [META.seenAgain('ev-1'), 'seenAgain:ev-1'],
    [META.captured(parcel), 'captured:logistics:SF1'],
    [META.stallShot('SF1'), 'stallShot:SF1'],
    [META.recheckRemind('product:jd:1', '2026-12-06'), 'recheck-remind:product:jd:1:2026-12-06'],
  ])('%s', (key, stored) => expect(key).toBe(stored));

  it('finds a reminder behind a notification id, and nothing behind another id', () => {
    expect(META.recheckRemindOf('recheck-remind:product:jd:1:2026-12-06')).toBe(
      'recheck-remind:product:jd:1:2026-12-06',
    );
    expect(META.recheckRemindOf('no-pickup:jd:1')).toBeNull();
  });

  it('keeps nothing on delete all: not the signing key, not a clock offset', () => {
    expect([...META_KEPT_ON_DELETE]).toEqual([]);
  });
});
