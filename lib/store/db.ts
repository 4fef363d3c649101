/**
 * IndexedDB through idb. Every schema change is a numbered migration in MIGRATIONS, run in order
 * inside the upgrade transaction; a test opens a database written by an earlier version and upgrades it.
 *
 * Evidence and orders are written with `durability: 'strict'` (DESIGN.md "Durability"): the default
 * may report a write done before it reaches disk.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Evidence, PageSnapshot, Ticket } from '../core/model';
import { snapshotKey, snapshotOrderKey } from '../core/keys';
import type { MetaKey } from './meta';
import type { AlertRecord, SnapshotRecord } from '../core/stored';

export type { AlertRecord, SnapshotRecord };

export const DB_NAME = 'shopwitness';

export interface BlobRecord {
  id: string;
  data: Uint8Array;
  mime: string;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface ShopWitnessDB extends DBSchema {
  snapshots: {
    key: number;
    value: SnapshotRecord;
    indexes: { byKey: string; byCapturedAt: number; byOrderKey: string };
  };
  evidence: {
    key: string;
    value: Evidence;
    indexes: { bySeq: number; byCapturedAt: number; byOrderId: string; byProductId: string };
  };
  blobs: { key: string; value: BlobRecord };
  meta: { key: string; value: MetaRecord };
  alerts: { key: string; value: AlertRecord };
  tickets: { key: string; value: Ticket; indexes: { byOrderId: string } };
}

type UpgradeTx = IDBPTransaction<ShopWitnessDB, StoreNames<ShopWitnessDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<ShopWitnessDB>, tx: UpgradeTx) => Promise<void> | void;

export { snapshotKey };

/** Index i upgrades a database from version i to i + 1. Append only; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  // 1: snapshots, evidence records and their bytes, key-value meta.
  (db) => {
    const snaps = db.createObjectStore('snapshots', { keyPath: 'id', autoIncrement: true });
    snaps.createIndex('byKey', 'key');
    snaps.createIndex('byCapturedAt', 'capturedAt');
    const ev = db.createObjectStore('evidence', { keyPath: 'id' });
    ev.createIndex('bySeq', 'seq', { unique: true });
    ev.createIndex('byCapturedAt', 'capturedAt');
    db.createObjectStore('blobs', { keyPath: 'id' });
    db.createObjectStore('meta', { keyPath: 'key' });
  },
  // 2: alerts and tickets; snapshots gain an order key so an order's shipments are one index read.
  async (db, tx) => {
    db.createObjectStore('alerts', { keyPath: 'id' });
    const tickets = db.createObjectStore('tickets', { keyPath: 'id' });
    tickets.createIndex('byOrderId', 'orderId');
    const snaps = tx.objectStore('snapshots');
    snaps.createIndex('byOrderKey', 'orderKey');
    let cursor = await snaps.openCursor();
    while (cursor) {
      const orderKey = snapshotOrderKey(cursor.value);
      if (orderKey && cursor.value.orderKey !== orderKey) await cursor.update({ ...cursor.value, orderKey });
      cursor = await cursor.continue();
    }
  },
  // 3: evidence by order and by product, so the popup counts an order's evidence and finds a product's
  // latest screenshot with one index read each instead of loading every record. Records without the
  // field are simply not in the index; existing records are indexed by the upgrade itself.
  (_db, tx) => {
    const ev = tx.objectStore('evidence');
    ev.createIndex('byOrderId', 'orderId');
    ev.createIndex('byProductId', 'productId');
  },
];

export const DB_VERSION = MIGRATIONS.length;

export type DB = IDBPDatabase<ShopWitnessDB>;

/** Opens (and upgrades) the database. `version` exists for the migration test only. */
export function openDatabase(name = DB_NAME, version = DB_VERSION): Promise<DB> {
  return openDB<ShopWitnessDB>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      // An aborted upgrade is reported by the open itself (AbortError); idb's done promise would
      // otherwise reject unheard.
      tx.done.catch(() => undefined);
      try {
        for (let v = oldVersion; v < (newVersion ?? version); v++) {
          const migrate = MIGRATIONS[v];
          if (migrate) await migrate(db, tx);
        }
      } catch (e) {
        // A migration that fails part way must not commit half its work under the new version number
        // (nothing would ever finish it): abort, so the database stays at the old version with its
        // data, this open fails with AbortError, and the next open runs the migration again.
        // The same happens without us when the worker is killed mid-upgrade (tests/unit/store/fault-migration.test.ts).
        try {
          tx.abort();
        } catch {
          // already aborted: the connection went away or a request failed
        }
        console.warn('ShopWitness: database upgrade aborted', e);
      }
    },
    blocking(_current, _next, event) {
      // A newer version (an updated extension page) wants to upgrade: let it.
      (event.target as IDBDatabase | null)?.close();
    },
  });
}

