// @vitest-environment node
/**
 * Evidence bundle: round trip, every kind of tamper verifyBundle must name, hostile archives it must
 * refuse without inflating, and report.html keeping page text as text.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Evidence, Ticket } from '../../../lib/core/model';
import {
  BUNDLE_FORMAT,
  BundleError,
  buildBundle,
  isSafeZipPath,
  signAndZip,
  verifyBundle,
  type BundleInput,
  type Manifest,
} from '../../../lib/core/bundle';
import { exportPublicJwk, generateSigningKey, keyFingerprint, sha256Hex, signBytes } from '../../../lib/core/signing';
import { fieldsHashOf, sealRecord } from '../../../lib/core/evidence-chain';
import { buildTimeStampRequest, newNonce } from '../../../lib/core/timestamp/request';
import { localPki, stamp, tokenOf, type TsaVariant } from '../../e2e/harness/local-tsa';

const NOW = Date.UTC(2025, 10, 9, 4, 0);
const XSS = '<img src=x onerror=alert(1)>';
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...strToU8('price ¥1,287.00 screenshot'), 0xff, 0xd9]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

/** A shop record draft: sealed onto the chain by `chainFor`. */
async function record(id: string, seq: number, data: Uint8Array, extra: Partial<Evidence> = {}): Promise<Evidence> {
  return {
    id,
    seq,
    kind: 'price-screenshot',
    capturedAt: Date.UTC(2025, 10, 8, 7, 8, 9) + seq * 1000,
    url: 'https://item.jd.com/100012043978.html',
    title: `无线降噪耳机 ${XSS}`,
    caption: '¥1,287.00',
    mime: 'image/jpeg',
    bytes: data.length,
    sha256: await sha256Hex(data),
    prevHash: null,
    recordHash: '0'.repeat(64),
    ...extra,
  };
}

const OTHER = strToU8('another order, never in this bundle');

/**
 * A real chain as an install keeps it: #0 pins the key, #1 is another order's screenshot (it must travel as
 * hashes only), then the complaint's records in the order given.
 */
async function chainFor(key: CryptoKeyPair, items: Evidence[]): Promise<Evidence[]> {
  const jwk = await exportPublicJwk(key.publicKey);
  const start = await sealRecord(
    {
      kind: 'chain-start',
      capturedAt: Date.UTC(2025, 10, 1),
      mime: 'application/x-shopwitness-chain',
      bytes: 0,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
      keyFingerprint: await keyFingerprint(jwk),
    },
    'ev-start',
    null,
  );
  const other = await sealRecord(
    {
      kind: 'order-screenshot',
      capturedAt: Date.UTC(2025, 10, 2),
      url: 'https://details.jd.com/normal/item.action?orderid=999999',
      title: 'SECRET other order',
      orderId: '999999',
      mime: 'image/jpeg',
      bytes: OTHER.length,
      sha256: await sha256Hex(OTHER),
    },
    'ev-other',
    start,
  );
  const out = [start, other];
  for (const r of items) {
    const { id, seq: _s, prevHash: _p, fieldsHash: _f, recordHash: _r, ...draft } = r;
    out.push(await sealRecord(draft, id, out[out.length - 1]!));
  }
  return out;
}

const ticket: Ticket = {
  version: 1,
  id: 'ticket-1',
  type: 'price-protection',
  channel: 'seller',
  status: 'draft',
  platform: 'jd',
  orderId: '312345678901',
  createdAt: NOW,
  amount: { amount: 2400, currency: 'CNY' },
  evidenceIds: ['ev-0001', 'ev-0002'],
  text: {},
};

const keyPair = generateSigningKey();
const otherKey = generateSigningKey();

async function input(extra: Partial<BundleInput> = {}): Promise<BundleInput> {
  const key = extra.signingKey?.privateKey ? extra.signingKey : await keyPair;
  const chain = await chainFor(key, [
    await record('ev-0001', 0, JPEG),
    await record('ev-0002', 1, PNG, { kind: 'order-screenshot', mime: 'image/png' }),
  ]);
  const [j, p] = [chain[2]!, chain[3]!];
  return {
    ticket,
    texts: {
      'zh-CN': `价保申请（差价返还）：订单 312345678901\n\n商品：${XSS}\n请退还差价 ¥24.00。`,
      en: 'Price protection refund: order 312345678901',
    },
    evidence: [
      { record: j, data: JPEG },
      { record: p, data: PNG },
    ],
    chain,
    timeline: [{ at: NOW - 1000, text: `价格降至 ¥1,287.00 ${XSS}` }],
    signingKey: await keyPair,
    now: NOW,
    ...extra,
  };
}

