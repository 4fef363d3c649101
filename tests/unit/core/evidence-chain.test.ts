import { sealRecord, verifyChain, type EvidenceDraft } from '@/lib/core/evidence-chain';
import { sha256Hex } from '@/lib/core/hash';
import type { Evidence } from '@/lib/core/model';
import { EvidenceSchema } from '@/lib/core/model';

async function chainOf(files: Uint8Array[]) {
  const records: Evidence[] = [];
  for (const [i, data] of files.entries()) {
    const draft: EvidenceDraft = {
      kind: 'price-screenshot',
      capturedAt: 1_700_000_000_000 + i,
      url: 'https://item.jd.com/1.html',
      mime: 'image/jpeg',
      bytes: data.byteLength,
      sha256: await sha256Hex(data),
    };
    records.push(await sealRecord(draft, `ev-${i}`, records[i - 1] ?? null));
  }
  const blobs = new Map(records.map((r, i) => [r.id, files[i]!]));
  return { records, blobs, bytesOf: async (id: string) => blobs.get(id) ?? null };
}

const files = () => [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), new Uint8Array([6])];

describe('evidence hash chain', () => {
  it('links each record to the one before and validates against the schema', async () => {
    const { records, bytesOf } = await chainOf(files());
    expect(records[0]!.prevHash).toBeNull();
    expect(records[1]!.prevHash).toBe(records[0]!.recordHash);
    records.forEach((r) => expect(EvidenceSchema.parse(r)).toEqual(r));
    expect(await verifyChain(records, bytesOf)).toEqual({ ok: true, records: 3, problems: [] });
  });

  it.each([
    [
      'a changed byte in a stored file',
      async (c: Awaited<ReturnType<typeof chainOf>>) => c.blobs.get('ev-1')!.set([9], 0),
      'ev-1',
      /file changed/,
    ],
    [
      'a missing file',
      async (c: Awaited<ReturnType<typeof chainOf>>) => void c.blobs.delete('ev-2'),
      'ev-2',
      /file missing/,
    ],
    [
      'an edited record',
      async (c: Awaited<ReturnType<typeof chainOf>>) => void (c.records[0]!.url = 'https://evil.example/'),
      'ev-0',
      /record changed/,
    ],
    [
      'a deleted record',
      async (c: Awaited<ReturnType<typeof chainOf>>) => void c.records.splice(1, 1),
      'ev-2',
      /gap in the chain|chain broken/,
    ],
  ])('reports %s precisely', async (_name, tamper, id, reason) => {
    const c = await chainOf(files());
    await tamper(c);
    const result = await verifyChain(c.records, c.bytesOf);
    expect(result.ok).toBe(false);
    expect(result.problems.find((p) => p.evidenceId === id)?.reason).toMatch(reason);
  });
});
