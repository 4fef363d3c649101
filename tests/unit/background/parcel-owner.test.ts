/** A tracking site's parcel is filed under the order that lists its number (lib/background/parcel-owner.ts). */
import { fileUnder, ownerOf } from '@/lib/background/parcel-owner';
import type { LogisticsSnapshot, OrderSnapshot } from '@/lib/core/model';

const order = (orderId: string, capturedAt: number, extra: Partial<OrderSnapshot> = {}): OrderSnapshot => ({
  kind: 'order',
  platform: 'taobao',
  url: `https://trade.taobao.com/trade/detail/x?bizOrderId=${orderId}`,
  orderId,
  paid: { amount: 100, currency: 'CNY' },
  items: [],
  capturedAt,
  ...extra,
});
const parcel = (trackingNumber: string, extra: Partial<LogisticsSnapshot> = {}): LogisticsSnapshot => ({
  kind: 'logistics',
  url: `https://m.kuaidi100.com/app/query/?nu=${trackingNumber}`,
  trackingNumber,
  events: [],
  capturedAt: 5,
  ...extra,
});

describe('parcel owner', () => {
  const orders = [
    order('A', 1, { trackingNumbers: ['sf 1234567890123'], carrier: 'SF' }),
    order('B', 2, { returnTrackingNumbers: ['YT7512345678901'] }),
  ];
  it.each([
    ['SF1234567890123', 'A', 'forward'],
    ['YT7512345678901', 'B', 'return'],
    ['78912345678901', null, null],
  ])('%s → order %s (%s)', (n, id, direction) => {
    const o = ownerOf(orders, n);
    expect(o?.order.orderId ?? null).toBe(id);
    expect(o?.direction ?? null).toBe(direction);
  });

  it('fills platform, order, direction and a missing carrier; leaves a parcel that names its order, or none', () => {
    expect(fileUnder(parcel('SF1234567890123'), orders)).toMatchObject({
      platform: 'taobao',
      orderId: 'A',
      carrier: 'SF',
    });
    expect(fileUnder(parcel('YT7512345678901'), orders)).toMatchObject({ orderId: 'B', direction: 'return' });
    const own = parcel('SF1234567890123', { orderId: 'Z', platform: 'jd' });
    expect(fileUnder(own, orders)).toBe(own);
    const stray = parcel('78912345678901');
    expect(fileUnder(stray, orders)).toBe(stray);
  });

  it('the latest order snapshot listing the number wins', () => {
    const later = [...orders, order('C', 9, { trackingNumbers: ['SF1234567890123'] })];
    expect(ownerOf(later, 'SF1234567890123')?.order.orderId).toBe('C');
  });
});