const unpack = (zip: Uint8Array) => unzipSync(zip);
const repack = (files: Record<string, Uint8Array>) => zipSync(files as Zippable);
const evidencePath = (files: Record<string, Uint8Array>) => Object.keys(files).find((p) => p.endsWith('.jpg'))!;

describe('buildBundle → verifyBundle', () => {
  it('round-trips with every file ok and a valid signature', async () => {
    const zip = await buildBundle(await input());
    const result = await verifyBundle(zip);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({
      ok: true,
      signature: 'valid',
      format: 'shopwitness-bundle/2',
      keyFingerprint: await keyFingerprint(await exportPublicJwk((await keyPair).publicKey)),
      chain: { records: 4, full: 3, reduced: 1, keyPinnedAt: 0 },
      covered: false,
      trustedTimes: [],
    });
    expect(result.notes.join(' ')).toMatch(/cannot prove the page was not edited before capture/);
    expect(result.notes.join(' ')).toMatch(/No trusted time-stamp/);
    expect(result.files.map((f) => f.path)).toEqual([
      'chain.json',
      'evidence/20251108-070809-price-screenshot-ev0001.jpg',
      'evidence/20251108-070810-order-screenshot-ev0002.png',
      'report.html',
      'ticket.en.md',
      'ticket.json',
      'ticket.zh-CN.md',
    ]);
    expect(result.files.every((f) => f.status === 'ok')).toBe(true);
  });

  it('writes the manifest, signature, ticket and the whole chain per the format, other orders as hashes only', async () => {
    const files = unpack(await buildBundle(await input()));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Manifest;
    expect(manifest).toMatchObject({
      format: BUNDLE_FORMAT,
      created: '2025-11-09T04:00:00.000Z',
      generator: 'ShopWitness 0.1.0',
    });
    const jpg = manifest.files.find((f) => f.path.endsWith('.jpg'))!;
    expect(jpg).toEqual({ path: jpg.path, sha256: await sha256Hex(JPEG), bytes: JPEG.length });
    expect(manifest.files.map((f) => f.path)).not.toContain('manifest.sig.json');
    const sig = JSON.parse(strFromU8(files['manifest.sig.json']!));
    expect(sig.alg).toBe('ECDSA-P256-SHA256');
    expect(sig.publicKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(sig.publicKey.d).toBeUndefined();
    expect(atob(sig.signature)).toHaveLength(64); // IEEE P1363 r‖s
    expect(JSON.parse(strFromU8(files['ticket.json']!))).toMatchObject({ version: 1, id: 'ticket-1' });
    expect(strFromU8(files['ticket.zh-CN.md']!)).toContain('请退还差价 ¥24.00');
    const base = await input();
    const fp = await keyFingerprint(await exportPublicJwk((await keyPair).publicKey));
    expect(sig.keyFingerprint).toBe(fp);
    expect(manifest.chain).toEqual({
      path: 'chain.json',
      records: 4,
      head: { seq: 3, recordHash: base.chain!.at(-1)!.recordHash },
      keyFingerprint: fp,
    });
    const chain = JSON.parse(strFromU8(files['chain.json']!));
    expect(chain.format).toBe('shopwitness-chain/2');
    expect(chain.records[0]).toMatchObject({ kind: 'chain-start', keyFingerprint: fp, prevHash: null });
    // Another order's record: its four hashes and nothing else leave the browser.
    expect(Object.keys(chain.records[1]).sort()).toEqual(['fieldsHash', 'prevHash', 'recordHash', 'seq']);
    expect(strFromU8(unpack(await buildBundle(base))['chain.json']!)).not.toMatch(/SECRET|999999/);
    expect(chain.records[2]).toMatchObject({ id: 'ev-0001', kind: 'price-screenshot' });
    expect(chain.files['ev-0001']).toBe(jpg.path);
  });

  it('carries a cited record whose file was deleted in full, beside its deletion record, without a file', async () => {
    const base = await input();
    const chain = [...base.chain!];
    const gone = await sealRecord(
      {
        kind: 'deletion',
        capturedAt: Date.UTC(2025, 10, 8, 8),
        deletes: 'ev-0002',
        mime: 'application/x-shopwitness-deletion',
        bytes: 0,
        sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
      'ev-0003',
      chain.at(-1)!,
    );
    chain.push(gone);
    const zip = await buildBundle({
      ...base,
      chain,
      evidence: [base.evidence[0]!, { record: gone, data: new Uint8Array(0) }],
    });
    const carried = JSON.parse(strFromU8(unpack(zip)['chain.json']!));
    expect(carried.records.map((e: { id?: string }) => e.id ?? null)).toEqual([
      'ev-start',
      null,
      'ev-0001',
      'ev-0002',
      'ev-0003',
    ]);
    expect(carried.files['ev-0002']).toBeUndefined();
    const result = await verifyBundle(zip);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('makes the same manifest from the same input', async () => {
    const a = unpack(await buildBundle(await input()));
    const b = unpack(await buildBundle(await input()));
    expect(strFromU8(a['manifest.json']!)).toBe(strFromU8(b['manifest.json']!));
  });

  it.each([
    ['no key', { signingKey: undefined as unknown as CryptoKeyPair }],
    ['no private key', { signingKey: { publicKey: {} } as CryptoKeyPair }],
  ])('refuses to build without a signing key (%s)', async (_name, extra) => {
    await expect(buildBundle(await input(extra))).rejects.toThrow(BundleError);
  });

  it('refuses evidence whose bytes do not match its record', async () => {
    const base = await input();
    const bad = { ...base, evidence: [{ record: base.evidence[0]!.record, data: PNG }] };
    await expect(buildBundle(bad)).rejects.toThrow(/ev-0001: its bytes hash to/);
  });
});

describe('report.html', () => {
  it('keeps page-derived text as text, with no script and a strict CSP', async () => {
    const html = strFromU8(unpack(await buildBundle(await input()))['report.html']!);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son\w+=/i); // no event handler inside any real tag
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('Noto Sans CJK SC');
  });

  it('shows the Chinese text, hashes and every screenshot inline, so report.html works on its own', async () => {
    const files = unpack(await buildBundle(await input()));
    const html = strFromU8(files['report.html']!);
    expect(html).toContain('价保申请（差价返还）：订单 312345678901');
    expect(html).toContain('请退还差价 ¥24.00');
    expect(html).toContain(await sha256Hex(JPEG));
    expect(html).toContain('2025-11-08 15:08'); // capture time in Asia/Shanghai
    const srcs = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.map((s) => s.slice(0, s.indexOf(';')))).toEqual(['data:image/jpeg', 'data:image/png']);
    // The inlined bytes are exactly the files' bytes (the manifest hashes them).
    const inlined = Buffer.from(srcs[0]!.slice(srcs[0]!.indexOf(',') + 1), 'base64');
    expect(new Uint8Array(inlined)).toEqual(files['evidence/20251108-070809-price-screenshot-ev0001.jpg']);
  });

  it('links a file that is not an image instead of showing it', async () => {
    const pdf = strToU8('%PDF-1.4 receipt');
    const receipt = await record('ev-0003', 2, pdf, {
      kind: 'attachment',
      mime: 'application/pdf',
      fileName: 'receipt.pdf',
    });
    const base = await input();
    const html = strFromU8(
      unpack(await buildBundle({ ...base, evidence: [...base.evidence, { record: receipt, data: pdf }] }))[
        'report.html'
      ]!,
    );
    expect(html).toMatch(/<a href="evidence\/[^"]+-attachment-ev0003\.pdf">/);
    expect(html.match(/<img /g)).toHaveLength(2);
  });

  it('stores already-compressed media and deflates text', async () => {
    const zip = await buildBundle(await input());
    const methods = new Map<string, number>();
    unzipSync(zip, { filter: (f) => (methods.set(f.name, f.compression), false) });
    expect(methods.get('evidence/20251108-070809-price-screenshot-ev0001.jpg')).toBe(0);
    expect(methods.get('evidence/20251108-070810-order-screenshot-ev0002.png')).toBe(0);
    expect(methods.get('report.html')).toBe(0); // mostly base64 of the stored images
    expect(methods.get('chain.json')).toBe(8);
    expect(methods.get('manifest.json')).toBe(8);
  });
});

/** A tamper: how to change the unpacked files, and what verifyBundle must then say. */
type Tamper = [
  name: string,
  change: (files: Record<string, Uint8Array>) => Promise<void> | void,
  want: { signature: 'valid' | 'invalid' | 'missing'; status?: [pathEnds: string, status: string]; problem: RegExp },
];

const TAMPERS: Tamper[] = [
  [
    'one byte of a screenshot changed',
    (f) => {
      const p = evidencePath(f);
      const copy = new Uint8Array(f[p]!);
      copy[5] = copy[5]! ^ 1;
      f[p] = copy;
    },
    { signature: 'valid', status: ['.jpg', 'changed'], problem: /^evidence\/.+\.jpg: SHA-256 differs from manifest$/ },
  ],
  [
    'the Chinese ticket text edited',
    (f) => {
      f['ticket.zh-CN.md'] = strToU8(strFromU8(f['ticket.zh-CN.md']!).replace('¥24.00', '¥2,400.00'));
    },
    {
      signature: 'valid',
      status: ['ticket.zh-CN.md', 'changed'],
      problem: /^ticket\.zh-CN\.md: SHA-256 differs from manifest$/,
    },
  ],
  [
    'a file removed',
    (f) => {
      delete f['report.html'];
    },
    {
      signature: 'valid',
      status: ['report.html', 'missing'],
      problem: /^report\.html: listed in the manifest but missing/,
    },
  ],
  [
    'a file added',
    (f) => {
      f['evidence/extra.jpg'] = JPEG;
    },
    {
      signature: 'valid',
      status: ['evidence/extra.jpg', 'extra'],
      problem: /^evidence\/extra\.jpg: not listed in the manifest$/,
    },
  ],
  [
    'the manifest changed to cover a changed file',
    async (f) => {
      const p = evidencePath(f);
      f[p] = PNG;
      const m = JSON.parse(strFromU8(f['manifest.json']!)) as Manifest;
      const entry = m.files.find((e) => e.path === p)!;
      entry.sha256 = await sha256Hex(PNG);
      entry.bytes = PNG.length;
      f['manifest.json'] = strToU8(JSON.stringify(m, null, 2));
    },
    { signature: 'invalid', problem: /signature does not match manifest\.json/ },
  ],
  [
    'signed by another key than the bundled public key',
    async (f) => {
      const sig = JSON.parse(strFromU8(f['manifest.sig.json']!));
      sig.signature = await signBytes((await otherKey).privateKey, f['manifest.json']!);
      f['manifest.sig.json'] = strToU8(JSON.stringify(sig));
    },
    { signature: 'invalid', problem: /signature does not match/ },
  ],
  [
    'the signature file removed',
    (f) => {
      delete f['manifest.sig.json'];
    },
    { signature: 'missing', problem: /manifest\.sig\.json: missing, the bundle is unsigned/ },
  ],
  [
    'the signature is not JSON',
    (f) => {
      f['manifest.sig.json'] = strToU8('{not json');
    },
    { signature: 'invalid', problem: /manifest\.sig\.json: not valid JSON/ },
  ],
  [
    'the manifest is not JSON',
    (f) => {
      f['manifest.json'] = strToU8('garbage');
    },
    { signature: 'invalid', problem: /manifest\.json: not valid JSON/ },
  ],
  [
    'the manifest removed',
    (f) => {
      delete f['manifest.json'];
    },
    { signature: 'invalid', problem: /manifest\.json: missing/ },
  ],
];

describe('verifyBundle detects tampering', () => {
  it.each(TAMPERS)('%s', async (_name, change, want) => {
    const files = unpack(await buildBundle(await input()));
    await change(files);
    const result = await verifyBundle(repack(files));
    expect(result.ok).toBe(false);
    expect(result.signature).toBe(want.signature);
    expect(result.problems.some((p) => want.problem.test(p))).toBe(true);
    if (want.status) {
      const [ends, status] = want.status;
      expect(result.files.find((f) => f.path.endsWith(ends))?.status).toBe(status);
    }
  });

  it('a one-byte change in the raw zip bytes is reported', async () => {
    const zip = await buildBundle(await input());
    const at = indexOf(zip, strToU8('price ¥1,287.00 screenshot')); // stored, not deflated
    expect(at).toBeGreaterThan(0);
    const bad = zip.slice();
    bad[at] = bad[at]! ^ 0x20;
    const result = await verifyBundle(bad);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.stringMatching(/\.jpg: SHA-256 differs from manifest/));
  });

  it('an evidence file that differs from its own record is reported even when the manifest is re-signed', async () => {
    const files = unpack(await buildBundle(await input()));
    const p = evidencePath(files);
    files[p] = new Uint8Array([...JPEG, 0]);
    const zip = await resign(files, await keyPair);
    const result = await verifyBundle(zip);
    expect(result.signature).toBe('valid');
    expect(result.ok).toBe(false);
    expect(result.problems).toContain(`${p}: SHA-256 differs from its chain record ev-0001 (#2)`);
  });
});

/** Repacks a bundle's files and signs a fresh manifest for them, as a forger with `key` would. */
async function resign(files: Record<string, Uint8Array>, key: CryptoKeyPair): Promise<Uint8Array> {
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Manifest;
  const chainFile = files['chain.json'] ? JSON.parse(strFromU8(files['chain.json'])) : null;
  const records: Evidence[] = chainFile?.records ?? [];
  const head = records.reduce<Evidence | null>((h, r) => (!h || r.seq > h.seq ? r : h), null);
  const fp = await keyFingerprint(await exportPublicJwk(key.publicKey));
  const map = new Map(Object.entries(files).filter(([p]) => p !== 'manifest.json' && p !== 'manifest.sig.json'));
  const chain = head
    ? {
        ...manifest.chain,
        records: records.length,
        head: { seq: head.seq, recordHash: head.recordHash },
        keyFingerprint: fp,
      }
    : manifest.chain;
  return signAndZip(map, key, { now: NOW, generator: 'forger', chain });
}

const json = (v: unknown) => strToU8(JSON.stringify(v));

/** Each way the adversary of EVIDENCE-TRUST.md forged a bundle: the verifier names what and where. */
describe('verifyBundle refuses the forgeries of a disputing merchant or a forging shopper', () => {
  async function forged(
    change: (
      files: Record<string, Uint8Array>,
      chain: { records: Evidence[]; files: Record<string, string> },
    ) => Promise<void> | void,
    key?: CryptoKeyPair,
  ) {
    const files = unpack(await buildBundle(await input()));
    const chain = JSON.parse(strFromU8(files['chain.json']!));
    await change(files, chain);
    files['chain.json'] = json(chain);
    return verifyBundle(await resign(files, key ?? (await keyPair)));
  }

  it('re-sealed and re-signed with a fresh key: the chain names another key', async () => {
    const fresh = await otherKey;
    const result = await forged(() => undefined, fresh);
    expect(result.signature).toBe('valid');
    expect(result.ok).toBe(false);
    const freshFp = await keyFingerprint(await exportPublicJwk(fresh.publicKey));
    expect(result.keyFingerprint).toBe(freshFp);
    expect(result.problems.join('\n')).toMatch(
      new RegExp(`signed by key ${freshFp}, but its chain was started by key`),
    );
  });

  it('the whole chain re-sealed under a fresh key, screenshot swapped: verifies, but names the fresh key, not the one the complaint text pinned', async () => {
    const fresh = await otherKey;
    const zip = await buildBundle(await input({ signingKey: fresh }));
    const result = await verifyBundle(zip);
    expect(result.ok).toBe(true);
    expect(result.keyFingerprint).toBe(await keyFingerprint(await exportPublicJwk(fresh.publicKey)));
    expect(result.keyFingerprint).not.toBe(await keyFingerprint(await exportPublicJwk((await keyPair).publicKey)));
  });

  it('a record’s time moved five days earlier, its fields hash recomputed, its record hash left stale', async () => {
    const result = await forged(async (_f, chain) => {
      const r = chain.records[2]!;
      r.capturedAt -= 5 * 86_400_000;
      r.fieldsHash = await fieldsHashOf(r);
    });
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(
      /record ev-0001: record hash of #2 is not SHA-256\(prevHash ‖ fieldsHash\)/,
    );
  });

  it('a record’s time moved with every hash left as it was', async () => {
    const result = await forged((_f, chain) => void (chain.records[2]!.capturedAt -= 5 * 86_400_000));
    expect(result.problems.join('\n')).toMatch(/record ev-0001: record changed: the fields of #2 do not hash/);
  });

  it('a record left out (another order’s, reduced)', async () => {
    const result = await forged((_f, chain) => void chain.records.splice(1, 1));
    expect(result.problems.join('\n')).toMatch(/gap in the chain: expected record #1, found #2/);
  });

  it('records reordered in time, every hash re-sealed after them', async () => {
    const result = await forged(async (_f, chain) => {
      const records = chain.records;
      records[3]!.capturedAt = records[2]!.capturedAt - 60_000;
      for (let i = 3; i < records.length; i++) {
        records[i]!.prevHash = records[i - 1]!.recordHash;
        records[i]!.fieldsHash = await fieldsHashOf(records[i]!);
        const { linkHash } = await import('../../../lib/core/evidence-chain');
        records[i]!.recordHash = await linkHash(records[i]!.prevHash, records[i]!.fieldsHash!);
      }
    });
    expect(result.problems.join('\n')).toMatch(/time goes backwards: #3 is dated before #2/);
  });

  it('a record after the newest one the manifest names', async () => {
    const files = unpack(await buildBundle(await input()));
    const chain = JSON.parse(strFromU8(files['chain.json']!));
    const extra = await sealRecord(
      {
        kind: 'attachment',
        capturedAt: NOW,
        mime: 'text/plain',
        bytes: 0,
        sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
      'ev-late',
      chain.records.at(-1),
    );
    chain.records.push(extra);
    files['chain.json'] = json(chain);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Manifest;
    const map = new Map(Object.entries(files).filter(([p]) => p !== 'manifest.json' && p !== 'manifest.sig.json'));
    const zip = await signAndZip(map, await keyPair, { now: NOW, generator: 'forger', chain: manifest.chain });
    const result = await verifyBundle(zip);
    expect(result.problems.join('\n')).toMatch(
      /1 record\(s\) after #3, the newest one manifest.json names \(from #4\)/,
    );
  });

  it('the ticket text edited (amount changed) after the ticket was saved', async () => {
    const base = await input();
    const text = { 'zh-CN': '请退还差价 ¥24.00。', en: 'Refund ¥24.00.' };
    const files = unpack(await buildBundle({ ...base, ticket: { ...ticket, text }, texts: text }));
    files['ticket.zh-CN.md'] = strToU8('请退还差价 ¥2400.00。\n');
    const result = await verifyBundle(await resign(files, await keyPair));
    expect(result.problems).toContain("ticket.zh-CN.md: does not say what ticket.json's zh-CN text says");
  });

  it('a hash in the complaint text that the bundle cannot account for', async () => {
    const base = await input();
    const fake = 'c'.repeat(64);
    const text = { 'zh-CN': `截图 SHA-256 ${fake}`, en: `screenshot SHA-256 ${fake}` };
    const zip = await buildBundle({ ...base, ticket: { ...ticket, text }, texts: text });
    const result = await verifyBundle(zip);
    expect(result.problems).toContain(
      `ticket.zh-CN.md: names ${fake}, which is neither the signing key nor in the chain`,
    );
  });

  it('a chain head in the text that is not the chain’s record', async () => {
    const base = await input();
    const wrong = 'd'.repeat(64);
    const text = { 'zh-CN': `证据链记录 #2 的哈希：${wrong}`, en: `Evidence chain record #2 hash: ${wrong}` };
    const zip = await buildBundle({ ...base, ticket: { ...ticket, text }, texts: text });
    const result = await verifyBundle(zip);
    expect(result.problems.join('\n')).toMatch(/ticket.zh-CN.md: says record #2 is d{64}, the chain says [0-9a-f]{64}/);
  });

  it('the report edited to drop a screenshot’s hash', async () => {
    const base = await input();
    const files = unpack(await buildBundle(base));
    const sha = base.evidence[0]!.record.sha256;
    files['report.html'] = strToU8(strFromU8(files['report.html']!).split(sha).join('0'.repeat(64)));
    const result = await verifyBundle(await resign(files, await keyPair));
    expect(result.problems).toContain(`report.html: does not state the SHA-256 of ev-0001 (${sha})`);
  });

  it('another order’s file slipped in under a reduced record', async () => {
    const result = await forged((files, chain) => {
      files['evidence/extra.jpg'] = OTHER;
      chain.files['ev-other'] = 'evidence/extra.jpg';
    });
    expect(result.problems.join('\n')).toMatch(
      /file evidence\/extra.jpg belongs to ev-other, which is not a full record/,
    );
  });

  it('a cited record removed from the chain’s full records', async () => {
    const result = await forged(async (_f, chain) => {
      const { reduceRecord } = await import('../../../lib/core/evidence-chain');
      chain.records[3] = reduceRecord(chain.records[3]!) as Evidence;
      delete chain.files['ev-0002'];
    });
    expect(result.problems.join('\n')).toMatch(
      /ticket.json cites evidence ev-0002, which the chain does not carry in full/,
    );
  });

  it('a /1 bundle still verifies, and says it is the weaker format', async () => {
    const files: Record<string, Uint8Array> = {
      'ticket.json': json(ticket),
      'evidence/index.json': json([]),
    };
    const entries = await Promise.all(
      Object.entries(files).map(async ([path, data]) => ({ path, sha256: await sha256Hex(data), bytes: data.length })),
    );
    const manifest = strToU8(
      JSON.stringify({
        format: 'shopwitness-bundle/1',
        created: new Date(NOW).toISOString(),
        generator: 'old',
        files: entries,
      }),
    );
    const key = await keyPair;
    const sig = {
      alg: 'ECDSA-P256-SHA256',
      signature: await signBytes(key.privateKey, manifest),
      publicKey: await exportPublicJwk(key.publicKey),
    };
    const zip = zipSync({ ...files, 'manifest.json': manifest, 'manifest.sig.json': json(sig) } as Zippable);
    const result = await verifyBundle(zip);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, format: 'shopwitness-bundle/1', covered: false });
    expect(result.notes.join(' ')).toMatch(/older, weaker format/);
  });
});

function indexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** A deflated entry whose central directory claims `size` uncompressed bytes. */
function bombLike(size: number): Uint8Array {
  const zip = zipSync({ 'evidence/big.bin': [new Uint8Array(4096), { level: 9 }] });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = 0; i < zip.length - 4; i++) {
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return zip;
}

describe('verifyBundle refuses hostile input without throwing', () => {
  it.each<[string, unknown, RegExp]>([
    ['empty bytes', new Uint8Array(0), /not a zip archive/],
    ['text', strToU8('this is not a zip file, just some text that is long enough'), /not a zip archive/],
    ['random bytes', Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251), /not a zip archive/],
    ['not bytes at all', 'hello' as unknown, /not a zip archive/],
    ['a ../ path', zipSync({ '../evil.txt': strToU8('x') }), /unsafe path in zip: "\.\.\/evil\.txt"/],
    ['a nested ../ path', zipSync({ 'evidence/../../evil.txt': strToU8('x') }), /unsafe path/],
    ['an absolute path', zipSync({ '/etc/passwd': strToU8('x') }), /unsafe path/],
    ['a backslash path', zipSync({ 'evidence\\..\\evil.txt': strToU8('x') }), /unsafe path/],
    ['a drive letter', zipSync({ 'C:/evil.txt': strToU8('x') }), /unsafe path/],
    ['a 2 GiB declared entry', bombLike(0x7fff_ffff), /declared size 2147483647 bytes is over/],
    ['an empty zip', zipSync({}), /not a ShopWitness evidence bundle: it has no manifest\.json \(it holds 0 files\)/],
  ])('%s', async (_name, bytes, problem) => {
    const result = await verifyBundle(bytes as Uint8Array);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.stringMatching(problem));
  });

  it('caps the declared total before inflating', async () => {
    const entries: Zippable = {};
    for (let i = 0; i < 3; i++) entries[`f${i}.bin`] = [new Uint8Array(10), { level: 9 }];
    const zip = zipSync(entries);
    const view = new DataView(zip.buffer);
    for (let i = 0; i < zip.length - 4; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 400 * 1024 * 1024, true);
    }
    const result = await verifyBundle(zip);
    expect(result.problems).toContainEqual(expect.stringMatching(/more than 1073741824 bytes in total/));
  });
});

describe('isSafeZipPath', () => {
  it.each([
    ['manifest.json', true],
    ['evidence/20251108-070809-price-screenshot-ev0001.jpg', true],
    ['../x', false],
    ['a/../x', false],
    ['./x', false],
    ['/x', false],
    ['a\\x', false],
    ['a//x', false],
    ['C:x', false],
    ['a\u0000b', false],
    ['', false],
  ])('%j → %s', (path, ok) => {
    expect(isSafeZipPath(path)).toBe(ok);
  });
});

/** Time-stamp records as the worker makes them: a token from the local openssl TSA over a chain head. */
describe('verifyBundle re-checks every time-stamp token', () => {
  async function stampedBundle(opts: { variant?: TsaVariant; digestOf?: 'head' | 'other'; nonceLie?: boolean } = {}) {
    const pki = await localPki();
    const key = await keyPair;
    const base = await input();
    const chain = [...base.chain!];
    const head = chain.at(-1)!;
    const digestHex = opts.digestOf === 'other' ? 'ab'.repeat(32) : head.recordHash;
    const nonce = newNonce();
    const reply = await stamp(buildTimeStampRequest(hexToU8(digestHex), nonce), opts.variant ?? 'v2');
    const token = await tokenOf(reply);
    const told = opts.nonceLie ? newNonce() : nonce;
    const record = await sealRecord(
      {
        kind: 'timestamp',
        capturedAt: head.capturedAt + 1000,
        mime: 'application/timestamp-token',
        bytes: token.length,
        sha256: await sha256Hex(token),
        timestamp: {
          authority: 'Local TSA',
          url: 'http://127.0.0.1/tsr',
          covers: { seq: head.seq, recordHash: head.recordHash },
          digest: head.recordHash,
          nonce: Array.from(told, (b) => b.toString(16).padStart(2, '0')).join(''),
          requestedAt: head.capturedAt + 1000,
          genTime: 0,
          rootPem: pki.rootPem,
        },
      },
      'ev-stamp',
      head,
    );
    // The genTime recorded is the token's own (read back by the verifier): take it from a first check.
    const first = await verifyBundle(
      await buildBundle({ ...base, chain: [...chain, record], evidence: [...base.evidence, { record, data: token }] }),
    );
    const genTime = first.problems.join(' ').match(/token's time (\S+) is not/)?.[1];
    const fixed = genTime
      ? await sealRecord(
          { ...stripSeal(record), timestamp: { ...record.timestamp!, genTime: Date.parse(genTime) } },
          'ev-stamp',
          head,
        )
      : record;
    return verifyBundle(
      await buildBundle({
        ...base,
        chain: [...chain, fixed],
        evidence: [...base.evidence, { record: fixed, data: token }],
        signingKey: key,
      }),
    );
  }

  it('a genuine token covers every cited record: covered, named with its time and custom root', async () => {
    const r = await stampedBundle();
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, covered: true });
    expect(r.trustedTimes).toEqual([expect.objectContaining({ authority: 'Local TSA', custom: true, coversSeq: 3 })]);
  }, 30_000);

  it.each<[string, Parameters<typeof stampedBundle>[0], RegExp]>([
    ['a token from another root', { variant: 'other-root' }, /time-stamp record #4 .*(root|chain|trusted)/i],
    ['a token over another digest', { digestOf: 'other' }, /time-stamp record #4 .*(imprint|digest)/i],
    ['a token whose nonce is not the one asked with', { nonceLie: true }, /time-stamp record #4 .*nonce/i],
  ])(
    '%s is refused, naming the record',
    async (_name, opts, reason) => {
      const r = await stampedBundle(opts);
      expect(r.ok).toBe(false);
      expect(r.covered).toBe(false);
      expect(r.problems.join('\n')).toMatch(reason);
    },
    30_000,
  );
});

function stripSeal(r: Evidence) {
  const { id: _i, seq: _s, prevHash: _p, fieldsHash: _f, recordHash: _r, ...draft } = r;
  return draft;
}

function hexToU8(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16));
}
