/**
 * The popup's kept first screen (lib/store/popup-view.ts) is a shortcut only: used while the stamp (newest
 * snapshot, newest evidence, stored settings) matches what is stored, never after anything changed.
 */
import { browser } from 'wxt/browser';
import { addSnapshot, db, putEvidence, type DB } from '@/lib/store/db';
import type { Evidence, OrderSnapshot } from '@/lib/core/model';
import { DEFAULT_SETTINGS } from '@/lib/core/model';
import { currentView, rawSettings, rebuildView, VIEW_KEY, type PopupView } from '@/lib/store/popup-view';
import { createPopupActions } from '@/lib/pages/popup-connector';

const PAID = Date.UTC(2026, 10, 1, 2, 0, 0);

function order(id: string, at = PAID): OrderSnapshot {
  return {
    kind: 'order',
    platform: 'jd',
    url: `https://details.jd.com/normal/item.action?orderid=${id}`,
    orderId: id,
    paidAt: at,
    paid: { amount: 8990, currency: 'CNY' },
    items: [{ productId: `P${id}`, title: `商品 ${id}`, unitPrice: { amount: 8990, currency: 'CNY' }, quantity: 1 }],
    capturedAt: at + 60_000,
  };
}

function evidence(seq: number): Evidence {
  const hex = (c: string) => c.repeat(64);
  return {
    id: `ev-${seq}`,
    seq,
    kind: 'order-screenshot',
    capturedAt: PAID + seq,
    platform: 'jd',
    orderId: '1',
    mime: 'image/jpeg',
    bytes: 3,
    sha256: hex('a'),
    prevHash: null,
    recordHash: hex('b'),
  };
}

let d: DB;
beforeEach(async () => {
  d = await db();
  await Promise.all(['snapshots', 'evidence', 'blobs', 'meta', 'alerts'].map((s) => d.clear(s as 'snapshots')));
  await browser.storage.sync.clear();
});

describe('popup view', () => {
  it('is current until a snapshot, an evidence record or the settings change', async () => {
    await addSnapshot(d, order('1'));
    await addSnapshot(d, order('2', PAID + 1000));
    const view = await rebuildView(d, DEFAULT_SETTINGS, '');
    expect(view.orders.map((o) => o.orderId)).toEqual(['2', '1']);
    expect(view.orders[1]?.evidenceCount).toBe(0);
    expect(await currentView(d, '')).toEqual(view);

    expect(await currentView(d, rawSettings({ stallHours: 24 }))).toBeNull();

    await putEvidence(d, evidence(0), null);
    expect(await currentView(d, '')).toBeNull();
    expect((await rebuildView(d, DEFAULT_SETTINGS, '')).orders[1]?.evidenceCount).toBe(1);
    expect(await currentView(d, '')).not.toBeNull();

    await addSnapshot(d, order('3', PAID + 2000));
    expect(await currentView(d, '')).toBeNull();
  });

  it('the popup shows the kept view while current, and what is stored once anything changed', async () => {
    await addSnapshot(d, order('1'));
    const first = await createPopupActions().load();
    expect(first.orders.map((o) => o.orderId)).toEqual(['1']);
    // The popup kept what it computed; mark it to see which path the next open takes.
    const kept = (await d.get('meta', VIEW_KEY))?.value as PopupView;
    expect(kept.orders).toHaveLength(1);
    await d.put('meta', {
      key: VIEW_KEY,
      value: { ...kept, orders: kept.orders.map((o) => ({ ...o, title: 'kept view' })) },
    });
    expect((await createPopupActions().load()).orders[0]?.title).toBe('kept view');

    await addSnapshot(d, order('2', PAID + 1000));
    const after = await createPopupActions().load();
    expect(after.orders.map((o) => [o.orderId, o.title])).toEqual([
      ['2', '商品 2'],
      ['1', '商品 1'],
    ]);

    // Settings written elsewhere (another device's sync) make it stale too, and are validated on the way in.
    await browser.storage.sync.set({ settings: { protectionDays: { jd: 30 } } });
    const synced = await createPopupActions().load();
    expect(synced.orders[0]?.windowEnd).toBe(PAID + 1000 + 30 * 86_400_000);
    await browser.storage.sync.set({ settings: { protectionDays: 'nonsense' } });
    expect((await createPopupActions().load()).settings).toEqual(DEFAULT_SETTINGS);
  });
});
