import { signingKey } from '@/lib/store/keystore';
import { unzipSync } from 'fflate';
import { ArchiveError, buildArchive, ARCHIVE_FORMAT } from '@/lib/pages/archive';
import { verifyBundle } from '@/lib/core/bundle';
import { addSnapshot, openDatabase, type DB } from '@/lib/store/db';
import { appendEvidence, deleteEvidence, verifyStoredEvidence } from '@/lib/store/evidence-store';
import { sha256Hex } from '@/lib/core/hash';
import type { Evidence } from '@/lib/core/model';
import { isAllowedFrom, parseMessage } from '@/lib/core/messages';
import { pruneEvidence } from '@/lib/background/prune';
import { pruneNote } from '@/lib/core/prune';
import { handlers } from '@/lib/background/handlers';
import { storageUsage } from '@/lib/store/storage-usage';
import { D, T0, order, product } from '../rules/builders';

let n = 0;
const LATER = T0 + 30 * D;

async function put(d: DB, bytes: number, fields: Partial<Evidence>): Promise<Evidence> {
  const data = new Uint8Array(bytes).map((_, i) => (i * 7 + bytes) % 256);
  return appendEvidence(
    d,
    {
      kind: 'order-screenshot',
      capturedAt: T0 + n,
      mime: 'image/jpeg',
      bytes,
      sha256: await sha256Hex(data),
      ...fields,
    },
    data,
  );
}

interface World {
  d: DB;
  closed: Evidence[];
  open: Evidence;
  other: Evidence;
  earlier: Evidence;
}

/** O1 closed (completed, window over) with two stored files and one deleted before; O2 still on its way. */
async function world(): Promise<World> {
  const d = await openDatabase(`archive-test-${++n}`);
  await addSnapshot(d, order({ status: '已完成' }));
  await addSnapshot(d, order({ orderId: 'O2' }));
  await addSnapshot(d, product(9000, T0));
  const earlier = await put(d, 64, { platform: 'jd', orderId: 'O1' });
  await deleteEvidence(d, earlier.id, T0 + D, 'duplicate');
  const closed = [
    await put(d, 300, { platform: 'jd', orderId: 'O1' }),
    await put(d, 120, { platform: 'jd', orderId: 'O1', kind: 'logistics-screenshot', mime: 'image/webp' }),
  ];
  const open = await put(d, 200, { platform: 'jd', orderId: 'O2' });
  const other = await put(d, 50, { kind: 'price-screenshot', platform: 'jd', productId: 'P1' });
  return { d, closed, open, other, earlier };
}

async function counts(d: DB) {
  return {
    evidence: await d.count('evidence'),
    blobs: await d.count('blobs'),
    meta: await d.count('meta'),
    snapshots: await d.count('snapshots'),
  };
}

