import { openDatabase, putEvidence } from '@/lib/store/db';
import { appendEvidence, deleteEvidence, verifyStoredEvidence } from '@/lib/store/evidence-store';
import { sha256Hex } from '@/lib/core/hash';
import { recordHashOf } from '@/lib/core/evidence-chain';
import { exportPublicJwk, keyFingerprint } from '@/lib/core/signing';
import { signingKey } from '@/lib/store/keystore';

let n = 0;
const draft = async (data: Uint8Array, at: number) => ({
  kind: 'price-screenshot' as const,
  capturedAt: at,
  url: 'https://item.jd.com/1.html',
  mime: 'image/jpeg',
  bytes: data.byteLength,
  sha256: await sha256Hex(data),
});

describe('evidence store', () => {
  it('keeps the chain linear when many captures append at once', async () => {
    const d = await openDatabase(`ev-store-${n++}`);
    const files = Array.from({ length: 12 }, (_, i) => new Uint8Array([i, i + 1, i + 2]));
    const records = await Promise.all(files.map(async (f, i) => appendEvidence(d, await draft(f, 1000 + i), f)));
    // Record #0 is the chain's start (the install's key); the captures follow it in one line.
    expect(records.map((r) => r.seq).sort((a, b) => a - b)).toEqual([...Array(12).keys()].map((i) => i + 1));
    expect(await verifyStoredEvidence(d)).toEqual({ ok: true, records: 13, problems: [] });
  });

  it('begins a new chain with a record that pins the install key and its fingerprint', async () => {
    const d = await openDatabase(`ev-store-${n++}`);
    const f = new Uint8Array([1]);
    const first = await appendEvidence(d, await draft(f, 5000), f);
    const start = await d.getFromIndex('evidence', 'bySeq', 0);
    const key = await signingKey(d);
    expect(start).toMatchObject({
      kind: 'chain-start',
      prevHash: null,
      capturedAt: 5000,
      keyFingerprint: await keyFingerprint(await exportPublicJwk(key.publicKey)),
    });
    expect(start!.previousKeyFingerprint).toBeUndefined();
    expect(first).toMatchObject({ seq: 1, prevHash: start!.recordHash });
  });

  it('continues a chain sealed under rule 1 behind a chain-rule record, which pins the key', async () => {
    const d = await openDatabase(`ev-store-${n++}`);
    const f = new Uint8Array([3]);
    const unsealed = { ...(await draft(f, 100)), id: 'ev-old', seq: 0, prevHash: null };
    await putEvidence(d, { ...unsealed, recordHash: await recordHashOf(unsealed) }, f);
    const next = await appendEvidence(d, await draft(f, 200), f);
    expect(next.seq).toBe(2);
    expect(await d.getFromIndex('evidence', 'bySeq', 1)).toMatchObject({ kind: 'chain-rule', capturedAt: 200 });
    expect(await verifyStoredEvidence(d)).toEqual({ ok: true, records: 3, problems: [] });
  });

  it('keeps the chain in time order when the clock goes back, and says by how much', async () => {
    const d = await openDatabase(`ev-store-${n++}`);
    const f = new Uint8Array([4]);
    await appendEvidence(d, await draft(f, 10_000), f);
    const behind = await appendEvidence(d, await draft(f, 7_000), f);
    expect(behind).toMatchObject({ capturedAt: 10_000, clockBehindMs: 3_000 });
    expect((await verifyStoredEvidence(d)).ok).toBe(true);
  });

  it('two contexts that make the install key at once end with one key', async () => {
    const d = await openDatabase(`ev-store-${n++}`);
    const [a, b] = await Promise.all([signingKey(d), signingKey(d)]);
    expect(await exportPublicJwk(a.publicKey)).toEqual(await exportPublicJwk(b.publicKey));
  });

  it('two writers with their own locks (worker and ticket page) both land, chained, never forked', async () => {
    const name = `ev-store-${n++}`;
    vi.resetModules();
    const worker = await import('@/lib/store/evidence-store');
    vi.resetModules();
    const page = await import('@/lib/store/evidence-store');
    expect(page.appendEvidence).not.toBe(worker.appendEvidence);
    const [dw, dp] = [await openDatabase(name), await openDatabase(name)];
    const files = Array.from({ length: 10 }, (_, i) => new Uint8Array([i, 7, i]));
    const records = await Promise.all(
      files.map(async (f, i) => (i % 2 ? page : worker).appendEvidence(i % 2 ? dp : dw, await draft(f, 2000 + i), f)),
    );
    expect(records.map((r) => r.seq).sort((a, b) => a - b)).toEqual([...Array(10).keys()].map((i) => i + 1));
    expect(await verifyStoredEvidence(dw)).toEqual({ ok: true, records: 11, problems: [] });
  });

  it('writes a record and its bytes together or not at all (a failed write leaves nothing half-stored)', async () => {
    const d = await openDatabase(`ev-store-${n++}`);
    const ok = new Uint8Array([1, 2, 3]);
    const first = await appendEvidence(d, await draft(ok, 1), ok);
    // A write that fails inside the transaction (as a full disk or quota error would) aborts both stores.
    const bad = { ...first, id: 'ev-bad', seq: 2 };
    await expect(putEvidence(d, bad, { notBytes: () => 1 } as unknown as Uint8Array)).rejects.toBeTruthy();
    expect(await d.get('evidence', 'ev-bad')).toBeUndefined();
    expect(await d.count('blobs')).toBe(1);
    expect(await verifyStoredEvidence(d)).toEqual({ ok: true, records: 2, problems: [] });
    // And the chain carries on from the last good record.
    const next = await appendEvidence(d, await draft(ok, 2), ok);
    expect(next).toMatchObject({ seq: 2, prevHash: first.recordHash });
  });

  it('deletes by appending a deletion record: the chain stays intact, a silent removal does not', async () => {
    const d = await openDatabase(`ev-store-${n++}`);
    const f = new Uint8Array([7, 7, 7]);
    const a = await appendEvidence(d, await draft(f, 1), f);
    const b = await appendEvidence(d, await draft(f, 2), f);
    const del = await deleteEvidence(d, a.id, 3, 'duplicate photo');
    expect(del).toMatchObject({
      kind: 'deletion',
      deletes: a.id,
      seq: 3,
      prevHash: b.recordHash,
      note: 'duplicate photo',
    });
    expect(await d.get('blobs', a.id)).toBeUndefined();
    expect(await verifyStoredEvidence(d)).toEqual({ ok: true, records: 4, problems: [] });
    // Removing bytes behind the chain's back is reported.
    await d.delete('blobs', b.id);
    expect((await verifyStoredEvidence(d)).problems).toEqual([{ evidenceId: b.id, reason: 'file missing' }]);
    await expect(deleteEvidence(d, del.id, 4)).rejects.toThrow(/cannot be deleted/);
  });
});