let shared: Promise<DB> | null = null;
export function db(): Promise<DB> {
  shared ??= openDatabase().catch((e: unknown) => {
    shared = null;
    throw e;
  });
  return shared;
}

export function toSnapshotRecord(s: PageSnapshot, tabTitle?: string): SnapshotRecord {
  const orderKey = snapshotOrderKey(s);
  return { ...s, key: snapshotKey(s), ...(orderKey ? { orderKey } : {}), ...(tabTitle ? { tabTitle } : {}) };
}

export async function addSnapshot(d: DB, s: PageSnapshot, tabTitle?: string): Promise<number> {
  const tx = d.transaction('snapshots', 'readwrite', { durability: 'strict' });
  const id = await tx.store.add(toSnapshotRecord(s, tabTitle));
  await tx.done;
  return id;
}

export async function latestSnapshot(d: DB, key: string): Promise<SnapshotRecord | undefined> {
  const cursor = await d.transaction('snapshots').store.index('byKey').openCursor(IDBKeyRange.only(key), 'prev');
  return cursor?.value;
}

export async function allSnapshots(d: DB): Promise<SnapshotRecord[]> {
  return d.getAll('snapshots');
}

export async function lastEvidence(d: DB): Promise<Evidence | null> {
  const cursor = await d.transaction('evidence').store.index('bySeq').openCursor(null, 'prev');
  return cursor?.value ?? null;
}

/** Writes a sealed evidence record and its bytes in one strict transaction: both or neither. */
export async function putEvidence(d: DB, record: Evidence, data: Uint8Array | null): Promise<void> {
  const tx = d.transaction(['evidence', 'blobs'], 'readwrite', { durability: 'strict' });
  const pending: Promise<unknown>[] = [tx.done];
  try {
    pending.push(tx.objectStore('evidence').add(record));
    if (data) pending.push(tx.objectStore('blobs').put({ id: record.id, data, mime: record.mime }));
    await Promise.all(pending);
  } catch (e) {
    for (const p of pending) p.catch(() => undefined);
    // A request that throws synchronously (e.g. DataCloneError) does not abort the transaction by
    // itself: abort it so the record never lands without its bytes.
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    // One failed request aborts the others, and which rejection arrives first differs between browsers
    // (Firefox often reports the sibling's AbortError). Report the cause: a ConstraintError (another
    // writer took this chain position) or a QuotaExceededError (disk full), not "the operation was aborted".
    const reasons = (await Promise.allSettled(pending)).flatMap((r) =>
      r.status === 'rejected' ? [r.reason as unknown] : [],
    );
    throw reasons.find((r) => r instanceof Error && r.name !== 'AbortError') ?? tx.error ?? e;
  }
}

/** A `meta` value, as the type its key (lib/store/meta.ts) says it was written with. */
export async function getMeta<T>(d: DB, key: MetaKey<T>): Promise<T | undefined> {
  return (await d.get('meta', key))?.value as T | undefined;
}

/**
 * `strict`: durability 'strict', the write is on disk before it is reported done. For what a crash must not
 * lose: captures in flight or waiting, and the failures the shopper is told about.
 */
export interface MetaWriteOptions {
  strict?: boolean;
}

export async function setMeta<T>(d: DB, key: MetaKey<T>, value: T, opts: MetaWriteOptions = {}): Promise<void> {
  if (!opts.strict) {
    await d.put('meta', { key, value });
    return;
  }
  const tx = d.transaction('meta', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put({ key, value }), tx.done]);
}

/**
 * Reads and rewrites one `meta` value in a single transaction, so two writers (two captures, two contexts)
 * never lose each other's change. `update` must be synchronous; when it returns the value it was given,
 * nothing is written.
 */
export async function updateMeta<T>(
  d: DB,
  key: MetaKey<T>,
  update: (old: T | undefined) => T | undefined,
  opts: MetaWriteOptions = {},
): Promise<T | undefined> {
  const tx = d.transaction('meta', 'readwrite', opts.strict ? { durability: 'strict' } : undefined);
  const old = (await tx.store.get(key))?.value as T | undefined;
  const value = update(old);
  if (value !== old) await tx.store.put({ key, value });
  await tx.done;
  return value;
}