const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe('archive', () => {
  it('packs a closed order’s evidence into a signed bundle that verifies, and changes nothing stored', async () => {
    const w = await world();
    const before = await counts(w.d);
    const a = await buildArchive(w.d, {
      keys: ['jd:O1'],
      now: LATER,
      signingKey: await signingKey(w.d),
      generator: 'ShopWitness test',
    });
    expect(await counts(w.d)).toEqual(before);
    expect(a.evidenceIds).toEqual(w.closed.map((e) => e.id).sort());
    expect(a.evidenceBytes).toBe(420);
    expect(a.orders).toEqual(['jd:O1']);
    expect(a.fileName).toMatch(/^shopwitness-archive-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.zip$/);
    expect(a.sha256).toBe(await sha256Hex(a.zip));

    const v = await verifyBundle(a.zip);
    expect(v).toMatchObject({ ok: true, signature: 'valid', problems: [] });
    const files = unzipSync(a.zip);
    const chain = JSON.parse(text(files['chain.json'])) as { records: Evidence[]; files: Record<string, string> };
    // The whole chain: the archived orders' records in full with their files, the earlier deletion (no file) so
    // the gap is explained, the chain's start, and every other order's record as hashes only.
    const full = chain.records.filter((e) => e.id !== undefined);
    expect(full.map((e) => [e.id, e.kind, chain.files[e.id] === undefined])).toEqual([
      [expect.any(String), 'chain-start', true],
      [expect.any(String), 'deletion', true],
      [w.closed[0]!.id, 'order-screenshot', false],
      [w.closed[1]!.id, 'logistics-screenshot', false],
    ]);
    expect(full[1]!.deletes).toBe(w.earlier.id);
    expect(chain.records).toHaveLength(await w.d.count('evidence'));
    for (const e of full.filter((e) => chain.files[e.id])) {
      expect(files[chain.files[e.id]!]!.byteLength).toBe(e.bytes);
      expect(await sha256Hex(files[chain.files[e.id]!]!)).toBe(e.sha256);
    }
    expect(chain.files[w.closed[1]!.id]).toMatch(/\.webp$/);
    const meta = JSON.parse(text(files['archive.json'])) as {
      format: string;
      orders: { key: string; closed: boolean; evidence: string[] }[];
      snapshots: { orderId?: string }[];
    };
    expect(meta.format).toBe(ARCHIVE_FORMAT);
    expect(meta.orders).toEqual([
      expect.objectContaining({ key: 'jd:O1', closed: true, evidence: w.closed.map((e) => e.id) }),
    ]);
    expect(meta.snapshots.map((s) => s.orderId)).toEqual(['O1']);
    expect(text(files['README.txt'])).toContain('npm run verify');
    // Nothing of the open order or the product screenshot.
    expect(Object.keys(files).filter((p) => p.startsWith('evidence/'))).toHaveLength(2);
  });

  it('refuses open orders, an empty choice, too much, and missing or changed files', async () => {
    const w = await world();
    const installKey = await signingKey(w.d);
    const go = (keys: string[], extra = {}) =>
      buildArchive(w.d, { keys, now: LATER, signingKey: installKey, ...extra });
    await expect(go(['jd:O1', 'jd:O2'])).rejects.toMatchObject({ code: 'open-order', detail: 'jd:O2' });
    await expect(go(['jd:NOPE'])).rejects.toMatchObject({ code: 'open-order' });
    await expect(go([])).rejects.toMatchObject({ code: 'nothing' });
    await expect(go(['jd:O1'], { maxBytes: 419 })).rejects.toMatchObject({ code: 'too-large' });
    // Inside the window the order is not closed yet.
    await expect(
      buildArchive(w.d, { keys: ['jd:O1'], now: T0 + D, signingKey: await signingKey(w.d) }),
    ).rejects.toBeInstanceOf(ArchiveError);

    const blob = (await w.d.get('blobs', w.closed[0]!.id))!;
    await w.d.put('blobs', { ...blob, data: blob.data.map((b, i) => (i === 5 ? b ^ 1 : b)) });
    await expect(go(['jd:O1'])).rejects.toMatchObject({ code: 'changed-file' });
    await w.d.delete('blobs', w.closed[0]!.id);
    await expect(go(['jd:O1'])).rejects.toMatchObject({ code: 'missing-file', detail: w.closed[0]!.id });
  });

  it('a storage error while reading leaves everything as it was', async () => {
    const w = await world();
    const before = await counts(w.d);
    const proto = IDBObjectStore.prototype as unknown as { get(...a: unknown[]): unknown };
    const original = proto.get;
    const spy = vi.spyOn(proto, 'get').mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      if (this.name === 'blobs') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    });
    try {
      await expect(
        buildArchive(w.d, { keys: ['jd:O1'], now: LATER, signingKey: await signingKey(w.d) }),
      ).rejects.toThrow(/quota/);
    } finally {
      spy.mockRestore();
    }
    expect(await counts(w.d)).toEqual(before);
    expect((await verifyStoredEvidence(w.d)).ok).toBe(true);
  });
});

