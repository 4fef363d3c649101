/**
 * Fault test: "service worker killed mid-migration". Unit test over fake-indexeddb:
 * a real-browser kill cannot be timed to land inside one migration reliably, and what the browser does
 * when the worker dies with an upgrade open is exactly this: the versionchange transaction is aborted.
 * Here it is aborted part way through migration 2 (after some of its cursor updates), and, separately,
 * migration 2 throws part way (a bug or an unclonable record). Either way the database must stay at
 * version 1 with every record as it was, and the next open must complete the migration.
 */
import { openDB } from 'idb';
import { DB_VERSION, openDatabase, type DB } from '@/lib/store/db';

let n = 0;
const fresh = () => `sw-fault-migration-${Date.now()}-${n++}`;

const orders = Array.from({ length: 8 }, (_, i) => ({
  kind: 'order',
  platform: 'jd',
  url: `https://details.jd.com/normal/item.action?orderid=3${i}`,
  orderId: `3${i}`,
  paid: { amount: 8990 + i, currency: 'CNY' },
  items: [{ title: '水壶', quantity: 1 }],
  capturedAt: 1_700_000_000_000 + i,
  key: `order:jd:3${i}`,
}));
const parcel = {
  kind: 'logistics',
  platform: 'jd',
  url: 'https://www.kuaidi100.com/',
  orderId: '30',
  trackingNumber: 'SF100',
  events: [],
  capturedAt: 1_700_000_000_100,
  key: 'logistics:SF100',
};
const product = {
  kind: 'product',
  platform: 'jd',
  url: 'https://item.jd.com/1.html',
  productId: '1',
  title: '水壶',
  price: { amount: 8990, currency: 'CNY' },
  capturedAt: 1_700_000_000_200,
  key: 'product:jd:1',
};
const evidence = {
  id: 'ev-1',
  seq: 0,
  kind: 'price-screenshot',
  capturedAt: 1,
  mime: 'image/jpeg',
  bytes: 3,
  sha256: 'a'.repeat(64),
  prevHash: null,
  recordHash: 'b'.repeat(64),
};

type Raw = { add(store: string, v: unknown): Promise<unknown>; put(store: string, v: unknown): Promise<unknown> };

/** What version 1 of the extension wrote. */
async function versionOne(name: string): Promise<void> {
  const v1 = await openDatabase(name, 1);
  const raw = v1 as unknown as Raw;
  for (const o of orders) await raw.add('snapshots', o);
  await raw.add('snapshots', parcel);
  await raw.add('snapshots', product);
  await raw.put('evidence', evidence);
  await raw.put('blobs', { id: 'ev-1', data: new Uint8Array([1, 2, 3]), mime: 'image/jpeg' });
  await raw.put('meta', { key: 'clockOffset', value: 5 });
  v1.close();
}

/** The database as it is on disk, opened without asking for any version (so without upgrading it). */
async function onDisk(name: string) {
  const d = await openDB(name);
  const tx = d.transaction(['snapshots', 'evidence', 'blobs', 'meta']);
  const state = {
    version: d.version,
    stores: [...d.objectStoreNames].sort(),
    snapshotIndexes: [...tx.objectStore('snapshots').indexNames].sort(),
    snapshots: await tx.objectStore('snapshots').getAll(),
    evidence: await tx.objectStore('evidence').getAll(),
    blobs: (await tx.objectStore('blobs').getAll()).map((b) => ({ ...b, data: Array.from(b.data as Uint8Array) })),
    meta: await tx.objectStore('meta').getAll(),
  };
  d.close();
  return state;
}

/** Runs `fault` on the third cursor update of an upgrade: two records are migrated, the rest are not. */
function onThirdUpdate(fault: (cursor: IDBCursor) => void): () => number {
  const original = IDBCursor.prototype.update;
  let calls = 0;
  const spy = vi.spyOn(IDBCursor.prototype, 'update').mockImplementation(function (this: IDBCursor, value: unknown) {
    calls++;
    if (calls === 3) fault(this);
    return original.call(this, value);
  });
  return () => {
    spy.mockRestore();
    return calls;
  };
}

