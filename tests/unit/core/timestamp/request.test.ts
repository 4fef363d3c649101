// @vitest-environment node
/**
 * The hand-built TimeStampReq is byte for byte what openssl's own encoder makes for the same digest and nonce, reads
 * back as the request we meant (`openssl ts -query -text`), and a TSA (openssl) answers it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildTimeStampRequest, newNonce, normaliseNonce } from '@/lib/core/timestamp/request';
import { stamp } from '../../../e2e/harness/local-tsa';

const dir = mkdtempSync(join(tmpdir(), 'shopwitness-tsq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const digest = new Uint8Array(createHash('sha256').update('chain head').digest());
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function opensslText(request: Uint8Array): string {
  const file = join(dir, `text-${Math.random()}.tsq`);
  writeFileSync(file, request);
  return execFileSync('openssl', ['ts', '-query', '-in', file, '-text'], { encoding: 'utf8', stdio: 'pipe' });
}

describe('buildTimeStampRequest', () => {
  it("equals openssl's `ts -query -digest <hex> -sha256 -cert` for the same nonce", () => {
    // openssl draws its own 64-bit nonce; use one whose DER INTEGER is our form (8 bytes, first byte 01..7f).
    for (let attempt = 0; attempt < 64; attempt++) {
      const file = join(dir, `openssl-${attempt}.tsq`);
      execFileSync('openssl', ['ts', '-query', '-digest', hex(digest), '-sha256', '-cert', '-out', file], {
        stdio: 'pipe',
      });
      const theirs = new Uint8Array(readFileSync(file));
      // …0208 <nonce> 0101ff at the end when the nonce has our form.
      const nonceAt = theirs.length - 3 - 8;
      if (theirs.length !== 69 || theirs[nonceAt - 2] !== 0x02 || theirs[nonceAt - 1] !== 0x08) continue;
      const nonce = theirs.slice(nonceAt, nonceAt + 8);
      if (nonce[0]! < 0x01 || nonce[0]! > 0x7f) continue;
      expect(hex(buildTimeStampRequest(digest, nonce))).toBe(hex(theirs));
      return;
    }
    throw new Error('openssl never drew an 8-byte positive nonce in 64 tries');
  });

  it('reads back as version 1, SHA-256 over our digest, our nonce, certificate required, no policy', () => {
    const nonce = newNonce();
    const text = opensslText(buildTimeStampRequest(digest, nonce));
    expect(text).toMatch(/Version: 1\b/);
    expect(text).toMatch(/Hash Algorithm: sha256/);
    const dumped = [...text.matchAll(/^\s+[0-9a-f]{4} - (.*?)\s{3}/gm)]
      .map((m) => m[1]!.replace(/[^0-9a-f]/g, ''))
      .join('');
    expect(dumped).toBe(hex(digest));
    expect(text).toContain(`Nonce: 0x${hex(nonce).toUpperCase()}`);
    expect(text).toMatch(/Certificate required: yes/);
    expect(text).toMatch(/Policy OID: unspecified/);
  });

  it('is answered by a TSA (openssl ts -reply grants it and echoes the nonce)', async () => {
    const nonce = newNonce();
    const reply = await stamp(buildTimeStampRequest(digest, nonce));
    const file = join(dir, 'reply.tsr');
    writeFileSync(file, reply);
    const text = execFileSync('openssl', ['ts', '-reply', '-in', file, '-text'], { encoding: 'utf8', stdio: 'pipe' });
    expect(text).toMatch(/Status: Granted\./);
    expect(text).toContain(`Nonce: 0x${hex(nonce).toUpperCase()}`);
  });

  it('refuses a digest that is not 32 bytes and a nonce that is not 8', () => {
    expect(() => buildTimeStampRequest(new Uint8Array(20), newNonce())).toThrow(RangeError);
    expect(() => buildTimeStampRequest(digest, new Uint8Array(9))).toThrow(RangeError);
  });
});

describe('nonces', () => {
  it('keep 63 random bits: the first byte is forced into 01..7f, the rest untouched', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (raw) => {
        const n = normaliseNonce(raw);
        expect(n[0]).toBeGreaterThanOrEqual(0x01);
        expect(n[0]).toBeLessThanOrEqual(0x7f);
        expect(n.subarray(1)).toEqual(raw.subarray(1));
        // The request carries the normalised form, whatever was passed.
        expect(buildTimeStampRequest(digest, raw).subarray(58, 66)).toEqual(n);
      }),
    );
    expect(normaliseNonce(new Uint8Array(8))[0]).toBe(0x01);
    expect(normaliseNonce(new Uint8Array([0x80, 0, 0, 0, 0, 0, 0, 0]))[0]).toBe(0x01);
    expect(normaliseNonce(new Uint8Array([0xff, 0, 0, 0, 0, 0, 0, 0]))[0]).toBe(0x7f);
  });

  it('newNonce draws a fresh one each time', () => {
    const a = newNonce();
    const b = newNonce();
    expect(a).toHaveLength(8);
    expect(hex(a)).not.toBe(hex(b));
  });
});