describe('prune', () => {
  it('deletes exactly the archived bytes with deletion records; the chain stays intact, other orders untouched', async () => {
    const w = await world();
    const a = await buildArchive(w.d, { keys: ['jd:O1'], now: LATER, signingKey: await signingKey(w.d) });
    const usedBefore = await storageUsage(w.d, LATER);
    const note = pruneNote(a);
    const r = await pruneEvidence(w.d, { ids: a.evidenceIds, now: LATER, note });
    expect(r).toEqual({ ok: true, deleted: 2, skipped: 0, freedBytes: 420 });
    for (const e of w.closed) expect(await w.d.get('blobs', e.id)).toBeUndefined();
    expect(await w.d.get('blobs', w.open.id)).toBeDefined();
    expect(await w.d.get('blobs', w.other.id)).toBeDefined();
    const chain = await verifyStoredEvidence(w.d);
    expect(chain).toEqual({ ok: true, records: 9, problems: [] });
    const dels = (await w.d.getAll('evidence')).filter((e) => e.kind === 'deletion' && e.capturedAt === LATER);
    expect(dels.map((e) => e.deletes).sort()).toEqual(a.evidenceIds);
    expect(dels.every((e) => e.note === note && e.note.includes(a.sha256) && e.orderId === 'O1')).toBe(true);

    const used = await storageUsage(w.d, LATER);
    expect(used.total.bytes).toBe(usedBefore.total.bytes - 420);
    expect(used.orders.map((o) => o.key)).toEqual(['jd:O2']);
    // The archive made before still verifies on its own.
    expect((await verifyBundle(a.zip)).ok).toBe(true);

    // Asking again changes nothing.
    expect(await pruneEvidence(w.d, { ids: a.evidenceIds, now: LATER + 1, note })).toEqual({
      ok: true,
      deleted: 0,
      skipped: 2,
      freedBytes: 0,
    });
    expect((await verifyStoredEvidence(w.d)).records).toBe(9);
  });

  it('refuses the whole request, deleting nothing, if any id is an open order’s, not an order’s, or unknown', async () => {
    const w = await world();
    const before = await counts(w.d);
    const ids = w.closed.map((e) => e.id);
    expect(await pruneEvidence(w.d, { ids: [...ids, w.open.id], now: LATER, note: 'x' })).toMatchObject({
      ok: false,
      error: 'open-order',
      detail: 'jd:O2',
      deleted: 0,
    });
    expect(await pruneEvidence(w.d, { ids: [...ids, w.other.id], now: LATER, note: 'x' })).toMatchObject({
      ok: false,
      error: 'not-order-evidence',
    });
    expect(await pruneEvidence(w.d, { ids: [...ids, 'ev-nope'], now: LATER, note: 'x' })).toMatchObject({
      ok: false,
      error: 'not-found',
    });
    // The window is still open a day after payment.
    expect(await pruneEvidence(w.d, { ids, now: T0 + D, note: 'x' })).toMatchObject({
      ok: false,
      error: 'open-order',
      detail: 'jd:O1',
    });
    expect(await counts(w.d)).toEqual(before);
  });

  it('a full disk stops the prune: what was not deleted is intact, the chain verifies, a retry finishes', async () => {
    const w = await world();
    const ids = w.closed.map((e) => e.id).sort();
    const proto = IDBObjectStore.prototype as unknown as { add(...a: unknown[]): unknown };
    const original = proto.add;
    let adds = 0;
    const spy = vi.spyOn(proto, 'add').mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      if (this.name === 'evidence' && ++adds > 1)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    });
    let r;
    try {
      r = await pruneEvidence(w.d, { ids, now: LATER, note: 'x' });
    } finally {
      spy.mockRestore();
    }
    expect(r).toMatchObject({
      ok: false,
      error: 'write-failed',
      deleted: 1,
      freedBytes: w.closed.find((e) => e.id === ids[0])!.bytes,
    });
    expect(r!.ok === false && r!.detail).toMatch(/quota/);
    expect(await w.d.get('blobs', ids[0]!)).toBeUndefined();
    const kept = (await w.d.get('blobs', ids[1]!))!;
    expect(await sha256Hex(kept.data)).toBe(w.closed.find((e) => e.id === ids[1])!.sha256);
    expect(await verifyStoredEvidence(w.d)).toMatchObject({ ok: true, problems: [] });
    expect(await pruneEvidence(w.d, { ids, now: LATER, note: 'x' })).toMatchObject({
      ok: true,
      deleted: 1,
      skipped: 1,
    });
    expect(await verifyStoredEvidence(w.d)).toMatchObject({ ok: true, problems: [] });
  });

  it('finishes a prune that stopped between the deletion record and the bytes', async () => {
    const w = await world();
    const target = w.closed[0]!;
    // What a run cut short after appending the record would leave: the record, and the bytes still there.
    const blob = (await w.d.get('blobs', target.id))!;
    await deleteEvidence(w.d, target.id, LATER, 'x');
    await w.d.put('blobs', blob);
    expect(await pruneEvidence(w.d, { ids: [target.id], now: LATER, note: 'x' })).toEqual({
      ok: true,
      deleted: 1,
      skipped: 0,
      freedBytes: target.bytes,
    });
    expect(await w.d.get('blobs', target.id)).toBeUndefined();
    expect((await verifyStoredEvidence(w.d)).ok).toBe(true);
  });

  it('notes where the bytes went, or that there is no archive', () => {
    expect(pruneNote({ fileName: 'a.zip', sha256: 'ab'.repeat(32) })).toContain('a.zip');
    expect(pruneNote(null)).toMatch(/未归档/);
  });
});

describe('evidence/prune message', () => {
  it('is checked by zod and accepted only from the extension’s own pages', () => {
    expect(parseMessage({ type: 'evidence/prune', ids: ['ev-1'], note: 'n' }).ok).toBe(true);
    for (const bad of [
      { type: 'evidence/prune', ids: [], note: 'n' },
      { type: 'evidence/prune', ids: ['ev-1'] },
      { type: 'evidence/prune', ids: [''], note: 'n' },
      { type: 'evidence/prune', ids: ['x'.repeat(101)], note: 'n' },
    ]) {
      expect(parseMessage(bad).ok).toBe(false);
    }
    const own = 'ext-id';
    const origin = 'chrome-extension://ext-id/';
    const { from } = handlers['evidence/prune'];
    expect(from).toBe('page');
    expect(isAllowedFrom(from, { id: own, url: `${origin}options.html` }, own, origin)).toBe(true);
    expect(isAllowedFrom(from, { id: own, url: 'https://item.jd.com/1.html', tab: { id: 3 } }, own, origin)).toBe(
      false,
    );
    expect(isAllowedFrom(from, { id: 'other', url: `${origin}options.html` }, own, origin)).toBe(false);
  });
});
