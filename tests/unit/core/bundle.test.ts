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
import { generateSigningKey, sha256Hex, signBytes } from '../../../lib/core/signing';

const NOW = Date.UTC(2025, 10, 9, 4, 0);
const XSS = '<img src=x onerror=alert(1)>';
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...strToU8('price ¥1,287.00 screenshot'), 0xff, 0xd9]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

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
    prevHash:
      seq === 0
        ? null
        : String(seq - 1)
            .repeat(64)
            .slice(0, 64)
            .replace(/[^0-9a-f]/g, 'a'),
    recordHash: String(seq).repeat(64).slice(0, 64),
    ...extra,
  };
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
  return {
    ticket,
    texts: {
      'zh-CN': `价保申请（差价返还）：订单 312345678901\n\n商品：${XSS}\n请退还差价 ¥24.00。`,
      en: 'Price protection refund: order 312345678901',
    },
    evidence: [
      { record: await record('ev-0001', 0, JPEG), data: JPEG },
      { record: await record('ev-0002', 1, PNG, { kind: 'order-screenshot', mime: 'image/png' }), data: PNG },
    ],
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
    expect(result).toMatchObject({ ok: true, signature: 'valid' });
    expect(result.files.map((f) => f.path)).toEqual([
      'evidence/20251108-070809-price-screenshot-ev0001.jpg',
      'evidence/20251108-070810-order-screenshot-ev0002.png',
      'evidence/index.json',
      'report.html',
      'ticket.en.md',
      'ticket.json',
      'ticket.zh-CN.md',
    ]);
    expect(result.files.every((f) => f.status === 'ok')).toBe(true);
  });

  it('writes the manifest, signature, ticket and evidence index per the format', async () => {
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
    const index = JSON.parse(strFromU8(files['evidence/index.json']!));
    expect(index[0]).toMatchObject({ id: 'ev-0001', kind: 'price-screenshot', prevHash: null, file: jpg.path });
    expect(index[1].recordHash).toBe('1'.repeat(64));
  });

  it('keeps a deletion record in the index without a file', async () => {
    const base = await input();
    const gone = await record('ev-0003', 2, new Uint8Array(0), {
      kind: 'deletion',
      deletes: 'ev-0000',
      mime: 'application/octet-stream',
    });
    const zip = await buildBundle({ ...base, evidence: [...base.evidence, { record: gone, data: new Uint8Array(0) }] });
    const index = JSON.parse(strFromU8(unpack(zip)['evidence/index.json']!));
    expect(index.map((e: { id: string; file: string | null }) => [e.id, e.file === null])).toEqual([
      ['ev-0001', false],
      ['ev-0002', false],
      ['ev-0003', true],
    ]);
    expect((await verifyBundle(zip)).ok).toBe(true);
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
    const bad = { ...base, evidence: [{ record: await record('ev-0001', 0, JPEG), data: PNG }] };
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
    expect(methods.get('evidence/index.json')).toBe(8);
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
    const map = new Map(Object.entries(files));
    const zip = await signAndZip(map, await keyPair, { now: NOW, generator: 'test' });
    const result = await verifyBundle(zip);
    expect(result.signature).toBe('valid');
    expect(result.ok).toBe(false);
    expect(result.problems).toContain(`${p}: SHA-256 differs from its evidence record ev-0001`);
  });

  it('a broken evidence hash chain is reported', async () => {
    const files = unpack(await buildBundle(await input()));
    const index = JSON.parse(strFromU8(files['evidence/index.json']!));
    index[1].prevHash = 'f'.repeat(64);
    files['evidence/index.json'] = strToU8(JSON.stringify(index));
    const zip = await signAndZip(new Map(Object.entries(files)), await keyPair, { now: NOW, generator: 'test' });
    const result = await verifyBundle(zip);
    expect(result.problems).toContainEqual(expect.stringMatching(/ev-0002: prevHash does not match record ev-0001/));
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
