import { createHash } from 'node:crypto';
import {
  checkChain,
  fieldsHashOf,
  linkHash,
  recordHashOf,
  reduceRecord,
  sealRecord,
  verifyChain,
  type ChainEntry,
  type EvidenceDraft,
} from '@/lib/core/evidence-chain';
import { sha256Hex } from '@/lib/core/hash';
import type { Evidence } from '@/lib/core/model';
import { EvidenceSchema } from '@/lib/core/model';
import { exportPublicJwk, generateSigningKey, keyFingerprint } from '@/lib/core/signing';

const T0 = 1_790_000_000_000;

async function keyDraft(kind: 'chain-start' | 'chain-rule', at: number): Promise<EvidenceDraft> {
  const jwk = await exportPublicJwk(await generateSigningKey());
  return {
    kind,
    capturedAt: at,
    mime: 'application/x-shopwitness-chain',
    bytes: 0,
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
    keyFingerprint: await keyFingerprint(jwk),
  };
}

async function shot(data: Uint8Array, at: number, orderId = '1001'): Promise<EvidenceDraft> {
  return {
    kind: 'order-screenshot',
    capturedAt: at,
    url: `https://details.jd.com/normal/item.action?orderid=${orderId}`,
    orderId,
    mime: 'image/jpeg',
    bytes: data.byteLength,
    sha256: await sha256Hex(data),
  };
}

async function chainOf(files: Uint8Array[]) {
  const records: Evidence[] = [await sealRecord(await keyDraft('chain-start', T0), 'ev-start', null)];
  for (const [i, data] of files.entries()) {
    records.push(await sealRecord(await shot(data, T0 + 1000 * (i + 1)), `ev-${i}`, records[records.length - 1]!));
  }
  const blobs = new Map(records.slice(1).map((r, i) => [r.id, files[i]!]));
  return { records, blobs, bytesOf: async (id: string) => blobs.get(id) ?? null };
}

/** A chain sealed the way installs before rule 2 did: recordHash over every other field. */
async function rule1Chain(n: number): Promise<Evidence[]> {
  const out: Evidence[] = [];
  for (let i = 0; i < n; i++) {
    const prev = out[i - 1];
    const draft = await shot(new Uint8Array([i]), T0 + i);
    const unsealed = { ...draft, id: `old-${i}`, seq: i, prevHash: prev ? prev.recordHash : null };
    out.push({ ...unsealed, recordHash: await recordHashOf(unsealed) });
  }
  return out;
}

const files = () => [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5]), new Uint8Array([6])];
type Chain = Awaited<ReturnType<typeof chainOf>>;

