import { addSnapshot, openDatabase, setMeta, type DB } from '@/lib/store/db';
import { META } from '@/lib/store/meta';
import { appendEvidence, verifyStoredEvidence } from '@/lib/store/evidence-store';
import {
  BACKUP_FORMAT,
  MAX_BACKUP_BYTES,
  buildBackup,
  deleteAllData,
  restoreBackup,
  serializeBackup,
  type Backup,
} from '@/lib/pages/backup-restore';
import { sha256Hex } from '@/lib/core/hash';
import { sealRecord } from '@/lib/core/evidence-chain';
import { exportPublicJwk, keyFingerprint } from '@/lib/core/signing';
import { signingKey } from '@/lib/store/keystore';
import { DEFAULT_SETTINGS, type ProductSnapshot, type Ticket } from '@/lib/core/model';

const T0 = Date.UTC(2026, 10, 11, 2, 0);
const FAR = Date.now() + 86_400_000;
let n = 0;
const fresh = () => openDatabase(`backup-test-${++n}`);
const enc = (s: string) => new TextEncoder().encode(s);

const product = (id: string, at: number): ProductSnapshot => ({
  kind: 'product',
  platform: 'jd',
  url: `https://item.jd.com/${id}.html`,
  productId: id,
  title: `商品 ${id} <img src=x onerror=alert(1)>`,
  price: { amount: 8990, currency: 'CNY' },
  capturedAt: at,
});

const ticket: Ticket = {
  version: 1,
  id: 'tk-1',
  type: 'price-protection',
  channel: 'seller',
  status: 'draft',
  createdAt: T0,
  evidenceIds: [],
  text: {},
};

async function evidence(d: DB, label: string, at: number) {
  const data = enc(`jpeg bytes ${label}`);
  return appendEvidence(
    d,
    {
      kind: 'price-screenshot',
      capturedAt: at,
      mime: 'image/jpeg',
      bytes: data.byteLength,
      sha256: await sha256Hex(data),
      productId: label,
      platform: 'jd',
    },
    data,
  );
}

async function populated(): Promise<DB> {
  const d = await fresh();
  await addSnapshot(d, product('1', T0), '京东');
  await addSnapshot(d, product('2', T0 + 1000));
  await evidence(d, '1', T0);
  await evidence(d, '2', T0 + 1000);
  await d.put('tickets', ticket);
  await d.put('alerts', {
    id: 'a-1',
    alert: { id: 'a-1', kind: 'price-drop', raisedAt: T0, message: 'drop' },
    firstSeenAt: T0,
    lastSeenAt: T0,
    notifiedAt: T0,
    active: true,
  });
  await setMeta(d, META.unwatchedOrders, ['jd:42']);
  return d;
}

async function counts(d: DB) {
  return {
    snapshots: await d.count('snapshots'),
    evidence: await d.count('evidence'),
    blobs: await d.count('blobs'),
    alerts: await d.count('alerts'),
    tickets: await d.count('tickets'),
    meta: await d.count('meta'),
  };
}

const fileOf = (b: Backup | object) => enc(JSON.stringify(b));

/** The shop records of a chain (not its bookkeeping), as content: what a restore must carry over unchanged. */
async function shopRecords(d: DB) {
  const all = (await d.getAll('evidence')).sort((a, b) => a.seq - b.seq);
  return all
    .filter((e) => !['chain-start', 'chain-rule', 'restore'].includes(e.kind))
    .map(({ seq: _s, prevHash: _p, fieldsHash: _f, recordHash: _r, restoredFrom: _o, ...fields }) => fields);
}

async function fingerprintOf(d: DB): Promise<string> {
  return keyFingerprint(await exportPublicJwk((await signingKey(d)).publicKey));
}

