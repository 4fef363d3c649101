/**
 * A local RFC 3161 time-stamping authority made of `openssl` (EVIDENCE-TRUST.md, "A local TSA for tests"), for unit
 * and e2e tests: no network, real DER from an independent implementation.
 *
 * Once per test file, into a temp dir removed after it, it makes a small PKI with `openssl ca` (which, unlike
 * `req -x509` in OpenSSL 3.0, can set past validity dates):
 *
 *   Test Root ─ Test TSA CA ─┬ Test TSA            (RSA; ESSCertIDv2 or ESSCertID by section)
 *                            ├ Test TSA EC         (ECDSA P-256)
 *                            ├ Test TSA noncritical (extendedKeyUsage timeStamping, NOT critical)
 *                            └ Test TSA expired    (valid 2020-01-01 .. 2021-01-01 only)
 *   Other Root ─ Other TSA                          (a root nobody pins)
 *   Test Root cross-signed by Other Root            (a reply may carry it, as DigiCert's and Sectigo's do)
 *
 * `stamp(request, variant)` answers a TimeStampReq with `openssl ts -reply`. openssl refuses to sign with a
 * non-critical EKU and always stamps the current time, so `forgeToken` re-signs a genuine TSTInfo with `openssl cms
 * -sign -cades` (the same CMS + ESSCertIDv2 shape a TSA makes) for those two cases: any signer, any genTime.
 * `startLocalTsa()` serves `stamp` over HTTP for e2e tests.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Test TSA policy OID (openssl's documentation example arc). */
export const TEST_POLICY = '1.2.3.4.1';

/**
 * - `v2`: ESSCertIDv2 (SHA-256), chain Test TSA → Test TSA CA → Test Root, accuracy 1.5 s.
 * - `v1`: the same signer with the older ESSCertID (SHA-1).
 * - `ec`: an ECDSA P-256 signer.
 * - `cross`: as v2, and the reply also carries Test Root cross-signed by Other Root.
 * - `other-root`: signed by Other TSA under Other Root.
 * - `expired`: the expired signer, stamping now (after its validity).
 * - `rejecting`: accepts only SHA-512 imprints, so it answers a SHA-256 request with status rejection (badAlg).
 */
export type TsaVariant = 'v2' | 'v1' | 'ec' | 'cross' | 'other-root' | 'expired' | 'rejecting';

/** Signers `forgeToken` can sign with. */
export type ForgeSigner = 'tsa' | 'noncritical' | 'expired' | 'other';

export interface LocalPki {
  dir: string;
  rootPem: string;
  rootFile: string;
  otherRootPem: string;
  otherRootFile: string;
}

const CA_CNF = `
[ ca ]
default_ca = testca
[ testca ]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./ca.serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ policy_any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = placeholder
[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_tsa ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_tsa_noncritical ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
`;

function tsaSection(name: string, o: { signer: string; certs?: string; ess?: 'sha1' | 'sha256'; digests?: string }) {
  return `
[ ${name} ]
serial = ./tsaserial
signer_cert = ./${o.signer}.crt
signer_key = ./${o.signer}.key
${o.certs ? `certs = ./${o.certs}` : ''}
signer_digest = sha256
default_policy = ${TEST_POLICY}
digests = ${o.digests ?? 'sha256'}
accuracy = secs:1, millisecs:500
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = ${o.ess ?? 'sha256'}
`;
}

const TSA_CNF = [
  '[ tsa ]\ndefault_tsa = tsa_v2',
  tsaSection('tsa_v2', { signer: 'tsa', certs: 'tsa-ca.crt' }),
  tsaSection('tsa_v1', { signer: 'tsa', certs: 'tsa-ca.crt', ess: 'sha1' }),
  tsaSection('tsa_ec', { signer: 'tsa-ec', certs: 'tsa-ca.crt' }),
  tsaSection('tsa_cross', { signer: 'tsa', certs: 'cross-chain.pem' }),
  tsaSection('tsa_other-root', { signer: 'other-tsa' }),
  tsaSection('tsa_expired', { signer: 'expired', certs: 'tsa-ca.crt' }),
  tsaSection('tsa_rejecting', { signer: 'tsa', certs: 'tsa-ca.crt', digests: 'sha512' }),
].join('\n');

const FORGE_SIGNERS: Record<ForgeSigner, { signer: string; chain?: string }> = {
  tsa: { signer: 'tsa', chain: 'tsa-ca.crt' },
  noncritical: { signer: 'noncritical', chain: 'tsa-ca.crt' },
  expired: { signer: 'expired', chain: 'tsa-ca.crt' },
  other: { signer: 'other-tsa' },
};

