import { openDB } from 'idb';
import { DB_VERSION, MIGRATIONS, openDatabase, addSnapshot, latestSnapshot, type DB } from '@/lib/store/db';

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
    const order = {
      kind: 'order',
      platform: 'jd',
      url: 'https://details.jd.com/normal/item.action?orderid=31',
      orderId: '31',
      paid: { amount: 8990, currency: 'CNY' },
      items: [{ title: '水壶', quantity: 1 }],
      capturedAt: 1_700_000_000_000,
      key: 'order:jd:31',
    };
    const product = {
      kind: 'product',
      platform: 'jd',
      url: 'https://item.jd.com/1.html',
      productId: '1',
      title: '水壶',
      price: { amount: 8990, currency: 'CNY' },
      capturedAt: 1_700_000_000_001,
      key: 'product:jd:1',
    };
    const raw = v1 as unknown as {
      add(store: string, v: unknown): Promise<unknown>;
      put(store: string, v: unknown): Promise<unknown>;
    };
    await raw.add('snapshots', order);
    await raw.add('snapshots', product);
    await raw.put('evidence', {
      id: 'ev-1',
      seq: 0,
      kind: 'price-screenshot',
      capturedAt: 1,
      platform: 'jd',
      productId: '1',
      mime: 'image/jpeg',
      bytes: 3,
      sha256: 'a'.repeat(64),
      prevHash: null,
      recordHash: 'b'.repeat(64),
    });
    await raw.put('evidence', {
      id: 'ev-2',
      seq: 1,
      kind: 'order-screenshot',
      capturedAt: 2,
      platform: 'jd',
      orderId: '31',
      mime: 'image/jpeg',
      bytes: 3,
      sha256: 'c'.repeat(64),
      prevHash: 'b'.repeat(64),
      recordHash: 'd'.repeat(64),
    });
    await raw.put('evidence', {
      id: 'ev-3',
      seq: 2,
      kind: 'attachment',
      capturedAt: 3,
      orderId: '31',
      mime: 'application/pdf',
      bytes: 3,
      sha256: 'e'.repeat(64),
      prevHash: 'd'.repeat(64),
      recordHash: 'f'.repeat(64),
    });
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
    // Migration 3 indexed the evidence already there by order and by product (records without the field are left out).
    expect((await d.getAllKeysFromIndex('evidence', 'byOrderId', '31')).sort()).toEqual(['ev-2', 'ev-3']);
    expect(await d.countFromIndex('evidence', 'byOrderId')).toBe(2);
    expect(await d.getAllKeysFromIndex('evidence', 'byProductId', '1')).toEqual(['ev-1']);
    d.close();
  });

  it('upgrade a version-2 database (alerts and tickets in it) to the evidence indexes', async () => {
    const name = fresh();
    const v2 = await openDatabase(name, 2);
    const raw = v2 as unknown as { put(store: string, v: unknown): Promise<unknown> };
    await raw.put('evidence', {
      id: 'ev-9',
      seq: 0,
      kind: 'logistics-screenshot',
      capturedAt: 9,
      platform: 'taobao',
      orderId: '77',
      trackingNumber: 'YT1',
      mime: 'image/jpeg',
      bytes: 3,
      sha256: 'a'.repeat(64),
      prevHash: null,
      recordHash: 'b'.repeat(64),
    });
    await raw.put('tickets', {
      version: 1,
      id: 't-1',
      type: 'no-pickup',
      channel: 'seller',
      status: 'draft',
      orderId: '77',
      createdAt: 1,
      evidenceIds: ['ev-9'],
      text: {},
    });
    v2.close();
    const d = await openDatabase(name);
    expect(await d.getAllKeysFromIndex('evidence', 'byOrderId', '77')).toEqual(['ev-9']);
    expect((await d.get('tickets', 't-1'))?.evidenceIds).toEqual(['ev-9']);
    d.close();
  });

  it('finds the latest snapshot of a key', async () => {
    const d = await openDatabase(fresh());
    const base = {
      kind: 'product' as const,
      platform: 'jd' as const,
      url: 'https://item.jd.com/1.html',
      productId: '1',
      title: 't',
    };
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
