import { openDatabase, putEvidence } from '@/lib/store/db';
import { appendEvidence, deleteEvidence, verifyStoredEvidence } from '@/lib/store/evidence-store';
import { sha256Hex } from '@/lib/core/hash';

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
    expect(records.map((r) => r.seq).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(await verifyStoredEvidence(d)).toEqual({ ok: true, records: 12, problems: [] });
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
    expect(records.map((r) => r.seq).sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    expect(await verifyStoredEvidence(dw)).toEqual({ ok: true, records: 10, problems: [] });
  });

  it('writes a record and its bytes together or not at all (a failed write leaves nothing half-stored)', async () => {
    const d = await openDatabase(`ev-store-${n++}`);
    const ok = new Uint8Array([1, 2, 3]);
    const first = await appendEvidence(d, await draft(ok, 1), ok);
    // A write that fails inside the transaction (as a full disk or quota error would) aborts both stores.
    const bad = { ...first, id: 'ev-bad', seq: 1 };
    await expect(putEvidence(d, bad, { notBytes: () => 1 } as unknown as Uint8Array)).rejects.toBeTruthy();
    expect(await d.get('evidence', 'ev-bad')).toBeUndefined();
    expect(await d.count('blobs')).toBe(1);
    expect(await verifyStoredEvidence(d)).toEqual({ ok: true, records: 1, problems: [] });
    // And the chain carries on from the last good record.
    const next = await appendEvidence(d, await draft(ok, 2), ok);
    expect(next).toMatchObject({ seq: 1, prevHash: first.recordHash });
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
      seq: 2,
      prevHash: b.recordHash,
      note: 'duplicate photo',
    });
    expect(await d.get('blobs', a.id)).toBeUndefined();
    expect(await verifyStoredEvidence(d)).toEqual({ ok: true, records: 3, problems: [] });
    // Removing bytes behind the chain's back is reported.
    await d.delete('blobs', b.id);
    expect((await verifyStoredEvidence(d)).problems).toEqual([{ evidenceId: b.id, reason: 'file missing' }]);
    await expect(deleteEvidence(d, del.id, 4)).rejects.toThrow(/cannot be deleted/);
  });
});