async function openssl(dir: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await exec('openssl', args, { cwd: dir, encoding: 'utf8' });
    return stdout + stderr;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`openssl ${args.join(' ')} failed: ${err.stderr ?? err.message}`);
  }
}

async function makeKeyAndCsr(dir: string, name: string, cn: string, key: 'rsa' | 'ec' = 'rsa') {
  const newkey =
    key === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  await openssl(
    dir,
    ['req', '-new', ...newkey, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`].concat([
      '-subj',
      `/CN=${cn}`,
      '-config',
      'ca.cnf',
    ]),
  );
}

/** `openssl ca`: issue `name`.crt from `name`.csr; `issuer` undefined = self-signed. Dates as YYYYMMDDHHMMSSZ. */
async function issue(dir: string, name: string, issuer: string | undefined, ext: string, from: string, to: string) {
  const by = issuer
    ? ['-cert', `${issuer}.crt`, '-keyfile', `${issuer}.key`]
    : ['-selfsign', '-keyfile', `${name}.key`];
  await openssl(
    dir,
    ['ca', '-batch', '-config', 'ca.cnf', ...by, '-in', `${name}.csr`, '-out', `${name}.crt`].concat([
      '-startdate',
      from,
      '-enddate',
      to,
      '-extensions',
      ext,
      '-notext',
    ]),
  );
}

let pki: Promise<LocalPki> | undefined;
let pkiDir: string | undefined;
let counter = 0;

function removePki() {
  if (pkiDir) rmSync(pkiDir, { recursive: true, force: true });
  pkiDir = undefined;
  pki = undefined;
}

// Vitest ends a test file's worker without a normal process exit, so 'exit' alone would leave the dir behind: with
// globals on (both projects), remove it after the test file that imported this module.
if (typeof afterAll === 'function') afterAll(removePki);
process.once('exit', removePki);

/** The test PKI, made once per test file (≈1 s; module state is per file) and removed after it. */
export function localPki(): Promise<LocalPki> {
  pki ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopwitness-tsa-'));
    pkiDir = dir;
    mkdirSync(join(dir, 'newcerts'));
    mkdirSync(join(dir, 'work'));
    writeFileSync(join(dir, 'ca.cnf'), CA_CNF);
    writeFileSync(join(dir, 'tsa.cnf'), TSA_CNF);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'ca.serial'), '1000\n');
    writeFileSync(join(dir, 'tsaserial'), '01\n');
    const LONG = ['20190101000000Z', '20450101000000Z'] as const;
    const SIGNER = ['20190101000000Z', '20400101000000Z'] as const;
    await Promise.all([
      makeKeyAndCsr(dir, 'root', 'ShopWitness Test Root'),
      makeKeyAndCsr(dir, 'other-root', 'ShopWitness Other Root'),
      makeKeyAndCsr(dir, 'tsa-ca', 'ShopWitness Test TSA CA'),
      makeKeyAndCsr(dir, 'tsa', 'ShopWitness Test TSA'),
      makeKeyAndCsr(dir, 'tsa-ec', 'ShopWitness Test TSA EC', 'ec'),
      makeKeyAndCsr(dir, 'noncritical', 'ShopWitness Test TSA noncritical'),
      makeKeyAndCsr(dir, 'expired', 'ShopWitness Test TSA expired'),
      makeKeyAndCsr(dir, 'other-tsa', 'ShopWitness Other TSA'),
    ]);
    // `openssl ca` keeps one database: issue one at a time.
    await issue(dir, 'root', undefined, 'v3_ca', ...LONG);
    await issue(dir, 'other-root', undefined, 'v3_ca', ...LONG);
    await issue(dir, 'tsa-ca', 'root', 'v3_ca', ...LONG);
    await issue(dir, 'tsa', 'tsa-ca', 'v3_tsa', ...SIGNER);
    await issue(dir, 'tsa-ec', 'tsa-ca', 'v3_tsa', ...SIGNER);
    await issue(dir, 'noncritical', 'tsa-ca', 'v3_tsa_noncritical', ...SIGNER);
    await issue(dir, 'expired', 'tsa-ca', 'v3_tsa', '20200101000000Z', '20210101000000Z');
    await issue(dir, 'other-tsa', 'other-root', 'v3_tsa', ...SIGNER);
    // Test Root's own key and name, issued by Other Root: a cross-certificate.
    await openssl(
      dir,
      ['ca', '-batch', '-config', 'ca.cnf', '-cert', 'other-root.crt', '-keyfile', 'other-root.key']
        .concat(['-in', 'root.csr', '-out', 'root-cross.crt', '-startdate', LONG[0], '-enddate', LONG[1]])
        .concat(['-extensions', 'v3_ca', '-notext']),
    );
    const read = (f: string) => readFileSync(join(dir, f), 'utf8');
    writeFileSync(join(dir, 'cross-chain.pem'), read('tsa-ca.crt') + read('root-cross.crt'));
    return {
      dir,
      rootPem: read('root.crt'),
      rootFile: join(dir, 'root.crt'),
      otherRootPem: read('other-root.crt'),
      otherRootFile: join(dir, 'other-root.crt'),
    };
  })();
  return pki;
}

function scratch(dir: string, ext: string): string {
  return join(dir, 'work', `${process.pid}-${++counter}.${ext}`);
}

/** Answer a DER TimeStampReq with `openssl ts -reply`: the TimeStampResp bytes. */
export async function stamp(requestDer: Uint8Array, variant: TsaVariant = 'v2'): Promise<Uint8Array> {
  const { dir } = await localPki();
  const query = scratch(dir, 'tsq');
  const reply = scratch(dir, 'tsr');
  writeFileSync(query, requestDer);
  await openssl(
    dir,
    ['ts', '-reply', '-config', 'tsa.cnf', '-section', `tsa_${variant}`, '-queryfile', query].concat(['-out', reply]),
  );
  return new Uint8Array(readFileSync(reply));
}

/** The TimeStampToken inside a reply, as openssl extracts it (`-token_out`). */
export async function tokenOf(reply: Uint8Array): Promise<Uint8Array> {
  const { dir } = await localPki();
  const input = scratch(dir, 'tsr');
  const out = scratch(dir, 'tok');
  writeFileSync(input, reply);
  await openssl(dir, ['ts', '-reply', '-in', input, '-token_out', '-out', out]);
  return new Uint8Array(readFileSync(out));
}

/**
 * A token over the TSTInfo of `token` (optionally with another genTime, `YYYYMMDDHHMMSSZ`), signed by `signer` with
 * `openssl cms -sign -cades` (content type id-ct-TSTInfo, ESSCertIDv2 over the signer, its CA attached).
 */
export async function forgeToken(token: Uint8Array, signer: ForgeSigner, genTime?: string): Promise<Uint8Array> {
  const { dir } = await localPki();
  const input = scratch(dir, 'tok');
  const tst = scratch(dir, 'tst');
  const out = scratch(dir, 'tok');
  writeFileSync(input, token);
  // -noverify: read the content without judging the old signer (it may be the one we refuse).
  await openssl(dir, ['cms', '-verify', '-noverify', '-inform', 'DER', '-in', input, '-binary', '-out', tst]);
  let tstInfo: Uint8Array = new Uint8Array(readFileSync(tst));
  if (genTime) tstInfo = withGenTime(tstInfo, genTime);
  writeFileSync(tst, tstInfo);
  const { signer: s, chain } = FORGE_SIGNERS[signer];
  await openssl(
    dir,
    ['cms', '-sign', '-binary', '-nodetach', '-outform', 'DER', '-cades', '-md', 'sha256']
      .concat([
        '-econtent_type',
        '1.2.840.113549.1.9.16.1.4',
        '-nosmimecap',
        '-signer',
        `${s}.crt`,
        '-inkey',
        `${s}.key`,
      ])
      .concat(chain ? ['-certfile', chain] : [])
      .concat(['-in', tst, '-out', out]),
  );
  return new Uint8Array(readFileSync(out));
}

/**
 * Test TSA's certificate and a second one the same CA issues for the same key, name and serial number (a
 * misissuance): same issuer+serial, same size, other validity and signature. Swapped into a token it keeps the
 * SignerInfo pointing at it and the chain valid; only the ESSCertID(v2) hash tells the two apart.
 */
export async function reissuedSigner(): Promise<{ original: Uint8Array; reissued: Uint8Array }> {
  const { dir } = await localPki();
  const serial = (await openssl(dir, ['x509', '-in', 'tsa.crt', '-noout', '-serial'])).trim().split('=')[1];
  const original = scratch(dir, 'der');
  const reissued = scratch(dir, 'der');
  await openssl(dir, ['x509', '-in', 'tsa.crt', '-outform', 'DER', '-out', original]);
  await openssl(
    dir,
    ['x509', '-req', '-in', 'tsa.csr', '-CA', 'tsa-ca.crt', '-CAkey', 'tsa-ca.key', '-days', '400']
      .concat(['-set_serial', `0x${serial}`, '-extfile', 'ca.cnf', '-extensions', 'v3_tsa', '-outform', 'DER'])
      .concat(['-out', reissued]),
  );
  return { original: new Uint8Array(readFileSync(original)), reissued: new Uint8Array(readFileSync(reissued)) };
}

/** Replace the TSTInfo's GeneralizedTime (openssl writes YYYYMMDDHHMMSSZ, 15 bytes, without fractions here). */
function withGenTime(tstInfo: Uint8Array, time: string): Uint8Array {
  if (!/^\d{14}Z$/.test(time)) throw new Error(`genTime must be YYYYMMDDHHMMSSZ, got ${time}`);
  for (let i = 0; i < tstInfo.length - 16; i++) {
    if (tstInfo[i] === 0x18 && tstInfo[i + 1] === 0x0f) {
      const out = new Uint8Array(tstInfo);
      out.set(new TextEncoder().encode(time), i + 2);
      return out;
    }
  }
  throw new Error('no 15-byte GeneralizedTime in this TSTInfo');
}

/** DER length octets. */
function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** TimeStampResp { status, token }: a reply around a token, as a TSA would send it (0 granted, 1 with mods, …). */
export function replyWith(token: Uint8Array, status = 0): Uint8Array {
  const body = [0x30, 0x03, 0x02, 0x01, status, ...token];
  return Uint8Array.from([0x30, ...derLength(body.length), ...body]);
}

/** `openssl ts -verify` on a reply (or a token with `token: true`): its verdict and what it printed. */
export async function opensslVerify(
  bytes: Uint8Array,
  o: { digestHex: string; caFile: string; token?: boolean; attime?: Date },
): Promise<{ ok: boolean; output: string }> {
  const { dir } = await localPki();
  const file = scratch(dir, o.token ? 'tok' : 'tsr');
  writeFileSync(file, bytes);
  const args = ['ts', '-verify', '-digest', o.digestHex, '-in', file, '-CAfile', o.caFile];
  if (o.token) args.push('-token_in');
  if (o.attime) args.push('-attime', String(Math.floor(o.attime.getTime() / 1000)));
  try {
    const { stdout, stderr } = await exec('openssl', args, { cwd: dir, encoding: 'utf8' });
    return { ok: /Verification: OK/.test(stdout), output: stdout + stderr };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/** How the HTTP TSA misbehaves, for the "TSA answers garbage, 500, slowly or never" tests. */
export type TsaFault = 'garbage' | 'http-500' | 'hang';

export interface LocalTsaOptions {
  /** Which openssl TSA answers (default `v2`). */
  variant?: TsaVariant;
  /** Answer with garbage (200, HTML), a 500, or never. */
  fault?: TsaFault;
  /** Wait this long before answering. */
  delayMs?: number;
  /**
   * The address to listen on and put in `url` (default 127.0.0.1). A non-loopback one (`lanAddress()`) makes the
   * browser treat the TSA like a remote http:// one: Firefox's upgrade-insecure-requests exempts only loopback.
   */
  host?: string;
}

/** This machine's first non-loopback IPv4 address, or 127.0.0.1 when it has none. */
export function lanAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return '127.0.0.1';
}

/**
 * A TSA over HTTP for e2e tests: each POST body goes through `openssl ts -reply` and comes back as
 * `application/timestamp-reply` (a body openssl cannot read gets the rejection openssl writes, as from a real TSA).
 * `url` is `http://127.0.0.1:<port>/tsr` (or `options.host`); `requests()` counts the POSTs received; `close()` also drops hung requests.
 */
export async function startLocalTsa(
  port = 0,
  options: LocalTsaOptions = {},
): Promise<{ url: string; rootPem: string; requests: () => number; close: () => Promise<void> }> {
  const { rootPem } = await localPki();
  let requests = 0;
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = () => {
        if (options.fault === 'hang') return;
        if (options.fault === 'http-500') {
          res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
          return;
        }
        if (options.fault === 'garbage') {
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Service Unavailable</body></html>');
          return;
        }
        stamp(new Uint8Array(Buffer.concat(chunks)), options.variant ?? 'v2').then(
          (reply) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(Buffer.from(reply)),
          (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(e.message),
        );
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${bound}/tsr`,
    rootPem,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
