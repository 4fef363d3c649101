import { openDB } from 'idb';
import { DB_VERSION, MIGRATIONS, openDatabase, addSnapshot, latestSnapshot, type DB } from '@/lib/db';

let n = 0;
const fresh = () => `sw-test-${Date.now()}-${n++}`;

describe('numbered migrations', () => {
  it('are one per version, in order', () => {
    expect(DB_VERSION).toBe(MIGRATIONS.length);
    expect(DB_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('upgrade a version-1 database with data in it without losing anything', async () => {
    const name = fresh();
    // What version 1 of the extension wrote: snapshots without an order key, evidence, blobs, meta.
    const v1 = await openDatabase(name, 1);
    const order = { kind: 'order', platform: 'jd', url: 'https://details.jd.com/normal/item.action?orderid=31', orderId: '31', paid: { amount: 8990, currency: 'CNY' }, items: [{ title: '水壶', quantity: 1 }], capturedAt: 1_700_000_000_000, key: 'order:jd:31' };
    const product = { kind: 'product', platform: 'jd', url: 'https://item.jd.com/1.html', productId: '1', title: '水壶', price: { amount: 8990, currency: 'CNY' }, capturedAt: 1_700_000_000_001, key: 'product:jd:1' };
    const raw = v1 as unknown as { add(store: string, v: unknown): Promise<unknown>; put(store: string, v: unknown): Promise<unknown> };
    await raw.add('snapshots', order);
    await raw.add('snapshots', product);
    await raw.put('evidence', { id: 'ev-1', seq: 0, kind: 'price-screenshot', capturedAt: 1, mime: 'image/jpeg', bytes: 3, sha256: 'a'.repeat(64), prevHash: null, recordHash: 'b'.repeat(64) });
    await raw.put('blobs', { id: 'ev-1', data: new Uint8Array([1, 2, 3]), mime: 'image/jpeg' });
    await raw.put('meta', { key: 'clockOffset', value: 5 });
    v1.close();

    const d: DB = await openDatabase(name);
    expect(d.version).toBe(DB_VERSION);
    expect(await d.count('snapshots')).toBe(2);
    expect((await d.get('evidence', 'ev-1'))?.sha256).toBe('a'.repeat(64));
    expect(Array.from((await d.get('blobs', 'ev-1'))?.data ?? [])).toEqual([1, 2, 3]);
    expect((await d.get('meta', 'clockOffset'))?.value).toBe(5);
    // Migration 2 backfilled the order key and added the stores later versions use.
    const byOrder = await d.getAllFromIndex('snapshots', 'byOrderKey', 'order:jd:31');
    expect(byOrder).toHaveLength(1);
    expect(d.objectStoreNames.contains('alerts')).toBe(true);
    expect(d.objectStoreNames.contains('tickets')).toBe(true);
    d.close();
  });

  it('finds the latest snapshot of a key', async () => {
    const d = await openDatabase(fresh());
    const base = { kind: 'product' as const, platform: 'jd' as const, url: 'https://item.jd.com/1.html', productId: '1', title: 't' };
    await addSnapshot(d, { ...base, price: { amount: 100, currency: 'CNY' }, capturedAt: 1 });
    await addSnapshot(d, { ...base, price: { amount: 90, currency: 'CNY' }, capturedAt: 2 });
    const latest = await latestSnapshot(d, 'product:jd:1');
    expect(latest && latest.kind === 'product' && latest.price.amount).toBe(90);
    d.close();
  });

  it('a fresh database has every store', async () => {
    const d = await openDB(fresh(), 1);
    d.close();
  });
});
