import { addSnapshot, openDatabase } from '@/lib/store/db';
import { DEFAULT_SETTINGS } from '@/lib/core/model';
import { dismissAlert, inQuietHours, openAlerts, runWatch, setOrderWatched } from '@/lib/background/watch';

const H = 3_600_000;
const PAID = Date.UTC(2026, 10, 1, 2, 0);
let n = 0;

async function withOrder() {
  const d = await openDatabase(`watch-${n++}`);
  await addSnapshot(d, {
    kind: 'order',
    platform: 'jd',
    url: 'https://details.jd.com/normal/item.action?orderid=31',
    orderId: '31',
    paidAt: PAID,
    paid: { amount: 8990, currency: 'CNY' },
    items: [{ productId: '1', title: '水壶', unitPrice: { amount: 8990, currency: 'CNY' }, quantity: 1 }],
    capturedAt: PAID + 1000,
  });
  return d;
}

describe('background watch', () => {
  it('raises no-pickup at 48 h, notifies once, and never again after a restart', async () => {
    const d = await withOrder();
    expect((await runWatch(d, PAID + 47 * H, DEFAULT_SETTINGS)).toNotify).toEqual([]);
    const first = await runWatch(d, PAID + 48 * H, DEFAULT_SETTINGS);
    expect(first.toNotify.map((a) => a.kind)).toEqual(['no-pickup']);
    // Same situation later, and a "restarted worker" reading the same database: nothing new to show.
    expect((await runWatch(d, PAID + 49 * H, DEFAULT_SETTINGS)).toNotify).toEqual([]);
    d.close();
    const again = await openDatabase(`watch-${n - 1}`);
    expect((await runWatch(again, PAID + 50 * H, DEFAULT_SETTINGS)).toNotify).toEqual([]);
    expect((await openAlerts(again, PAID + 50 * H)).map((r) => r.alert.kind)).toEqual(['no-pickup']);
  });

  it('stores the next deadline as an absolute time to wake at', async () => {
    const d = await withOrder();
    const r = await runWatch(d, PAID + H, DEFAULT_SETTINGS);
    expect(r.nextWake).toBe(PAID + 48 * H);
  });

  it('keeps dismissals and snoozes, and honours "stop watching this order"', async () => {
    const d = await withOrder();
    const { active } = await runWatch(d, PAID + 48 * H, DEFAULT_SETTINGS);
    const id = active[0]!.id;
    await dismissAlert(d, id, PAID + 48 * H, PAID + 72 * H);
    expect(await openAlerts(d, PAID + 50 * H)).toEqual([]);
    expect((await openAlerts(d, PAID + 73 * H)).length).toBe(1);
    await dismissAlert(d, id, PAID + 74 * H);
    expect(await openAlerts(d, PAID + 80 * H)).toEqual([]);
    await setOrderWatched(d, 'jd', '31', false);
    expect((await runWatch(d, PAID + 90 * H, DEFAULT_SETTINGS)).active).toEqual([]);
  });

  it('holds notifications back in quiet hours and when notifications are off', async () => {
    const d = await withOrder();
    expect((await runWatch(d, PAID + 48 * H, { ...DEFAULT_SETTINGS, notifications: false })).toNotify).toEqual([]);
    expect(inQuietHours(Date.UTC(2026, 10, 1, 15, 0), { start: 22, end: 8 }, 'Asia/Shanghai')).toBe(true); // 23:00 Shanghai
    expect(inQuietHours(Date.UTC(2026, 10, 1, 4, 0), { start: 22, end: 8 }, 'Asia/Shanghai')).toBe(false); // 12:00
    expect(inQuietHours(Date.UTC(2026, 10, 1, 4, 0), null)).toBe(false);
  });
});
