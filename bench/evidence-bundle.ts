/**
 * The evidence bundle `shopwitness-bundle/2` at the size issue 15 names: 50 screenshots (~300 KB each,
 * incompressible like a JPEG) cited by one complaint, inside a 5,000-record evidence chain. The chain is real: #0 is
 * the chain-start record pinning the key, every record is sealed under rule 2 with sealRecord (as the evidence store
 * appends them), the cited records sit spread through it and the other 4,950 travel reduced in chain.json. Built
 * with buildBundle (hashing, report, ECDSA signing, zip) and checked with verifyBundle (every record and link
 * recomputed, every file hashed), each timed as the median of RUNS after a warm-up.
 *
 * A second bundle carries 50 RFC 3161 time-stamp tokens (issue 16): the same chain with a `timestamp` record
 * after each cited record, over the chain head at that point, as the worker appends them
 * (lib/background/timestamping.ts); its token is the record's file. The tokens come from the local openssl TSA of
 * the tests (tests/e2e/harness/local-tsa.ts, `openssl ts -reply` per request) and are checked like the worker
 * checks a reply before they are used. Making the test PKI and 50 tokens takes seconds, so they are cached in
 * bench/.cache (gitignored) with the root they chain to; the chain is deterministic (fixed key and contents), so
 * its heads, and so the cached tokens, stay the same between runs. A cache that misses any head is made again.
 * openssl stamps the current time: the tokens' genTime lies after the chain's (simulated) record times.
 *
 * The chain's cost in bytes is reported beside: a reduced record in chain.json, rule 2's fieldsHash on a full
 * record, and the whole chain.json.
 */
import { createECDH, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deflateSync, unzipSync } from 'fflate';
import { buildBundle, CHAIN_PATH, verifyBundle, type BundleInput } from '../lib/core/bundle';
import {
  CHAIN_MIME,
  checkChain,
  EMPTY_SHA256,
  isFull,
  sealRecord,
  type ChainEntry,
  type EvidenceDraft,
} from '../lib/core/evidence-chain';
import { sha256Hex } from '../lib/core/hash';
import type { Evidence, Platform, Ticket } from '../lib/core/model';
import { TicketSchema } from '../lib/core/model';
import { exportPublicJwk, keyFingerprint } from '../lib/core/signing';
import type { Row } from './types';
import { budgeted, info, int, median, rng, ROOT, round } from './util';

/**
 * Budgets, about twice the typical median on the shared 2-core machine they were set on (December 2026, other agents'
 * builds running, 1-minute load 3.5–6.6): build 0.73–1.23 s, verify 0.87–1.86 s, verify with 50 tokens 1.6–2.7 s
 * (README.en.md "Speed and size").
 */
export const BUILD_BUDGET_MS = 2500;
export const VERIFY_BUDGET_MS = 2500;
export const STAMPED_VERIFY_BUDGET_MS = 4000;
/** chain.json of 5,000 records (1,463 KB measured): a generous size budget, so only a format that bloats it shows. */
export const CHAIN_JSON_BUDGET_KB = 2500;

const SHOTS = 50;
const CHAIN_RECORDS = 5_000;
const RUNS = 5;
/** The chain's simulated clock: one record an hour from here (5,000 records end in July 2026). */
const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const TOKEN_MIME = 'application/timestamp-token';
const TSA_NAME = 'Local openssl TSA';
const TSA_URL = 'http://127.0.0.1/tsr';
const CACHE = resolve(ROOT, 'bench/.cache/tsa-tokens.json');

function fakeJpeg(r: () => number, size: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(size / 4));
  for (let i = 0; i < words.length; i++) words[i] = (r() * 4294967296) >>> 0;
  const bytes = new Uint8Array(words.buffer, 0, size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}