describe('backup and restore', () => {
  it('round trips every record and every evidence byte into an empty database, behind a restore record', async () => {
    const src = await populated();
    const backup = await buildBackup(src, { settings: DEFAULT_SETTINGS, now: T0 });
    expect(backup.format).toBe(BACKUP_FORMAT);
    expect(backup.blobs).toHaveLength(2);
    const dst = await fresh();
    const file = enc(serializeBackup(backup));
    const r = await restoreBackup(dst, file, T0 + 60_000);
    expect(r).toEqual({
      ok: true,
      added: { snapshots: 2, evidence: 2, alerts: 1, tickets: 1 },
      kept: { snapshots: 0, evidence: 0, alerts: 0, tickets: 0 },
    });
    expect(await shopRecords(dst)).toEqual(await shopRecords(src));
    const chain = (await dst.getAll('evidence')).sort((a, b) => a.seq - b.seq);
    expect(chain.map((e) => e.kind)).toEqual(['chain-start', 'restore', 'price-screenshot', 'price-screenshot']);
    expect(chain[0]!.keyFingerprint).toBe(await fingerprintOf(dst));
    const srcChain = (await src.getAll('evidence')).sort((a, b) => a.seq - b.seq);
    expect(chain[1]).toMatchObject({
      capturedAt: T0 + 60_000,
      restore: {
        backupSha256: await sha256Hex(file),
        evidence: 2,
        snapshots: 2,
        alerts: 1,
        tickets: 1,
        keyFingerprint: srcChain[0]!.keyFingerprint,
      },
    });
    // Each restored record says where it stood in the backup's chain.
    expect(chain[2]!.restoredFrom).toEqual({ seq: srcChain[1]!.seq, recordHash: srcChain[1]!.recordHash });
    expect((await dst.getAll('blobs')).map((b) => new TextDecoder().decode(b.data))).toEqual(
      (await src.getAll('blobs')).map((b) => new TextDecoder().decode(b.data)),
    );
    expect(await dst.getAll('snapshots')).toEqual(await src.getAll('snapshots'));
    expect(await dst.get('tickets', 'tk-1')).toEqual(ticket);
    expect((await dst.get('alerts', 'a-1'))?.notifiedAt).toBe(T0);
    expect((await dst.get('meta', 'unwatchedOrders'))?.value).toEqual(['jd:42']);
    expect(await verifyStoredEvidence(dst)).toMatchObject({ ok: true, records: 4 });
  });

  it('restoring the same backup again keeps existing ids and adds nothing, not even a restore record', async () => {
    const d = await populated();
    const bytes = enc(serializeBackup(await buildBackup(d)));
    const before = await counts(d);
    const r = await restoreBackup(d, bytes);
    expect(r).toMatchObject({
      ok: true,
      added: { snapshots: 0, evidence: 0, alerts: 0, tickets: 0 },
      kept: { snapshots: 2, evidence: 2, alerts: 1, tickets: 1 },
    });
    expect(await counts(d)).toEqual(before);
  });

  it('restores an older backup of the same chain after newer captures, and a newer one onto an older chain', async () => {
    const d = await populated();
    const older = enc(serializeBackup(await buildBackup(d)));
    await evidence(d, '3', T0 + 2000);
    const newer = enc(serializeBackup(await buildBackup(d)));
    expect(await restoreBackup(d, older)).toMatchObject({ ok: true, added: { evidence: 0 } });
    const other = await fresh();
    expect(await restoreBackup(other, older)).toMatchObject({ ok: true, added: { evidence: 2 } });
    expect(await restoreBackup(other, newer)).toMatchObject({
      ok: true,
      added: { evidence: 1 },
      kept: { evidence: 2 },
    });
    expect((await other.getAll('evidence')).filter((e) => e.kind === 'restore')).toHaveLength(2);
    expect((await verifyStoredEvidence(other)).ok).toBe(true);
  });

  it('appends another install’s evidence behind a restore record, never into this chain’s history', async () => {
    const theirs = await populated();
    const bytes = enc(serializeBackup(await buildBackup(theirs)));
    const mine = await fresh();
    await evidence(mine, 'mine', T0 + 5);
    const history = (await mine.getAll('evidence')).sort((a, b) => a.seq - b.seq);
    const r = await restoreBackup(mine, bytes);
    expect(r).toMatchObject({ ok: true, added: { evidence: 2 } });
    const after = (await mine.getAll('evidence')).sort((a, b) => a.seq - b.seq);
    expect(after.slice(0, history.length)).toEqual(history);
    expect(after[history.length]!.kind).toBe('restore');
    expect(after.slice(history.length + 1).every((e) => e.restoredFrom)).toBe(true);
    expect((await verifyStoredEvidence(mine)).ok).toBe(true);
  });

  it('gives a conflicting snapshot id a new id instead of overwriting', async () => {
    const theirs = await populated();
    const b = await buildBackup(theirs);
    const only = { ...b, evidence: [], blobs: [] };
    const mine = await fresh();
    await addSnapshot(mine, product('other', T0 + 99));
    const r = await restoreBackup(mine, fileOf(only));
    expect(r).toMatchObject({ ok: true, added: { snapshots: 2 } });
    expect(await mine.count('snapshots')).toBe(3);
    expect((await mine.get('snapshots', 1))?.key).toBe('product:jd:other');
  });

  describe('hostile or broken files change nothing', () => {
    let d: DB;
    let good: Backup;
    let before: Awaited<ReturnType<typeof counts>>;
    beforeEach(async () => {
      good = await buildBackup(await populated());
      d = await fresh();
      await addSnapshot(d, product('keep', T0));
      before = await counts(d);
    });
    afterEach(async () => {
      expect(await counts(d)).toEqual(before);
    });

    const blobTampered = (b: Backup): Backup => ({
      ...b,
      blobs: b.blobs.map((x, i) => (i === 1 ? { ...x, data: btoa('jpeg bytes 2!') } : x)),
    });

    it.each<[string, (b: Backup) => Uint8Array, string]>([
      ['bad JSON', () => enc('{"format": "shopwitness-full-backup/1", '), 'not-json'],
      ['not UTF-8', () => new Uint8Array([0xff, 0xfe, 0x00]), 'not-json'],
      ['a JSON array', () => enc('[]'), 'wrong-format'],
      ['the wrong format tag', (b) => fileOf({ ...b, format: 'shopwitness-backup/1' }), 'wrong-format'],
      ['a bundle-like object', () => fileOf({ format: 'shopwitness-bundle/1', files: [] }), 'wrong-format'],
      ['a tampered blob', (b) => fileOf(blobTampered(b)), 'hash-mismatch'],
      [
        'a blob that is not base64',
        (b) => fileOf({ ...b, blobs: b.blobs.map((x) => ({ ...x, data: '<<<' })) }),
        'bad-blob',
      ],
      [
        'a blob with no evidence record',
        (b) => fileOf({ ...b, blobs: [...b.blobs, { id: 'ev-x', mime: 'image/jpeg', data: 'AAAA' }] }),
        'bad-blob',
      ],
      ['a missing blob', (b) => fileOf({ ...b, blobs: b.blobs.slice(1) }), 'chain-broken'],
      [
        'an edited evidence record',
        (b) =>
          fileOf({ ...b, evidence: b.evidence.map((e, i) => (i === 0 ? { ...e, url: 'https://evil.example/' } : e)) }),
        'chain-broken',
      ],
      [
        'a record with a float price',
        (b) =>
          fileOf({ ...b, snapshots: b.snapshots.map((s) => ({ ...s, price: { amount: 89.9, currency: 'CNY' } })) }),
        'invalid',
      ],
      ['a duplicated ticket id', (b) => fileOf({ ...b, tickets: [...b.tickets, ...b.tickets] }), 'invalid'],
      [
        'a record dated in the future',
        (b) => fileOf({ ...b, snapshots: b.snapshots.map((s, i) => (i === 0 ? { ...s, capturedAt: FAR } : s)) }),
        'future',
      ],
      [
        'a page address that is not http(s)',
        (b) =>
          fileOf({ ...b, snapshots: b.snapshots.map((s, i) => (i === 0 ? { ...s, url: 'javascript:alert(1)' } : s)) }),
        'bad-url',
      ],
      [
        'an evidence file typed as a web page',
        (b) => fileOf({ ...b, blobs: b.blobs.map((x, i) => (i === 0 ? { ...x, mime: 'text/html' } : x)) }),
        'bad-type',
      ],
      [
        'an evidence file typed as SVG',
        (b) => fileOf({ ...b, blobs: b.blobs.map((x, i) => (i === 0 ? { ...x, mime: 'image/svg+xml' } : x)) }),
        'bad-type',
      ],
      [
        'a __proto__ key',
        (b) => enc(JSON.stringify(b).replace('"tickets":[{', '"tickets":[{"__proto__":{"polluted":true},')),
        'forbidden-key',
      ],
      [
        'a constructor.prototype key',
        (b) => enc(JSON.stringify(b).replace('"meta":{', '"meta":{"constructor":{"prototype":{"polluted":true}},')),
        'forbidden-key',
      ],
    ])('refuses %s', async (_name, make, error) => {
      const r = await restoreBackup(d, make(good));
      expect(r).toMatchObject({ ok: false, error });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses a crafted backup that appends a back-dated record, re-sealed so the chain itself links', async () => {
      const chain = [...good.evidence].sort((a, b) => a.seq - b.seq);
      const data = enc('forged jpeg');
      const forged = await sealRecord(
        {
          kind: 'price-screenshot',
          capturedAt: T0 - 5 * 86_400_000,
          mime: 'image/jpeg',
          bytes: data.byteLength,
          sha256: await sha256Hex(data),
          productId: '1',
          platform: 'jd',
          url: 'https://item.jd.com/1.html',
        },
        'ev-forged',
        chain[chain.length - 1]!,
      );
      const crafted = {
        ...good,
        evidence: [...chain, forged],
        blobs: [...good.blobs, { id: 'ev-forged', mime: 'image/jpeg', data: btoa('forged jpeg') }],
      };
      const r = await restoreBackup(d, fileOf(crafted));
      expect(r).toMatchObject({ ok: false, error: 'time-order' });
      expect(r.ok || r.detail).toMatch(/ev-forged/);
    });

    it('refuses a file over 500 MB before reading it', async () => {
      const huge = new Uint8Array(0);
      Object.defineProperty(huge, 'byteLength', { value: MAX_BACKUP_BYTES + 1 });
      expect(await restoreBackup(d, huge)).toMatchObject({ ok: false, error: 'too-large' });
    });
  });

  it('delete all takes the key and the clock offset with it; the next chain names the old key', async () => {
    const d = await populated();
    await setMeta(d, META.clockOffset, 86_400_000);
    const before = await fingerprintOf(d);
    await deleteAllData(d);
    expect(await counts(d)).toEqual({ snapshots: 0, evidence: 0, blobs: 0, alerts: 0, tickets: 0, meta: 1 });
    expect(await d.get('meta', META.clockOffset)).toBeUndefined();
    expect(await d.get('meta', META.signingKey)).toBeUndefined();
    // A backup restores into the emptied store behind a new chain start, under a new key that names the old one.
    const restored = await restoreBackup(d, enc(serializeBackup(await buildBackup(await populated()))));
    expect(restored).toMatchObject({ ok: true, added: { evidence: 2 } });
    const after = await fingerprintOf(d);
    expect(after).not.toBe(before);
    expect(await d.getFromIndex('evidence', 'bySeq', 0)).toMatchObject({
      kind: 'chain-start',
      keyFingerprint: after,
      previousKeyFingerprint: before,
    });
    expect((await verifyStoredEvidence(d)).ok).toBe(true);
  });
});