describe('evidence hash chain, rule 2', () => {
  it('starts with the key, links each record to the one before and validates against the schema', async () => {
    const { records, bytesOf } = await chainOf(files());
    expect(records[0]!.prevHash).toBeNull();
    expect(records[0]!.kind).toBe('chain-start');
    expect(records[1]!.prevHash).toBe(records[0]!.recordHash);
    records.forEach((r) => expect(EvidenceSchema.parse(r)).toEqual(r));
    expect(await verifyChain(records, bytesOf, keyFingerprint)).toEqual({ ok: true, records: 4, problems: [] });
  });

  it('hashes as documented: fieldsHash over the canonical fields, recordHash over the raw bytes prevHash ‖ fieldsHash', async () => {
    const { records } = await chainOf(files());
    const r = records[2]!;
    const { prevHash: _p, fieldsHash: _f, recordHash: _r, ...fields } = r;
    const canonical = JSON.stringify(Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1))));
    expect(createHash('sha256').update(canonical).digest('hex')).toBe(r.fieldsHash);
    const raw = Buffer.concat([Buffer.from(r.prevHash!, 'hex'), Buffer.from(r.fieldsHash!, 'hex')]);
    expect(createHash('sha256').update(raw).digest('hex')).toBe(r.recordHash);
    const first = records[0]!;
    const zero = Buffer.concat([Buffer.alloc(32), Buffer.from(first.fieldsHash!, 'hex')]);
    expect(createHash('sha256').update(zero).digest('hex')).toBe(first.recordHash);
    expect(await linkHash(null, first.fieldsHash!)).toBe(first.recordHash);
    expect(await fieldsHashOf(r)).toBe(r.fieldsHash);
  });

  it('verifies a chain whose records outside the complaint travel reduced to hashes', async () => {
    const { records } = await chainOf(files());
    const entries: ChainEntry[] = records.map((r, i) => (i === 2 ? r : i === 0 ? r : reduceRecord(r)));
    expect(Object.keys(entries[1]!).sort()).toEqual(['fieldsHash', 'prevHash', 'recordHash', 'seq']);
    const facts = await checkChain(entries, keyFingerprint);
    expect(facts.problems).toEqual([]);
    expect(facts).toMatchObject({ recomputed: 2, reducedRecomputed: 2, rule2From: 0 });
    expect(facts.key?.fingerprint).toBe(records[0]!.keyFingerprint);
    expect(facts.head).toEqual({ seq: 3, recordHash: records[3]!.recordHash });
  });

  it.each<[string, (c: Chain) => void | Promise<void>, string, RegExp]>([
    ['a changed byte in a stored file', (c) => void c.blobs.get('ev-1')!.set([9], 0), 'ev-1', /file changed/],
    ['a missing file', (c) => void c.blobs.delete('ev-2'), 'ev-2', /file missing/],
    ['an edited record', (c) => void (c.records[1]!.url = 'https://evil.example/'), 'ev-0', /record changed/],
    ['a removed record', (c) => void c.records.splice(2, 1), 'ev-2', /gap in the chain|chain broken/],
    [
      'a time moved five days earlier and the record re-hashed (its link left stale)',
      async (c) => {
        const r = c.records[2]!;
        r.capturedAt -= 5 * 86_400_000;
        r.fieldsHash = await fieldsHashOf(r);
      },
      'ev-1',
      /record hash of #2 is not SHA-256/,
    ],
    [
      'a record dated before its predecessor, whole chain re-sealed',
      async (c) => {
        const start = c.records[0]!;
        const resealed: Evidence[] = [start];
        for (const r of c.records.slice(1)) {
          const { id, seq: _s, prevHash: _p, fieldsHash: _f, recordHash: _r, ...draft } = r;
          if (id === 'ev-2') draft.capturedAt = T0 - 86_400_000;
          resealed.push(await sealRecord(draft, id, resealed[resealed.length - 1]!));
        }
        c.records.splice(0, c.records.length, ...resealed);
      },
      'ev-2',
      /time goes backwards/,
    ],
    [
      'a chain-start whose fingerprint is not its key’s',
      async (c) => {
        const other = await keyDraft('chain-start', T0);
        c.records[0] = await sealRecord({ ...other, keyFingerprint: 'a'.repeat(64) }, 'ev-start', null);
      },
      'ev-start',
      /fingerprint is not the fingerprint of its key/,
    ],
  ])('reports %s precisely', async (_name, tamper, id, reason) => {
    const c = await chainOf(files());
    await tamper(c);
    const result = await verifyChain(c.records, c.bytesOf, keyFingerprint);
    expect(result.ok).toBe(false);
    expect(result.problems.find((p) => p.evidenceId === id)?.reason).toMatch(reason);
  });

  it('refuses a rule-2 chain that does not begin with the key', async () => {
    const first = await sealRecord(await shot(new Uint8Array([1]), T0), 'ev-x', null);
    const facts = await checkChain([first], keyFingerprint);
    expect(facts.problems[0]?.reason).toMatch(/not a chain-start record/);
  });
});

describe('evidence hash chain, rule 1 and the change of rule', () => {
  it('keeps verifying a chain sealed under rule 1, and says it pins no key', async () => {
    const old = await rule1Chain(3);
    const facts = await checkChain(old, keyFingerprint);
    expect(facts.problems).toEqual([]);
    expect(facts).toMatchObject({ rule2From: null, key: null, recomputed: 3 });
  });

  it('continues a rule-1 chain at a chain-rule record that pins the key', async () => {
    const old = await rule1Chain(3);
    const pin = await sealRecord(await keyDraft('chain-rule', T0 + 10), 'ev-rule', old[2]!);
    const next = await sealRecord(await shot(new Uint8Array([7]), T0 + 20), 'ev-next', pin);
    const facts = await checkChain([...old, pin, next], keyFingerprint);
    expect(facts.problems).toEqual([]);
    expect(facts).toMatchObject({ rule2From: 3, recomputed: 5, key: { seq: 3, fingerprint: pin.keyFingerprint } });
    // Reduced rule-1 records are linked but cannot be recomputed: the check counts them apart.
    const reduced = await checkChain([...old.map(reduceRecord), pin, next], keyFingerprint);
    expect(reduced.problems).toEqual([]);
    expect(reduced.linkedOnly).toBe(3);
  });

  it('refuses a rule-1 record after the change and a second key', async () => {
    const old = await rule1Chain(2);
    const pin = await sealRecord(await keyDraft('chain-rule', T0 + 10), 'ev-rule', old[1]!);
    const unsealed = { ...(await shot(new Uint8Array([8]), T0 + 30)), id: 'ev-late', seq: 3, prevHash: pin.recordHash };
    const late: Evidence = { ...unsealed, recordHash: await recordHashOf(unsealed) };
    const facts = await checkChain([...old, pin, late], keyFingerprint);
    expect(facts.problems.map((p) => p.reason).join('\n')).toMatch(/old rule after the chain moved to rule 2/);
    const again = await sealRecord(await keyDraft('chain-rule', T0 + 40), 'ev-again', pin);
    const twice = await checkChain([...old, pin, again], keyFingerprint);
    expect(twice.problems.map((p) => p.reason).join('\n')).toMatch(/a second chain-rule record/);
  });
});