function randomHex(r: () => number, chars: number): string {
  let s = '';
  while (s.length < chars) s += ((r() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  return s.slice(0, chars);
}

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/**
 * The bench's install key, always the same: P-256 from a fixed private scalar, so the chain-start record, and with
 * it every record hash and cached token, is reproducible. A bench key signs nothing but bench bundles.
 */
async function benchKey(): Promise<CryptoKeyPair> {
  const d = createHash('sha256').update('shopwitness bench signing key').digest();
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey(); // 04 ‖ x ‖ y
  const jwk = { kty: 'EC', crv: 'P-256', x: b64url(pub.subarray(1, 33)), y: b64url(pub.subarray(33, 65)) };
  const alg = { name: 'ECDSA', namedCurve: 'P-256' };
  return {
    privateKey: await crypto.subtle.importKey('jwk', { ...jwk, d: b64url(d) }, alg, false, ['sign']),
    publicKey: await crypto.subtle.importKey('jwk', jwk, alg, true, ['verify']),
  };
}

const SHOPS: { platform: Platform; url: (id: string) => string; name: string }[] = [
  { platform: 'jd', url: (id) => `https://item.jd.com/${id}.html`, name: '京东' },
  { platform: 'taobao', url: (id) => `https://item.taobao.com/item.htm?id=${id}`, name: '淘宝' },
  { platform: 'tmall', url: (id) => `https://detail.tmall.com/item.htm?id=${id}`, name: '天猫' },
  { platform: 'pdd', url: (id) => `https://mobile.yangkeduo.com/goods.html?goods_id=${id}`, name: '拼多多' },
];
const TITLES = [
  '小米 Redmi K70 12GB+256GB 墨羽',
  '公牛 插线板 USB 3米',
  '蓝月亮 洗衣液 3kg×2',
  '罗技 MX Master 3S 无线鼠标',
];

/** Record `seq` of the chain (1…4,999): a cited screenshot, or another order's record that will travel reduced. */
type Slot = { cited: false; draft: EvidenceDraft } | { cited: true; draft: EvidenceDraft; data: Uint8Array };

interface Fixture {
  key: CryptoKeyPair;
  fingerprint: string;
  startDraft: EvidenceDraft;
  slots: Slot[];
  inputBytes: number;
}

/** Cited records at #60, #158, … #4862: spread through the chain, none at either end. */
function citedAt(i: number): number {
  return 60 + i * 98;
}

let fixture: Promise<Fixture> | undefined;

function makeFixture(): Promise<Fixture> {
  fixture ??= (async () => {
    const r = rng(50);
    const key = await benchKey();
    const jwk = await exportPublicJwk(key.publicKey);
    const fingerprint = await keyFingerprint(jwk);
    const startDraft: EvidenceDraft = {
      kind: 'chain-start',
      capturedAt: T0,
      mime: CHAIN_MIME,
      bytes: 0,
      sha256: EMPTY_SHA256,
      publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
      keyFingerprint: fingerprint,
    };
    const cited = new Map(Array.from({ length: SHOTS }, (_, i) => [citedAt(i), i]));
    const slots: Slot[] = [];
    let inputBytes = 0;
    for (let seq = 1; seq < CHAIN_RECORDS; seq++) {
      const shop = SHOPS[seq % SHOPS.length]!;
      const productId = String(100012043978 + seq * 7);
      const capturedAt = T0 + seq * HOUR;
      const shot = cited.get(seq);
      if (shot !== undefined) {
        const data = fakeJpeg(r, int(r, 280_000, 320_000));
        inputBytes += data.byteLength;
        slots.push({
          cited: true,
          data,
          draft: {
            kind: shot % 2 ? 'order-screenshot' : 'price-screenshot',
            capturedAt,
            url: `https://item.jd.com/${productId}.html`,
            title: `${TITLES[shot % TITLES.length]!} 京东自营`,
            platform: 'jd',
            productId,
            caption: `京东 商品 ${productId} ¥89.90`,
            mime: 'image/jpeg',
            bytes: data.byteLength,
            sha256: await sha256Hex(data),
            contentSha256: randomHex(r, 64),
            width: 1280,
            height: 860,
          },
        });
        continue;
      }
      // Another order's record: what a year of captures leaves in the chain (only its hashes leave the browser).
      const archive = seq % 10 === 0;
      slots.push({
        cited: false,
        draft: {
          kind: archive ? 'page-archive' : seq % 5 === 1 ? 'logistics-screenshot' : 'price-screenshot',
          capturedAt,
          url: shop.url(productId),
          title: `${TITLES[seq % TITLES.length]!} ${shop.name}`,
          platform: shop.platform,
          productId,
          caption: `${shop.name} 商品 ${productId} ¥${int(r, 10, 9999)}.${int(r, 10, 99)}`,
          mime: archive ? 'multipart/related' : 'image/jpeg',
          bytes: archive ? int(r, 400_000, 2_000_000) : int(r, 40_000, 320_000),
          sha256: randomHex(r, 64),
          ...(archive ? {} : { contentSha256: randomHex(r, 64), width: 1280, height: 860 }),
        },
      });
    }
    return { key, fingerprint, startDraft, slots, inputBytes };
  })();
  return fixture;
}

/** A cached token over one chain head, with what its `timestamp` record says. */
interface CachedToken {
  token: string;
  nonce: string;
  requestedAt: number;
  genTime: number;
  serial: string;
  policy: string;
}

interface TokenCache {
  rootPem: string;
  tokens: Record<string, CachedToken>;
}

type TokenSource = (head: Evidence) => Promise<CachedToken | null>;

/** Seals the chain; with `stampWith`, a `timestamp` record after each cited record, over it (the head then). */
async function sealChain(
  f: Fixture,
  stampWith?: { source: TokenSource; rootPem: string },
): Promise<{ chain: Evidence[]; evidence: BundleInput['evidence'] } | null> {
  const chain: Evidence[] = [await sealRecord(f.startDraft, 'ev-chain-start', null)];
  const evidence: BundleInput['evidence'] = [];
  let n = 0;
  for (const slot of f.slots) {
    const record = await sealRecord(slot.draft, `ev-${(++n).toString().padStart(5, '0')}`, chain[chain.length - 1]!);
    chain.push(record);
    if (!slot.cited) continue;
    evidence.push({ record, data: slot.data });
    if (!stampWith) continue;
    const got = await stampWith.source(record);
    if (!got) return null;
    const token = new Uint8Array(Buffer.from(got.token, 'base64'));
    const stampRecord = await sealRecord(
      {
        kind: 'timestamp',
        capturedAt: record.capturedAt + 5_000,
        mime: TOKEN_MIME,
        bytes: token.byteLength,
        sha256: await sha256Hex(token),
        fileName: `timestamp-${record.seq}-local-openssl-tsa.tst`,
        caption: `${TSA_NAME}: ${new Date(got.genTime).toISOString()}`,
        timestamp: {
          authority: TSA_NAME,
          url: TSA_URL,
          covers: { seq: record.seq, recordHash: record.recordHash },
          digest: record.recordHash,
          nonce: got.nonce,
          requestedAt: got.requestedAt,
          genTime: got.genTime,
          serial: got.serial,
          policy: got.policy,
          rootPem: stampWith.rootPem,
        },
      },
      `ev-${(++n).toString().padStart(5, '0')}`,
      record,
    );
    chain.push(stampRecord);
    evidence.push({ record: stampRecord, data: token });
  }
  return { chain, evidence };
}

function readCache(): TokenCache | null {
  if (!existsSync(CACHE)) return null;
  try {
    const c = JSON.parse(readFileSync(CACHE, 'utf8')) as TokenCache;
    return typeof c.rootPem === 'string' && c.tokens && typeof c.tokens === 'object' ? c : null;
  } catch {
    return null;
  }
}

/**
 * The chain with 50 time-stamp records, from cached tokens when the cache holds one for every head; else from a
 * fresh local TSA (new test PKI, 50 `openssl ts -reply` runs), each reply verified as the worker verifies one, and
 * cached.
 */
async function stampedChain(
  f: Fixture,
): Promise<{ chain: Evidence[]; evidence: BundleInput['evidence']; made: boolean }> {
  const cached = readCache();
  if (cached) {
    const fromCache = await sealChain(f, {
      rootPem: cached.rootPem,
      source: (head) => Promise.resolve(cached.tokens[head.recordHash] ?? null),
    });
    if (fromCache) return { ...fromCache, made: false };
  }
  const { localPki, stamp } = await import('../tests/e2e/harness/local-tsa');
  const { buildTimeStampRequest, newNonce } = await import('../lib/core/timestamp/request');
  const { verifyTimeStampReply } = await import('../lib/core/timestamp/verify');
  const { rootPem } = await localPki();
  const fresh: TokenCache = { rootPem, tokens: {} };
  const made = await sealChain(f, {
    rootPem,
    source: async (head) => {
      const digest = new Uint8Array(Buffer.from(head.recordHash, 'hex'));
      const nonce = newNonce();
      const requestedAt = Date.now();
      const reply = await stamp(buildTimeStampRequest(digest, nonce), 'v2');
      const check = await verifyTimeStampReply(reply, { digest, nonce, roots: [{ name: TSA_NAME, pem: rootPem }] });
      if (!check.ok) throw new Error(`local TSA reply refused: ${check.reason}`);
      const entry: CachedToken = {
        token: Buffer.from(check.token).toString('base64'),
        nonce: Buffer.from(nonce).toString('hex'),
        requestedAt,
        genTime: check.genTime,
        serial: check.serial,
        policy: check.policy,
      };
      fresh.tokens[head.recordHash] = entry;
      return entry;
    },
  });
  if (!made) throw new Error('the local TSA gave no token');
  mkdirSync(resolve(CACHE, '..'), { recursive: true });
  writeFileSync(CACHE, `${JSON.stringify(fresh)}\n`);
  return { ...made, made: true };
}

function ticketFor(evidence: BundleInput['evidence']): Ticket {
  const shots = evidence.filter((e) => e.record.kind !== 'timestamp');
  return TicketSchema.parse({
    id: 'tk-bench',
    type: 'price-protection',
    channel: 'seller',
    status: 'draft',
    platform: 'jd',
    orderId: 'O1',
    createdAt: shots[shots.length - 1]!.record.capturedAt + HOUR,
    amount: { amount: 1000, currency: 'CNY' },
    evidenceIds: shots.map((e) => e.record.id),
  });
}

/** The complaint texts, ending with the key and chain head they pin (as lib/tickets/templates.ts writes them). */
function inputFor(f: Fixture, chain: Evidence[], evidence: BundleInput['evidence']): BundleInput {
  const head = chain[chain.length - 1]!;
  const pin = `${f.fingerprint} · #${head.seq} ${head.recordHash}`;
  return {
    ticket: ticketFor(evidence),
    texts: {
      'zh-CN': `订单 O1 付款后降价 ¥10.00，申请价保。\n密钥与证据链：${pin}`,
      en: `Order O1 dropped ¥10.00 after payment; price protection requested.\nKey and chain: ${pin}`,
    },
    evidence,
    chain,
    signingKey: f.key,
    now: head.capturedAt + HOUR,
  };
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ samples: number[]; last: T }> {
  let last = await fn(); // warm-up (and the dynamic imports the verifier makes)
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    last = await fn();
    samples.push(performance.now() - s);
  }
  return { samples, last };
}

const pretty = (v: unknown) => new TextEncoder().encode(`${JSON.stringify(v, null, 2)}\n`);

/** Bytes of chain.json as the bundle wrote it, and deflated as the zip stores it (level 6). */
function sizes(chainFile: { records: ChainEntry[] }): { raw: number; deflated: number } {
  const bytes = pretty(chainFile);
  return { raw: bytes.byteLength, deflated: deflateSync(bytes, { level: 6 }).byteLength };
}

/** Rows 1 and 3: build and verify the 5,000-record bundle, and what its chain costs in bytes. */
export async function measureEvidenceBundle(): Promise<Row[]> {
  const f = await makeFixture();
  const sealed = (await sealChain(f))!;
  const input = inputFor(f, sealed.chain, sealed.evidence);
  const build = await timed(RUNS, () => buildBundle(input));
  const zip = build.last;
  const verify = await timed(RUNS, () => verifyBundle(zip));
  const result = verify.last;
  // chain.json as this bundle carries it: the chain check's share of verify, and the chain's bytes below.
  const raw = unzipSync(zip, { filter: (file) => file.name === CHAIN_PATH })[CHAIN_PATH]!;
  const chainFile = JSON.parse(new TextDecoder().decode(raw)) as { records: ChainEntry[] };
  const chainCheck = await timed(RUNS, () => checkChain(chainFile.records, keyFingerprint));
  const chainCheckMs = Math.round(median(chainCheck.samples));
  const chainLabel = `${CHAIN_RECORDS.toLocaleString('en')}-record chain`;
  const rows: Row[] = [
    budgeted(
      `bundle/2 build (${SHOTS} shots ~300 KB, ${chainLabel})`,
      Math.round(median(build.samples)),
      'ms',
      BUILD_BUDGET_MS,
      {
        note: `median of ${RUNS}; ${round(f.inputBytes / 1048576, 1)} MB in, ${round(zip.byteLength / 1048576, 1)} MB zip`,
        detail: {
          samplesMs: build.samples.map((s) => round(s, 1)),
          inputBytes: f.inputBytes,
          zipBytes: zip.byteLength,
        },
      },
    ),
    budgeted(
      `bundle/2 verify (${SHOTS} shots, ${chainLabel})`,
      Math.round(median(verify.samples)),
      'ms',
      VERIFY_BUDGET_MS,
      {
        note:
          `median of ${RUNS}; ok=${result.ok}, ${result.chain?.full ?? 0} full + ${result.chain?.reduced ?? 0} reduced records recomputed ` +
          `(checkChain alone ${chainCheckMs} ms)` +
          (result.ok ? '' : `; ${result.problems[0] ?? 'not ok'}`),
        ...(result.ok ? {} : { ok: false }),
        detail: {
          samplesMs: verify.samples.map((s) => round(s, 1)),
          ok: result.ok,
          chain: result.chain,
          checkChainMs: chainCheck.samples.map((s) => round(s, 1)),
        },
      },
    ),
  ];

  const full = chainFile.records.filter(isFull);
  const reducedCount = chainFile.records.length - full.length;
  const whole = sizes(chainFile);
  const fullOnly = sizes({ ...chainFile, records: full });
  const rule1 = sizes({
    ...chainFile,
    records: chainFile.records.map((e) => (isFull(e) ? (({ fieldsHash: _f, ...rest }) => rest)(e) : e)),
  });
  const perReduced = (whole.raw - fullOnly.raw) / reducedCount;
  const perReducedDeflated = (whole.deflated - fullOnly.deflated) / reducedCount;
  const fieldsHashBytes = (whole.raw - rule1.raw) / full.length;
  const compactFull = full.reduce((n, r) => n + JSON.stringify(r).length, 0) / full.length;
  const compactFieldsHash = `,"fieldsHash":"${'0'.repeat(64)}"`.length;
  rows.push(
    info('chain.json: bytes per reduced record', round(perReduced, 1), 'B', {
      note: `{seq, prevHash, fieldsHash, recordHash} as chain.json writes it (2-space JSON); ≈${Math.round(perReducedDeflated)} B deflated in the zip`,
      detail: { reduced: reducedCount, perReducedDeflated: round(perReducedDeflated, 1) },
    }),
    info('chain.json: rule-2 overhead per full record (fieldsHash)', round(fieldsHashBytes, 1), 'B', {
      note: `vs the same record under rule 1; ${compactFieldsHash} B of ~${Math.round(compactFull)} B compact JSON (+${round((100 * compactFieldsHash) / (compactFull - compactFieldsHash), 1)}%) as stored`,
      detail: { fullRecords: full.length, compactFullRecordBytes: round(compactFull, 1), compactFieldsHash },
    }),
    budgeted(
      `chain.json size, ${chainLabel} (${full.length} full)`,
      Math.round(whole.raw / 1024),
      'KB',
      CHAIN_JSON_BUDGET_KB,
      {
        note: `${Math.round(whole.deflated / 1024)} KB deflated in the zip; the reduced records are ${Math.round((whole.raw - fullOnly.raw) / 1024)} KB of it`,
        detail: { bytes: whole.raw, deflatedBytes: whole.deflated, fullOnlyBytes: fullOnly.raw },
      },
    ),
  );
  return rows;
}

/** Row 2: verify a bundle that also carries 50 time-stamp tokens (the verifier re-checks each with pkijs). */
export async function measureStampedBundle(): Promise<Row[]> {
  const f = await makeFixture();
  const t = performance.now();
  const { chain, evidence, made } = await stampedChain(f);
  const setupS = round((performance.now() - t) / 1000, 1);
  const zip = await buildBundle(inputFor(f, chain, evidence));
  const tokens = evidence.filter((e) => e.record.kind === 'timestamp').length;
  const verify = await timed(RUNS, () => verifyBundle(zip));
  const result = verify.last;
  const checked = result.trustedTimes.length;
  // The tokens' share: each re-checked as the verifier does (digest, nonce, the pinned roots and the bundled one).
  const { verifyTimeStampToken } = await import('../lib/core/timestamp/verify');
  const { BUILTIN_AUTHORITIES } = await import('../lib/core/timestamp/roots');
  const pinned = BUILTIN_AUTHORITIES.flatMap((a) => a.roots);
  const stamps = evidence.filter((e) => e.record.kind === 'timestamp');
  const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
  const tokenCheck = await timed(RUNS, async () => {
    for (const { record, data } of stamps) {
      const ts = record.timestamp!;
      const check = await verifyTimeStampToken(data, {
        digest: hex(ts.digest),
        nonce: hex(ts.nonce),
        roots: [...pinned, { name: `custom: ${TSA_NAME}`, pem: ts.rootPem! }],
      });
      if (!check.ok) throw new Error(`token of #${record.seq} refused: ${check.reason}`);
    }
  });
  const tokensMs = median(tokenCheck.samples);
  const good = result.ok && checked === tokens && result.covered;
  return [
    budgeted(
      `bundle/2 verify with ${tokens} time-stamp tokens (${SHOTS} shots, ${chain.length.toLocaleString('en')}-record chain)`,
      Math.round(median(verify.samples)),
      'ms',
      STAMPED_VERIFY_BUDGET_MS,
      {
        note:
          `median of ${RUNS}; ok=${result.ok}, ${checked} tokens re-verified (alone ${Math.round(tokensMs)} ms, ` +
          `${round(tokensMs / Math.max(1, stamps.length), 1)} ms each), covered=${result.covered}; ` +
          `tokens ${made ? `made by openssl in ${setupS} s (cached in bench/.cache)` : 'from bench/.cache'}` +
          (result.ok ? '' : `; ${result.problems[0] ?? 'not ok'}`),
        ...(good ? {} : { ok: false }),
        detail: {
          samplesMs: verify.samples.map((s) => round(s, 1)),
          ok: result.ok,
          tokens,
          trustedTimes: checked,
          covered: result.covered,
          tokenChecksMs: tokenCheck.samples.map((s) => round(s, 1)),
          zipBytes: zip.byteLength,
        },
      },
    ),
  ];
}