async function expectCompletedOnNextOpen(name: string, before: Awaited<ReturnType<typeof onDisk>>): Promise<void> {
  const d: DB = await openDatabase(name);
  expect(d.version).toBe(DB_VERSION);
  expect(d.objectStoreNames.contains('alerts')).toBe(true);
  expect(d.objectStoreNames.contains('tickets')).toBe(true);
  const snapshots = await d.getAll('snapshots');
  expect(snapshots).toHaveLength(before.snapshots.length);
  // Every order and linked shipment got its order key: the migration ran to the end this time.
  for (const s of snapshots) {
    if (s.kind === 'order') expect(s.orderKey).toBe(`order:jd:${s.orderId}`);
    if (s.kind === 'logistics') expect(s.orderKey).toBe('order:jd:30');
  }
  expect(await d.getAllFromIndex('snapshots', 'byOrderKey', 'order:jd:30')).toHaveLength(2);
  expect(await d.get('evidence', 'ev-1')).toEqual(evidence);
  expect((await d.get('meta', 'clockOffset'))?.value).toBe(5);
  d.close();
}

describe('fault: the worker is killed in the middle of a migration', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an upgrade aborted part way (the connection killed) leaves version 1 and all data; the next open migrates', async () => {
    const name = fresh();
    await versionOne(name);
    const before = await onDisk(name);
    expect(before.version).toBe(1);

    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const restore = onThirdUpdate((cursor) => (cursor.source as IDBObjectStore).transaction.abort());
    await expect(openDatabase(name)).rejects.toMatchObject({ name: 'AbortError' });
    expect(restore()).toBe(3); // it really was interrupted inside the migration, after two updates

    const after = await onDisk(name);
    expect(after).toEqual(before); // version 1, no half-made stores or index, no record touched
    expect(after.stores).toEqual(['blobs', 'evidence', 'meta', 'snapshots']);
    expect(after.snapshotIndexes).not.toContain('byOrderKey');
    expect(after.snapshots.some((s) => 'orderKey' in s)).toBe(false);

    await expectCompletedOnNextOpen(name, before);
  });

  it('a migration that throws part way is rolled back too, not committed half done under version 2', async () => {
    const name = fresh();
    await versionOne(name);
    const before = await onDisk(name);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const restore = onThirdUpdate(() => {
      throw new DOMException('simulated: a record that cannot be cloned', 'DataCloneError');
    });
    await expect(openDatabase(name)).rejects.toMatchObject({ name: 'AbortError' });
    restore();
    expect(warn).toHaveBeenCalledWith(
      'ShopWitness: database upgrade aborted',
      expect.objectContaining({ name: 'DataCloneError' }),
    );

    expect(await onDisk(name)).toEqual(before);
    await expectCompletedOnNextOpen(name, before);
  });

  it('a first install killed during its upgrade leaves nothing half made; the next open creates everything', async () => {
    const name = fresh();
    const original = IDBDatabase.prototype.createObjectStore;
    const spy = vi.spyOn(IDBDatabase.prototype, 'createObjectStore').mockImplementation(function (
      this: IDBDatabase,
      store,
      options,
    ) {
      const created = original.call(this, store, options);
      if (store === 'tickets') created.transaction.abort(); // killed between migration 1 and the end of 2
      return created;
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(openDatabase(name)).rejects.toMatchObject({ name: 'AbortError' });
    spy.mockRestore();

    const d = await openDatabase(name);
    expect(d.version).toBe(DB_VERSION);
    expect([...d.objectStoreNames].sort()).toEqual(['alerts', 'blobs', 'evidence', 'meta', 'snapshots', 'tickets']);
    expect([...d.transaction('snapshots').store.indexNames].sort()).toEqual(['byCapturedAt', 'byKey', 'byOrderKey']);
    d.close();
  });
});
