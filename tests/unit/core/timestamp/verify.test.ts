// @vitest-environment node
/**
 * verifyTimeStampReply / verifyTimeStampToken against replies made by an independent TSA implementation (openssl,
 * tests/e2e/harness/local-tsa.ts): genuine ones pass and `openssl ts -verify` agrees; each way a reply can be wrong
 * is refused with a reason that names it; nothing throws.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { opensslVerifyCommand } from '@/lib/core/timestamp/command';
import { buildTimeStampRequest, newNonce } from '@/lib/core/timestamp/request';
import type { TrustedRoot } from '@/lib/core/timestamp/roots';
import { verifyTimeStampReply, verifyTimeStampToken, type TimeStampCheck } from '@/lib/core/timestamp/verify';
import {
  TEST_POLICY,
  forgeToken,
  localPki,
  opensslVerify,
  reissuedSigner,
  replyWith,
  stamp,
  tokenOf,
  type LocalPki,
  type TsaVariant,
} from '../../../e2e/harness/local-tsa';

const sha256 = (s: string) => new Uint8Array(createHash('sha256').update(s).digest());
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const digest = sha256('chain head 42');
const nonce = newNonce();
const request = buildTimeStampRequest(digest, nonce);

let pki: LocalPki;
let roots: TrustedRoot[];
const replies = {} as Record<TsaVariant, Uint8Array>;
let stampedFrom = 0;
let stampedTo = 0;

beforeAll(async () => {
  pki = await localPki();
  roots = [{ name: 'Test Root', pem: pki.rootPem }];
  stampedFrom = Math.floor(Date.now() / 1000) * 1000;
  for (const v of ['v2', 'v1', 'ec', 'cross', 'other-root', 'expired', 'rejecting'] as const)
    replies[v] = await stamp(request, v);
  stampedTo = Date.now();
}, 60_000);

function expectOk(check: TimeStampCheck): asserts check is Extract<TimeStampCheck, { ok: true }> {
  if (!check.ok) throw new Error(`expected ok, got: ${check.reason}`);
}

function expectRefused(check: TimeStampCheck, reason: RegExp) {
  expect(check.ok).toBe(false);
  if (!check.ok) expect(check.reason).toMatch(reason);
}

describe('genuine replies verify, and openssl agrees', () => {
  it.each([
    ['v2', 'ESSCertIDv2 (SHA-256)', 'ShopWitness Test TSA'],
    ['v1', 'ESSCertID (SHA-1)', 'ShopWitness Test TSA'],
    ['ec', 'an ECDSA P-256 signer', 'ShopWitness Test TSA EC'],
    ['cross', 'a cross-certificate to an unpinned root in the reply', 'ShopWitness Test TSA'],
  ] as const)('%s: %s', async (variant, _what, tsa) => {
    const reply = replies[variant];
    const check = await verifyTimeStampReply(reply, { digest, nonce, roots });
    expectOk(check);
    expect(check.tsa).toBe(tsa);
    expect(check.root).toBe('Test Root');
    expect(check.policy).toBe(TEST_POLICY);
    expect(check.accuracyMs).toBe(1500);
    expect(check.genTime).toBeGreaterThanOrEqual(stampedFrom);
    expect(check.genTime).toBeLessThanOrEqual(stampedTo);
    // What we store is the token exactly as openssl extracts it from the reply.
    const token = await tokenOf(reply);
    expect(hex(check.token)).toBe(hex(token));
    // The serial number openssl prints.
    const dir = mkdtempSync(join(tmpdir(), 'shopwitness-tsr-'));
    writeFileSync(join(dir, 'r.tsr'), reply);
    const text = execFileSync('openssl', ['ts', '-reply', '-in', join(dir, 'r.tsr'), '-text'], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    rmSync(dir, { recursive: true, force: true });
    expect(text).toContain(`Serial number: 0x${check.serial.toUpperCase()}`);

    expect(await opensslVerify(reply, { digestHex: hex(digest), caFile: pki.rootFile })).toMatchObject({ ok: true });
  });

  it('v1 and v2 carry the attribute they claim (so both code paths are really exercised)', async () => {
    const attrs = async (v: TsaVariant) => {
      const dir = mkdtempSync(join(tmpdir(), 'shopwitness-tok-'));
      writeFileSync(join(dir, 't.tok'), await tokenOf(replies[v]));
      const dump = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', join(dir, 't.tok')], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
      rmSync(dir, { recursive: true, force: true });
      return [...dump.matchAll(/:id-smime-aa-(signingCertificate\w*)/g)].map((m) => m[1]);
    };
    expect(await attrs('v1')).toEqual(['signingCertificate']);
    expect(await attrs('v2')).toEqual(['signingCertificateV2']);
  });

  it('a stored token re-verifies without its reply and without the nonce', async () => {
    const token = await tokenOf(replies.v2);
    const fromReply = await verifyTimeStampReply(replies.v2, { digest, nonce, roots });
    const stored = await verifyTimeStampToken(token, { digest, roots });
    expectOk(stored);
    expect(stored).toEqual(fromReply);
    expect(await opensslVerify(token, { digestHex: hex(digest), caFile: pki.rootFile, token: true })).toMatchObject({
      ok: true,
    });
  });

  it('names which pinned root the chain reached', async () => {
    const other = { name: 'Other Root', pem: pki.otherRootPem };
    const check = await verifyTimeStampReply(replies.v2, { digest, nonce, roots: [other, ...roots] });
    expectOk(check);
    expect(check.root).toBe('Test Root');
    const theirs = await verifyTimeStampReply(replies['other-root'], { digest, nonce, roots: [other, ...roots] });
    expectOk(theirs);
    expect(theirs.root).toBe('Other Root');
  });

  it('an expired TSA certificate is fine when genTime lay inside its validity (openssl agrees at genTime)', async () => {
    const token = await forgeToken(await tokenOf(replies.v2), 'expired', '20200601000000Z');
    const check = await verifyTimeStampToken(token, { digest, roots });
    expectOk(check);
    expect(check.genTime).toBe(Date.UTC(2020, 5, 1));
    expect(check.tsa).toBe('ShopWitness Test TSA expired');
    const at = new Date(check.genTime);
    const opts = { digestHex: hex(digest), caFile: pki.rootFile, token: true };
    expect(await opensslVerify(token, { ...opts, attime: at })).toMatchObject({ ok: true });
    // …and openssl without -attime refuses it, which is why the printed command carries -attime.
    expect(await opensslVerify(token, opts)).toMatchObject({ ok: false });
  });

  it('accepts grantedWithMods', async () => {
    const check = await verifyTimeStampReply(replyWith(await tokenOf(replies.v2), 1), { digest, nonce, roots });
    expect(check.ok).toBe(true);
  });

  it('the printed openssl command verifies the stored token as it stands', async () => {
    const check = await verifyTimeStampReply(replies.v2, { digest, nonce, roots });
    expectOk(check);
    const dir = mkdtempSync(join(tmpdir(), 'shopwitness-cmd-'));
    writeFileSync(join(dir, 'timestamp 1.tsr'), check.token);
    writeFileSync(join(dir, 'root.pem'), pki.rootPem);
    const command = opensslVerifyCommand('timestamp 1.tsr', hex(digest), 'root.pem', check.genTime);
    expect(command).toBe(
      `openssl ts -verify -digest ${hex(digest)} -token_in -in 'timestamp 1.tsr' -CAfile root.pem` +
        ` -attime ${check.genTime / 1000}`,
    );
    const out = execFileSync('sh', ['-c', `${command} 2>&1`], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    rmSync(dir, { recursive: true, force: true });
    expect(out).toMatch(/Verification: OK/);
  });
});

describe('refused, with a reason that names what failed', () => {
  it('another digest', async () => {
    const check = await verifyTimeStampReply(replies.v2, { digest: sha256('another head'), nonce, roots });
    expectRefused(check, /covers another digest/);
    expect(await opensslVerify(replies.v2, { digestHex: hex(sha256('x')), caFile: pki.rootFile })).toMatchObject({
      ok: false,
    });
  });

  it('another nonce (a replayed or crossed reply)', async () => {
    expectRefused(await verifyTimeStampReply(replies.v2, { digest, nonce: newNonce(), roots }), /nonce differs/);
  });

  it('no nonce in the reply when one was sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopwitness-tsq-'));
    const file = join(dir, 'q.tsq');
    execFileSync('openssl', ['ts', '-query', '-digest', hex(digest), '-sha256', '-cert', '-no_nonce', '-out', file], {
      stdio: 'pipe',
    });
    const reply = await stamp(new Uint8Array(readFileSync(file)));
    rmSync(dir, { recursive: true, force: true });
    expectRefused(await verifyTimeStampReply(reply, { digest, nonce, roots }), /no nonce/);
    expect((await verifyTimeStampReply(reply, { digest, roots })).ok).toBe(true);
  });

  it('a status other than granted (openssl rejects a SHA-256 imprint it was told not to accept)', async () => {
    expectRefused(
      await verifyTimeStampReply(replies.rejecting, { digest, nonce, roots }),
      /did not grant the stamp: status rejection \(badAlg\)/,
    );
    expectRefused(
      await verifyTimeStampReply(replyWith(await tokenOf(replies.v2), 2), { digest, nonce, roots }),
      /status rejection/,
    );
  });

  it('a signer whose timeStamping extendedKeyUsage is not critical (openssl refuses it too)', async () => {
    const token = await forgeToken(await tokenOf(replies.v2), 'noncritical');
    expectRefused(await verifyTimeStampToken(token, { digest, roots }), /extendedKeyUsage.*not marked critical/);
    const openssl = await opensslVerify(token, { digestHex: hex(digest), caFile: pki.rootFile, token: true });
    expect(openssl.ok).toBe(false);
    expect(openssl.output).toMatch(/unsuitable certificate purpose/);
  });

  it('a signer under a root nobody pinned (openssl refuses it too)', async () => {
    expectRefused(
      await verifyTimeStampReply(replies['other-root'], { digest, nonce, roots }),
      /does not chain to a pinned root \(tried: Test Root\)/,
    );
    expect(await opensslVerify(replies['other-root'], { digestHex: hex(digest), caFile: pki.rootFile })).toMatchObject({
      ok: false,
    });
  });

  it.each(['v2', 'v1'] as const)(
    '%s: a token whose certificate is swapped for another with the same issuer, serial and key',
    async (variant) => {
      const { original, reissued } = await reissuedSigner();
      expect(reissued.length).toBe(original.length);
      const token = Buffer.from(await tokenOf(replies[variant]));
      const at = token.indexOf(Buffer.from(original));
      expect(at).toBeGreaterThan(0);
      const swapped = new Uint8Array(token);
      swapped.set(reissued, at);
      const name = variant === 'v2' ? 'ESSCertIDv2 \\(SHA-256\\)' : 'ESSCertID \\(SHA-1\\)';
      expectRefused(
        await verifyTimeStampToken(swapped, { digest, roots }),
        new RegExp(`${name} names another certificate than the one that signed`),
      );
    },
  );

  it('a TSA certificate that had expired at genTime', async () => {
    expectRefused(
      await verifyTimeStampReply(replies.expired, { digest, nonce, roots }),
      /not valid at the stamp's time/,
    );
  });

  it('a tampered signature byte (openssl refuses it too)', async () => {
    // The SignerInfo's signature is the last thing in the token, and the token the last thing in the reply.
    const tampered = new Uint8Array(replies.v2);
    tampered[tampered.length - 1]! ^= 0x01;
    expectRefused(await verifyTimeStampReply(tampered, { digest, nonce, roots }), /signature does not verify/);
    expect(await opensslVerify(tampered, { digestHex: hex(digest), caFile: pki.rootFile })).toMatchObject({
      ok: false,
    });
  });

  it('a TSTInfo edited after signing (genTime moved a year back)', async () => {
    const token = await tokenOf(replies.v2);
    const at = Buffer.from(token).indexOf(Buffer.from([0x18, 0x0f]));
    const edited = new Uint8Array(token);
    edited[at + 5]! -= 1; // the year's last digit
    expectRefused(await verifyTimeStampToken(edited, { digest, roots }), /altered after signing/);
  });

  it('truncated, garbage, empty and trailing bytes', async () => {
    const expect_ = { digest, nonce, roots };
    expectRefused(await verifyTimeStampReply(replies.v2.subarray(0, 100), expect_), /not valid DER/);
    expectRefused(await verifyTimeStampReply(new TextEncoder().encode('<html>503</html>'), expect_), /not valid DER/);
    expectRefused(await verifyTimeStampReply(new Uint8Array(), expect_), /empty/);
    expectRefused(
      await verifyTimeStampReply(Uint8Array.from([...replies.v2, 0, 0]), expect_),
      /2 stray bytes after its end/,
    );
    expectRefused(await verifyTimeStampReply(Uint8Array.from([0x30, 0x00]), expect_), /not an RFC 3161/);
    expectRefused(await verifyTimeStampToken(replies.v2, { digest, roots }), /not a CMS ContentInfo/);
    expectRefused(await verifyTimeStampReply('30 03' as unknown as Uint8Array, expect_), /not bytes/);
    expectRefused(await verifyTimeStampReply(replies.v2, { digest: digest.subarray(1), roots }), /not 32 bytes/);
  });

  it('takes any byte view: a Buffer, a view into a larger buffer', async () => {
    expect((await verifyTimeStampReply(Buffer.from(replies.v2), { digest, nonce, roots })).ok).toBe(true);
    const padded = new Uint8Array(replies.v2.length + 10);
    padded.set(replies.v2, 5);
    const view = padded.subarray(5, 5 + replies.v2.length);
    expect((await verifyTimeStampReply(view, { digest: Buffer.from(digest), nonce, roots })).ok).toBe(true);
  });

  it('no usable root given', async () => {
    expectRefused(
      await verifyTimeStampReply(replies.v2, { digest, nonce, roots: [{ name: 'broken', pem: 'not a PEM' }] }),
      /no readable root certificate/,
    );
  });

  it('never throws, whatever the bytes (random flips and cuts of a genuine reply)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: replies.v2.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        async (at, xor, cut) => {
          const bytes = cut ? replies.v2.slice(0, at) : new Uint8Array(replies.v2);
          if (!cut) bytes[at]! ^= xor;
          const check = await verifyTimeStampReply(bytes, { digest, nonce, roots });
          if (!check.ok) expect(check.reason).toMatch(/\w/);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
