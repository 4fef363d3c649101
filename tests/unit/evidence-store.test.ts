import { openDatabase, putEvidence } from '@/lib/db';
import { appendEvidence, verifyStoredEvidence } from '@/lib/evidence-store';
import { sha256Hex } from '@/lib/hash';

let n = 0;
const draft = async (data: Uint8Array, at: number) => ({ kind: 'price-screenshot' as const, capturedAt: at, url: 'https://item.jd.com/1.html', mime: 'image/jpeg', bytes: data.byteLength, sha256: await sha256Hex(data) });

describe('evidence store', () => {
  it('keeps the chain linear when many captures append at once', async () => {
    const d = await openDatabase(`ev-store-${n++}`);
    const files = Array.from({ length: 12 }, (_, i) => new Uint8Array([i, i + 1, i + 2]));
    const records = await Promise.all(files.map(async (f, i) => appendEvidence(d, await draft(f, 1000 + i), f)));
    expect(records.map((r) => r.seq).sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(await verifyStoredEvidence(d)).toEqual({ ok: true, records: 12, problems: [] });
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
});
