/**
 * The evidence bundle `shopwitness-bundle/2` (DESIGN.md "Evidence bundle"), after WACZ: every file
 * hashed into manifest.json, the manifest signed (ECDSA P-256) with the install's key, the public key
 * bundled and named by its fingerprint; chain.json carries the whole evidence chain, records outside the
 * complaint reduced to hashes, so the verifier recomputes every link from the first record to the head the
 * manifest names. `/1` bundles still verify, reported as the weaker format they are.
 * Pure: runs in the MV3 service worker, the options page and Node (`npm run verify`).
 * zipSync/unzipSync only: fflate's async zip needs Workers, which an MV3 service worker lacks.
 * Speed (`npm run bench` builds one of 50 screenshots against its budget): every file is hashed once (the evidence
 * hashes checked against their records are the manifest's), hashes run concurrently (WebCrypto works off
 * the main thread), and media that is already compressed is stored, not deflated again — including
 * report.html, which is mostly base64 of those same JPEGs (it stays self-contained, as DESIGN.md says).
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { EvidenceSchema, TicketSchema, type Evidence, type Ticket } from './model';
import { exportPublicJwk, keyFingerprint, sha256Hex, signBytes, verifyBytes } from './signing';
import {
  checkChain,
  fieldsHashOf,
  hasFile,
  isFull,
  recordHashOf,
  reduceRecord,
  type ChainEntry,
  type ReducedRecord,
} from './evidence-chain';
import { zonedParts } from '../tickets/format';
import { escapeHtml, renderReport, type ReportEvidence, type ReportTimestamp } from '../tickets/report-html';

export const BUNDLE_FORMAT = 'shopwitness-bundle/2';
export const BUNDLE_FORMAT_V1 = 'shopwitness-bundle/1';
export const CHAIN_PATH = 'chain.json';
export const CHAIN_FORMAT = 'shopwitness-chain/2';
/** Tokens over manifest.json's SHA-256, made after the manifest was signed: outside it, checked against it. */
export const MANIFEST_STAMPS_PREFIX = 'timestamps/manifest-';
export const SIGNATURE_ALG = 'ECDSA-P256-SHA256';
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig.json';
export const DEFAULT_GENERATOR = 'ShopWitness 0.1.0';

/** Refuse before inflating: declared sizes are checked first, so a zip bomb costs nothing. */
export const BUNDLE_LIMITS = {
  maxEntries: 10_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
} as const;

export interface BundleInput {
  ticket: Ticket;
  texts: { 'zh-CN': string; en: string };
  /**
   * The complaint's files: the records the ticket cites with their bytes, and time-stamp records with their
   * tokens. Deletion records may be passed without bytes' meaning (their data is ignored).
   */
  evidence: { record: Evidence; data: Uint8Array }[];
  /**
   * The whole stored chain, first record to newest. Records not in `evidence` travel reduced to hashes, except
   * the chain's own bookkeeping (key pins, restores), deletions of complaint files and time-stamps, which carry no
   * other order's URL, title or file. Defaults to the `evidence` records (a chain that must then be complete).
   */
  chain?: readonly Evidence[];
  timeline?: { at: number; text: string }[];
  signingKey: CryptoKeyPair;
  now?: number;
  generator?: string;
  /** Zone for report.html dates; Asia/Shanghai by default. */
  timeZone?: string;
  /**
   * Time-stamps over the signed manifest's SHA-256 (RFC 3161 tokens, DER TimeStampToken): asked for once the
   * manifest exists; none or a failure leaves the bundle as it is.
   */
  stampManifest?: (digest: Uint8Array) => Promise<{ authority: string; token: Uint8Array; rootPem?: string }[]>;
}

export interface ManifestEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface ManifestChain {
  path: typeof CHAIN_PATH;
  records: number;
  head: { seq: number; recordHash: string };
  keyFingerprint: string;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  created: string;
  generator: string;
  files: ManifestEntry[];
  chain: ManifestChain;
}

/** chain.json: every record, full or reduced, and where each carried file sits in the zip. */
export interface ChainFile {
  format: typeof CHAIN_FORMAT;
  rule: string;
  records: ChainEntry[];
  files: Record<string, string>;
}

export type FileStatus = 'ok' | 'changed' | 'missing' | 'extra';

/** A time-stamp the verifier checked itself: the records up to `coversSeq` existed no later than `genTime`. */
export interface TrustedTime {
  authority: string;
  /** The signer as the token names it, and the pinned root it chains to (or "custom: …" for a bundled root). */
  tsa: string;
  root: string;
  custom: boolean;
  genTime: number;
  /** The chain record stamped, or null for a stamp over the manifest (which covers the whole bundle). */
  coversSeq: number | null;
  file: string;
}

export interface VerifyResult {
  ok: boolean;
  /** The bundle's format as it declares it (null when unreadable). */
  format: string | null;
  /** The signing key's SHA-256 fingerprint (RFC 7638), from the bundled key; null when none could be read. */
  keyFingerprint: string | null;
  files: { path: string; status: FileStatus }[];
  signature: 'valid' | 'invalid' | 'missing';
  problems: string[];
  /** What the verification does not establish, and weaker formats: said, never hidden. */
  notes: string[];
  chain: {
    records: number;
    full: number;
    reduced: number;
    head: { seq: number; recordHash: string } | null;
    keyPinnedAt: number | null;
  } | null;
  trustedTimes: TrustedTime[];
  /** Each record the complaint cites (an archive: each file), with the earliest checked trusted time covering it. */
  cited: { id: string; seq: number; kind: string; sha256: string; trustedTime: TrustedTime | null }[];
  /** Every record the complaint cites is covered by a checked trusted time (npm run verify exits 0 only then). */
  covered: boolean;
}

/** Building refuses rather than ship a bundle that is unsigned or lies about its evidence. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
}

const enc = new TextEncoder();
const utf8 = (s: string) => enc.encode(s);
const json = (v: unknown) => utf8(`${JSON.stringify(v, null, 2)}\n`);

/**
 * A zip path we write or accept: relative, forward slashes, no `..` or empty segment, no control
 * characters, no drive letter — so no unzip tool can be led outside its target folder.
 */
export function isSafeZipPath(path: string): boolean {
  if (!path || path.length > 512) return false;
  if (path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path)) return false;
  if (/[\u0000-\u001f\u007f]/.test(path)) return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

// ---------------------------------------------------------------- build

/** Bookkeeping every verifier needs in full; it holds no other order's URL, title or file. */
const ALWAYS_FULL: ReadonlySet<Evidence['kind']> = new Set(['chain-start', 'chain-rule', 'restore', 'timestamp']);

export const CHAIN_RULE_TEXT =
  'fieldsHash = SHA-256(canonical JSON of the record without prevHash, fieldsHash, recordHash; keys sorted); ' +
  'recordHash = SHA-256(prevHash bytes || fieldsHash bytes), 32 zero bytes for the first record. ' +
  'Records without fieldsHash follow rule 1: recordHash = SHA-256(canonical JSON of every field but recordHash).';

export async function buildBundle(input: BundleInput): Promise<Uint8Array> {
  const key = input.signingKey;
  if (!key?.privateKey || !key?.publicKey) {
    throw new BundleError('buildBundle: a signing key pair is required; bundles are never unsigned');
  }
  const now = input.now ?? Date.now();
  const generator = input.generator ?? DEFAULT_GENERATOR;
  const ticket = TicketSchema.parse(input.ticket);
  const fingerprint = await keyFingerprint(await exportPublicJwk(key.publicKey));
  const withFiles = input.evidence.filter((e) => hasFile(e.record));
  const tokens = withFiles.filter((e) => e.record.kind === 'timestamp');
  const evidence = await placeEvidence(withFiles.filter((e) => e.record.kind !== 'timestamp'));
  const placedTokens = await placeTokens(tokens);
  const chain = [...(input.chain ?? input.evidence.map((e) => e.record))].sort((a, b) => a.seq - b.seq);
  const head = chain[chain.length - 1];
  if (!head) throw new BundleError('buildBundle: the evidence chain is empty');
  const fileOf: Record<string, string> = {};
  for (const e of [...evidence, ...placedTokens]) fileOf[e.record.id] = e.path;
  // A cited record whose file was deleted still travels in full, beside the deletion record that removed it.
  const carried = new Set([...input.evidence.map((e) => e.record.id), ...ticket.evidenceIds]);
  const chainFile = chainFileOf(chain, carried, fileOf);
  const files = new Map<string, Uint8Array>();
  files.set('ticket.json', json(ticket));
  files.set('ticket.zh-CN.md', utf8(withNewline(input.texts['zh-CN'])));
  files.set('ticket.en.md', utf8(withNewline(input.texts.en)));
  files.set(CHAIN_PATH, json(chainFile));
  // placeEvidence checked each file against its record's hash: that hash goes in the manifest as is.
  const known = new Map<string, string>();
  for (const e of [...evidence, ...placedTokens]) {
    files.set(e.path, e.data);
    known.set(e.path, e.record.sha256);
  }
  const report = renderReport({
    ticket,
    texts: input.texts,
    evidence,
    created: now,
    generator,
    chain: { keyFingerprint: fingerprint, headSeq: head.seq, headHash: head.recordHash },
    timestamps: placedTokens.map(({ record, path }): ReportTimestamp => ({
      authority: record.timestamp?.authority ?? '',
      genTime: record.timestamp?.genTime ?? record.capturedAt,
      coversSeq: record.timestamp?.covers.seq ?? record.seq,
      ...(record.timestamp
        ? { digest: record.timestamp.digest, token: path, requestedAt: record.timestamp.requestedAt }
        : {}),
    })),
    ...(input.timeline ? { timeline: input.timeline } : {}),
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
  });
  files.set('report.html', utf8(report));
  return signAndZip(files, key, {
    now,
    generator,
    known,
    chain: manifestChainOf(chain, fingerprint),
    ...(input.stampManifest ? { stampManifest: input.stampManifest } : {}),
  });
}

/**
 * chain.json for a stored chain: records in `carried` (and the chain's bookkeeping, and deletions of carried
 * records) in full, every other record reduced to its hashes.
 */
export function chainFileOf(
  chain: readonly Evidence[],
  carried: ReadonlySet<string>,
  fileOf: Record<string, string>,
): ChainFile {
  const records: ChainEntry[] = [...chain]
    .sort((a, b) => a.seq - b.seq)
    .map((r) =>
      carried.has(r.id) ||
      ALWAYS_FULL.has(r.kind) ||
      (r.kind === 'deletion' && r.deletes !== undefined && carried.has(r.deletes))
        ? r
        : reduceRecord(r),
    );
  return { format: CHAIN_FORMAT, rule: CHAIN_RULE_TEXT, records, files: fileOf };
}

export function manifestChainOf(chain: readonly Evidence[], keyFingerprint: string): ManifestChain {
  const head = chain.reduce<Evidence | null>((h, r) => (!h || r.seq > h.seq ? r : h), null);
  if (!head) throw new BundleError('the evidence chain is empty');
  return {
    path: CHAIN_PATH,
    records: chain.length,
    head: { seq: head.seq, recordHash: head.recordHash },
    keyFingerprint,
  };
}

/** timestamps/<seq>-<authority>.tst: the DER TimeStampToken as `openssl ts -verify -token_in` reads it. */
async function placeTokens(items: BundleInput['evidence']): Promise<ReportEvidence[]> {
  const out: ReportEvidence[] = [];
  for (const { record, data } of [...items].sort((a, b) => a.record.seq - b.record.seq)) {
    const actual = await sha256Hex(data);
    if (actual !== record.sha256) {
      throw new BundleError(`time-stamp ${record.id}: its bytes hash to ${actual}, the record says ${record.sha256}`);
    }
    const who = (record.timestamp?.authority ?? 'tsa')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 40);
    out.push({ record, data, path: `timestamps/${record.seq}-${who || 'tsa'}.tst` });
  }
  return out;
}

function withNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'application/pdf': 'pdf',
  'text/html': 'html',
  'text/plain': 'txt',
  'application/json': 'json',
  'multipart/related': 'mhtml',
  'application/x-mimearchive': 'mhtml',
};

function extensionOf(record: Evidence): string {
  const byMime = EXTENSIONS[record.mime.split(';')[0]!.trim().toLowerCase()];
  if (byMime) return byMime;
  const fromName = /\.([a-z0-9]{1,8})$/i.exec(record.fileName ?? '')?.[1];
  return fromName ? fromName.toLowerCase() : 'bin';
}

/** evidence/<YYYYMMDD-HHmmss>-<kind>-<shortid>.<ext>, time in UTC so names do not depend on the zone. */
function evidencePath(record: Evidence, taken: Set<string>): string {
  const p = zonedParts(record.capturedAt, 'UTC');
  const stamp = `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`;
  const shortId =
    record.id
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(-8) || record.sha256.slice(0, 8);
  const base = `evidence/${stamp}-${record.kind}-${shortId}`;
  const ext = extensionOf(record);
  let path = `${base}.${ext}`;
  for (let n = 2; taken.has(path); n++) path = `${base}-${n}.${ext}`;
  taken.add(path);
  return path;
}

export async function placeEvidence(items: BundleInput['evidence']): Promise<ReportEvidence[]> {
  const taken = new Set<string>();
  const sorted = [...items].sort((a, b) => a.record.seq - b.record.seq || a.record.id.localeCompare(b.record.id));
  const hashes = await Promise.all(sorted.map(({ data }) => sha256Hex(data)));
  return sorted.map(({ record, data }, i) => {
    const actual = hashes[i] as string;
    if (actual !== record.sha256) {
      throw new BundleError(`evidence ${record.id}: its bytes hash to ${actual}, the record says ${record.sha256}`);
    }
    return { record, data, path: evidencePath(record, taken) };
  });
}

/** Formats that are compressed already: deflating them again costs time and saves nothing. */
const STORED_EXTENSIONS = new Set([
  'jpg',
  'jpeg',
  'png',
  'webp',
  'gif',
  'avif',
  'mp4',
  'webm',
  'mov',
  'mp3',
  'm4a',
  'zip',
  'gz',
]);

/** fflate level: 0 (stored) for already-compressed media and the report that inlines them, 6 for the rest. */
export function zipLevel(path: string): 0 | 6 {
  if (path === 'report.html') return 0; // base64 of compressed images: deflate would cost much and save ~25%
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ext !== undefined && STORED_EXTENSIONS.has(ext) ? 0 : 6;
}

/**
 * Hash every file into the manifest, sign the manifest's exact bytes, zip in a fixed order.
 * Exported so tests (and future exporters) can pack hand-made file sets with the same rules.
 * `known` holds hashes the caller has just computed from these very bytes (path → SHA-256 hex).
 */
export async function signAndZip(
  files: Map<string, Uint8Array>,
  key: CryptoKeyPair,
  options: {
    now: number;
    generator: string;
    known?: ReadonlyMap<string, string>;
    chain: ManifestChain;
    stampManifest?: BundleInput['stampManifest'];
  },
): Promise<Uint8Array> {
  const paths = [...files.keys()].filter((p) => p !== MANIFEST_PATH && p !== SIGNATURE_PATH).sort();
  for (const path of paths) {
    if (!isSafeZipPath(path)) throw new BundleError(`unsafe path in bundle: ${JSON.stringify(path)}`);
    if (path.startsWith(MANIFEST_STAMPS_PREFIX)) throw new BundleError(`${path}: reserved for manifest time-stamps`);
  }
  const hashes = await Promise.all(paths.map((path) => options.known?.get(path) ?? sha256Hex(files.get(path)!)));
  const entries: ManifestEntry[] = paths.map((path, i) => ({
    path,
    sha256: hashes[i] as string,
    bytes: files.get(path)!.length,
  }));
  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    created: new Date(options.now).toISOString(),
    generator: options.generator,
    files: entries,
    chain: options.chain,
  };
  const manifestBytes = json(manifest);
  const publicKey = await exportPublicJwk(key.publicKey);
  const signature = {
    alg: SIGNATURE_ALG,
    signature: await signBytes(key.privateKey, manifestBytes),
    publicKey,
    keyFingerprint: await keyFingerprint(publicKey),
  };
  // Zip timestamps cannot predate 1980; a fixed mtime keeps the archive reproducible.
  const mtime = new Date(Math.max(options.now, Date.UTC(1980, 0, 2)));
  const zippable: Zippable = {};
  zippable[MANIFEST_PATH] = [manifestBytes, { mtime }];
  zippable[SIGNATURE_PATH] = [json(signature), { mtime }];
  for (const path of paths) zippable[path] = [files.get(path)!, { mtime, level: zipLevel(path) }];
  if (options.stampManifest) {
    const digest = hexBytes(await sha256Hex(manifestBytes));
    const stamps = await options.stampManifest(digest).catch(() => []);
    const index: { file: string; authority: string; rootPem?: string }[] = [];
    stamps.forEach((st, i) => {
      const file = `${MANIFEST_STAMPS_PREFIX}${i + 1}.tst`;
      zippable[file] = [st.token, { mtime, level: 0 }];
      index.push({ file, authority: st.authority, ...(st.rootPem ? { rootPem: st.rootPem } : {}) });
    });
    if (index.length) zippable[`${MANIFEST_STAMPS_PREFIX}index.json`] = [json(index), { mtime }];
  }
  return zipSync(zippable);
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

// ---------------------------------------------------------------- verify

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

const FilesSchema = z.array(z.object({ path: z.string(), sha256: Hex64, bytes: z.number().int().nonnegative() }));

const ManifestV1Schema = z.object({
  format: z.literal(BUNDLE_FORMAT_V1),
  created: z.string(),
  generator: z.string(),
  files: FilesSchema,
});

const ManifestV2Schema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  created: z.string(),
  generator: z.string(),
  files: FilesSchema,
  chain: z.object({
    path: z.literal(CHAIN_PATH),
    records: z.number().int().positive(),
    head: z.object({ seq: z.number().int().nonnegative(), recordHash: Hex64 }),
    keyFingerprint: Hex64,
  }),
});

const SignatureSchema = z.object({
  alg: z.string(),
  signature: z.string(),
  publicKey: z.object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string() }).loose(),
  keyFingerprint: Hex64.optional(),
});

const ReducedSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  prevHash: Hex64.nullable(),
  fieldsHash: Hex64.optional(),
  recordHash: Hex64,
});

const ChainFileSchema = z.object({
  format: z.literal(CHAIN_FORMAT),
  rule: z.string().max(2000),
  records: z.array(z.union([EvidenceSchema.strict(), ReducedSchema])).max(10_000_000),
  files: z.record(z.string().max(100), z.string().max(512)),
});

const IndexEntrySchema = z
  .object({
    id: z.string(),
    seq: z.number().optional(),
    file: z.string().nullable(),
    sha256: z.string(),
    prevHash: z.string().nullable().optional(),
    recordHash: z.string().optional(),
  })
  .loose();

const StampIndexSchema = z.array(
  z.object({ file: z.string().max(512), authority: z.string().max(200), rootPem: z.string().max(20_000).optional() }),
);

/** A verification that could not start (not a zip, too large): one sentence. */
export function failedVerify(problem: string): VerifyResult {
  return {
    ok: false,
    format: null,
    keyFingerprint: null,
    files: [],
    signature: 'missing',
    problems: [problem],
    notes: [],
    chain: null,
    trustedTimes: [],
    cited: [],
    covered: false,
  };
}

/** Never throws: anything unreadable or hostile becomes ok:false with a sentence saying why. */
export async function verifyBundle(zip: Uint8Array): Promise<VerifyResult> {
  try {
    return await verifyUnchecked(zip);
  } catch (e) {
    return failedVerify(`bundle could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** What a verification never establishes; printed by every verifier. */
export const LIMITS_NOTE =
  'A screenshot shows what the browser showed; it cannot prove the page was not edited before capture. ' +
  'Certificate revocation of time-stamping authorities is not checked offline.';

function declaredFormat(data: Uint8Array | undefined): string | null {
  if (!data) return null;
  try {
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
    const f = (v as { format?: unknown } | null)?.format;
    return typeof f === 'string' ? f.slice(0, 80) : null;
  } catch {
    return null;
  }
}

async function verifyUnchecked(zip: Uint8Array): Promise<VerifyResult> {
  if (!ArrayBuffer.isView(zip) || zip.byteLength < 22) return failedVerify('not a zip archive: too short');
  const bytes = new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength);
  const listed = listEntries(bytes);
  if (typeof listed === 'string') return failedVerify(listed);
  const files = unzipSync(bytes, { filter: (f) => !f.name.endsWith('/') });
  const names = Object.keys(files);
  if (!files[MANIFEST_PATH] && !files[SIGNATURE_PATH]) {
    // Some other zip (a backup, an archive of something else): one sentence, not a problem per file.
    const sample = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
    return failedVerify(
      `not a ShopWitness evidence bundle: it has no manifest.json (it holds ${names.length} file${names.length === 1 ? '' : 's'}${names.length ? `: ${sample}` : ''})`,
    );
  }
  const problems: string[] = [];
  const notes: string[] = [];
  const format = declaredFormat(files[MANIFEST_PATH]);
  const { signature, fingerprint } = await checkSignature(files, problems);
  const hashOf = hashOnce(files);
  const result: VerifyResult = {
    ok: false,
    format,
    keyFingerprint: fingerprint,
    files: [],
    signature,
    problems,
    notes,
    chain: null,
    trustedTimes: [],
    cited: [],
    covered: false,
  };
  const ticket = files['ticket.json'] ? parseJson(files['ticket.json'], 'ticket.json', TicketSchema, problems) : null;
  if (format === BUNDLE_FORMAT_V1) {
    const manifest = parseJson(files[MANIFEST_PATH], MANIFEST_PATH, ManifestV1Schema, problems);
    result.files = await compareFiles(manifest?.files ?? [], files, hashOf, problems, new Set());
    if (manifest) await checkEvidenceIndex(files, hashOf, problems);
    notes.push(
      `${BUNDLE_FORMAT_V1} is the older, weaker format: it carries only the complaint's records, so a record left out ` +
        'or reordered does not show, and it names no key in its chain; the signing key is whatever key the bundle holds.',
    );
  } else {
    const manifest = parseJson(files[MANIFEST_PATH], MANIFEST_PATH, ManifestV2Schema, problems);
    const stampFiles = new Set(names.filter((n) => n.startsWith(MANIFEST_STAMPS_PREFIX)));
    result.files = await compareFiles(manifest?.files ?? [], files, hashOf, problems, stampFiles);
    if (manifest) {
      if (fingerprint && manifest.chain.keyFingerprint !== fingerprint) {
        problems.push(
          `${MANIFEST_PATH}: names key ${manifest.chain.keyFingerprint}, but the bundle is signed by key ${fingerprint}`,
        );
      }
      const chain = await checkChainFile(files, manifest, fingerprint, ticket, hashOf, result);
      await checkManifestStamps(files, stampFiles, result);
      checkTexts(files, chain, ticket, fingerprint, result);
    }
  }
  notes.push(LIMITS_NOTE);
  if (result.trustedTimes.length === 0) {
    notes.push(
      'No trusted time-stamp covers these records: every time in them comes from the clock of the computer that made them.',
    );
  }
  result.ok = problems.length === 0 && signature === 'valid' && result.files.every((f) => f.status === 'ok');
  if (!result.ok) result.covered = false;
  return result;
}

/**
 * Every record recomputed and linked; the head the manifest names; the key the chain pins; the complaint's files.
 * Returns the chain's records (none when chain.json is missing or malformed) for the texts' check.
 */
async function checkChainFile(
  files: Record<string, Uint8Array>,
  manifest: z.infer<typeof ManifestV2Schema>,
  fingerprint: string | null,
  ticket: Ticket | null,
  hashOf: (path: string) => Promise<string>,
  result: VerifyResult,
): Promise<ChainEntry[]> {
  const { problems } = result;
  const chainFile = parseJson(files[CHAIN_PATH], CHAIN_PATH, ChainFileSchema, problems);
  if (!chainFile) {
    if (!files[CHAIN_PATH]) problems.push(`${CHAIN_PATH}: missing; a ${BUNDLE_FORMAT} bundle carries its whole chain`);
    return [];
  }
  const entries = chainFile.records as (Evidence | ReducedRecord)[];
  const facts = await checkChain(entries, keyFingerprint);
  for (const p of facts.problems) problems.push(`${CHAIN_PATH} record ${p.evidenceId}: ${p.reason}`);
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const full = sorted.filter(isFull);
  result.chain = {
    records: sorted.length,
    full: full.length,
    reduced: sorted.length - full.length,
    head: facts.head,
    keyPinnedAt: facts.key?.seq ?? null,
  };
  const named = manifest.chain.head;
  const after = sorted.filter((e) => e.seq > named.seq);
  if (after.length) {
    problems.push(
      `${CHAIN_PATH}: ${after.length} record(s) after #${named.seq}, the newest one ${MANIFEST_PATH} names (from #${after[0]!.seq})`,
    );
  }
  const headEntry = sorted.find((e) => e.seq === named.seq);
  if (!headEntry) problems.push(`${CHAIN_PATH}: the head ${MANIFEST_PATH} names (#${named.seq}) is not in the chain`);
  else if (headEntry.recordHash !== named.recordHash)
    problems.push(`${CHAIN_PATH}: record #${named.seq} is not the head ${MANIFEST_PATH} names (${named.recordHash})`);
  if (manifest.chain.records !== sorted.length)
    problems.push(`${CHAIN_PATH}: holds ${sorted.length} records, ${MANIFEST_PATH} says ${manifest.chain.records}`);
  if (!facts.key) problems.push(`${CHAIN_PATH}: no record pins a signing key (no chain-start or chain-rule record)`);
  else if (fingerprint && facts.key.fingerprint !== fingerprint) {
    problems.push(
      `the bundle is signed by key ${fingerprint}, but its chain was started by key ${facts.key.fingerprint} (record #${facts.key.seq})`,
    );
  }
  if (facts.linkedOnly > 0) {
    result.notes.push(
      `${facts.linkedOnly} reduced record(s) sealed under the older rule 1 are linked to their neighbours but their own hashes cannot be recomputed without their content.`,
    );
  }
  // Files: each carried file is a full record's, and hashes to what that record says.
  const byId = new Map(full.map((r) => [r.id, r]));
  const deleted = new Set(full.filter((r) => r.kind === 'deletion' && r.deletes).map((r) => r.deletes as string));
  const claimed = new Set<string>();
  for (const [id, path] of Object.entries(chainFile.files)) {
    const record = byId.get(id);
    claimed.add(path);
    if (!record) {
      problems.push(`${CHAIN_PATH}: file ${path} belongs to ${id}, which is not a full record of the chain`);
      continue;
    }
    const data = files[path];
    if (!data) problems.push(`${path}: the file of record ${id} (#${record.seq}) is missing`);
    else if (data.length !== record.bytes || (await hashOf(path)) !== record.sha256)
      problems.push(`${path}: SHA-256 differs from its chain record ${id} (#${record.seq})`);
  }
  for (const path of Object.keys(files)) {
    if ((path.startsWith('evidence/') || path.startsWith('timestamps/')) && !path.startsWith(MANIFEST_STAMPS_PREFIX)) {
      if (!claimed.has(path)) problems.push(`${path}: a file no chain record claims`);
    }
  }
  const cited = ticket?.evidenceIds ?? [];
  // A price discrepancy's two sides show their screenshots side by side: each must be a cited record, so the
  // checks below (carried in full, file present, trusted time) cover it too.
  const sides = ticket?.discrepancy ? [ticket.discrepancy.higher, ticket.discrepancy.lower] : [];
  for (const id of sides.flatMap((o) => o.evidenceIds)) {
    if (!cited.includes(id)) problems.push(`ticket.json shows evidence ${id} beside a price but does not cite it`);
  }
  for (const id of cited) {
    const record = byId.get(id);
    if (!record) problems.push(`ticket.json cites evidence ${id}, which the chain does not carry in full`);
    else if (hasFile(record) && !deleted.has(id) && !chainFile.files[id])
      problems.push(`ticket.json cites evidence ${id} (#${record.seq}), but its file is not in the bundle`);
  }
  await checkChainStamps(files, full, chainFile.files, result);
  // What the bundle claims: the records the complaint cites, or (an archive, no ticket) every file it carries.
  const claims = ticket ? cited : Object.keys(chainFile.files);
  const stamped = Math.max(-1, ...result.trustedTimes.map((t) => (t.coversSeq === null ? named.seq : t.coversSeq)));
  result.covered = result.trustedTimes.length > 0 && claims.every((id) => (byId.get(id)?.seq ?? Infinity) <= stamped);
  for (const id of claims) {
    const r = byId.get(id);
    if (!r) continue;
    const covering = result.trustedTimes
      .filter((t) => (t.coversSeq === null ? named.seq : t.coversSeq) >= r.seq)
      .sort((a, b) => a.genTime - b.genTime)[0];
    result.cited.push({ id, seq: r.seq, kind: r.kind, sha256: r.sha256, trustedTime: covering ?? null });
  }
  return sorted;
}

type StampVerifier = typeof import('./timestamp/verify');

async function loadVerifier(): Promise<StampVerifier> {
  return import('./timestamp/verify');
}

async function builtinRoots(): Promise<{ name: string; pem: string }[]> {
  const { BUILTIN_AUTHORITIES } = await import('./timestamp/roots');
  return BUILTIN_AUTHORITIES.flatMap((a) => a.roots);
}

/** Each time-stamp record's token recomputed: the digest it covers, its nonce, signature, certificates, root. */
async function checkChainStamps(
  files: Record<string, Uint8Array>,
  full: Evidence[],
  fileOf: Record<string, string>,
  result: VerifyResult,
): Promise<void> {
  const stamps = full.filter((r) => r.kind === 'timestamp');
  if (!stamps.length) return;
  const { verifyTimeStampToken } = await loadVerifier();
  const pinned = await builtinRoots();
  const bySeq = new Map(full.map((r) => [r.seq, r]));
  for (const r of stamps) {
    const ts = r.timestamp;
    const path = fileOf[r.id];
    const token = path ? files[path] : undefined;
    const where = `time-stamp record #${r.seq}`;
    if (!ts) {
      result.problems.push(`${where}: says nothing of what it stamps`);
      continue;
    }
    if (!token) continue; // reported with the files
    if (ts.covers.seq >= r.seq) result.problems.push(`${where}: covers #${ts.covers.seq}, which is not before it`);
    if (ts.digest !== ts.covers.recordHash)
      result.problems.push(`${where}: its digest is not the hash of record #${ts.covers.seq} it claims to cover`);
    const covered = bySeq.get(ts.covers.seq);
    if (covered && covered.recordHash !== ts.covers.recordHash)
      result.problems.push(`${where}: record #${ts.covers.seq} does not have the hash the stamp covers`);
    const custom = ts.rootPem ? [{ name: `custom: ${ts.authority}`, pem: ts.rootPem }] : [];
    const check = await verifyTimeStampToken(token, {
      digest: hexBytes(ts.digest),
      nonce: hexBytes(ts.nonce),
      roots: [...pinned, ...custom],
    });
    if (!check.ok) {
      result.problems.push(`${where} (${path}): ${check.reason}`);
      continue;
    }
    if (check.genTime !== ts.genTime)
      result.problems.push(
        `${where}: the token's time ${new Date(check.genTime).toISOString()} is not the one recorded`,
      );
    // The stamp links to the chain through the covered record's hash, recomputed above from the first record.
    result.trustedTimes.push({
      authority: ts.authority,
      tsa: check.tsa,
      root: check.root,
      custom: check.root.startsWith('custom: '),
      genTime: check.genTime,
      coversSeq: ts.covers.seq,
      file: path!,
    });
  }
}

/** Tokens over manifest.json's SHA-256 (made after signing, so outside the manifest): the whole bundle's time. */
async function checkManifestStamps(
  files: Record<string, Uint8Array>,
  stampFiles: Set<string>,
  result: VerifyResult,
): Promise<void> {
  if (!stampFiles.size) return;
  const indexPath = `${MANIFEST_STAMPS_PREFIX}index.json`;
  const index = parseJson(files[indexPath], indexPath, StampIndexSchema, result.problems) ?? [];
  const listedFiles = new Set(index.map((s) => s.file));
  for (const f of stampFiles) {
    if (f !== indexPath && !listedFiles.has(f)) result.problems.push(`${f}: not listed in ${indexPath}`);
  }
  const { verifyTimeStampToken } = await loadVerifier();
  const pinned = await builtinRoots();
  const digest = hexBytes(await sha256Hex(files[MANIFEST_PATH]!));
  for (const s of index) {
    const token = files[s.file];
    if (!token || !s.file.startsWith(MANIFEST_STAMPS_PREFIX)) {
      result.problems.push(`${indexPath}: lists ${s.file}, which is not in the bundle`);
      continue;
    }
    const custom = s.rootPem ? [{ name: `custom: ${s.authority}`, pem: s.rootPem }] : [];
    const check = await verifyTimeStampToken(token, { digest, roots: [...pinned, ...custom] });
    if (!check.ok) {
      result.problems.push(`${s.file}: ${check.reason}`);
      continue;
    }
    result.trustedTimes.push({
      authority: s.authority,
      tsa: check.tsa,
      root: check.root,
      custom: check.root.startsWith('custom: '),
      genTime: check.genTime,
      coversSeq: null,
      file: s.file,
    });
  }
}

const HEX64_G = /[0-9a-f]{64}/g;

/**
 * The texts say what ticket.json and the chain say: each .md is ticket.json's text; every 64-hex value in a text
 * or the report is the key, a record of the chain or a carried file; the chain head a text names is that record;
 * the report states the key, the head, the order and every cited file's hash.
 */
function checkTexts(
  files: Record<string, Uint8Array>,
  chain: readonly ChainEntry[],
  ticket: Ticket | null,
  fingerprint: string | null,
  result: VerifyResult,
): void {
  const { problems } = result;
  if (!ticket) return;
  const known = new Set<string>(fingerprint ? [fingerprint] : []);
  const hashBySeq = new Map<number, string>();
  for (const e of chain) {
    known.add(e.recordHash);
    hashBySeq.set(e.seq, e.recordHash);
    if (isFull(e)) {
      known.add(e.sha256);
      if (e.contentSha256) known.add(e.contentSha256);
      if (e.prevHash) known.add(e.prevHash);
    }
  }
  const dec = new TextDecoder();
  for (const lang of ['zh-CN', 'en'] as const) {
    const path = `ticket.${lang}.md`;
    const data = files[path];
    if (!data) continue;
    const text = dec.decode(data);
    const declared = ticket.text[lang];
    if (declared !== undefined && text.replace(/\n$/, '') !== declared.replace(/\n$/, '')) {
      problems.push(`${path}: does not say what ticket.json's ${lang} text says`);
    }
    for (const hex of new Set(text.match(HEX64_G) ?? [])) {
      if (!known.has(hex)) problems.push(`${path}: names ${hex}, which is neither the signing key nor in the chain`);
    }
    for (const m of text.matchAll(/#(\d+)\D{1,40}?([0-9a-f]{64})/g)) {
      const seq = Number(m[1]);
      if (hashBySeq.has(seq) && hashBySeq.get(seq) !== m[2])
        problems.push(`${path}: says record #${seq} is ${m[2]}, the chain says ${hashBySeq.get(seq)}`);
    }
  }
  const report = files['report.html'] ? dec.decode(files['report.html']) : null;
  if (report === null) return;
  const need: [string, string][] = [];
  if (fingerprint) need.push(['the signing key fingerprint', fingerprint]);
  if (result.chain?.head) need.push(['the chain head', result.chain.head.recordHash]);
  if (ticket.orderId) need.push(['the order id', escapeHtml(ticket.orderId)]);
  const fullById = new Map(chain.filter(isFull).map((r) => [r.id, r]));
  const deleted = new Set([...fullById.values()].filter((r) => r.kind === 'deletion').map((r) => r.deletes));
  for (const id of ticket.evidenceIds) {
    const r = fullById.get(id);
    if (r && hasFile(r) && !deleted.has(id)) need.push([`the SHA-256 of ${id}`, r.sha256]);
  }
  for (const [what, value] of need) {
    if (!report.includes(value)) problems.push(`report.html: does not state ${what} (${value})`);
  }
  for (const hex of new Set(report.match(HEX64_G) ?? [])) {
    if (!known.has(hex)) problems.push(`report.html: names ${hex}, which is neither the signing key nor in the chain`);
  }
}

/**
 * First pass over the central directory without inflating anything: paths, duplicates, count and
 * declared sizes. Returns the problem sentence, or null when the archive may be inflated.
 */
function listEntries(zip: Uint8Array): string | null {
  const seen = new Set<string>();
  let total = 0;
  let problem: string | null = null;
  try {
    unzipSync(zip, {
      filter: (f) => {
        if (problem) return false;
        if (seen.size >= BUNDLE_LIMITS.maxEntries) problem = `zip has more than ${BUNDLE_LIMITS.maxEntries} entries`;
        else if (!isSafeZipPath(f.name.replace(/\/$/, ''))) problem = `unsafe path in zip: ${JSON.stringify(f.name)}`;
        else if (seen.has(f.name)) problem = `zip lists ${JSON.stringify(f.name)} twice`;
        else if (f.originalSize > BUNDLE_LIMITS.maxEntryBytes)
          problem = `${f.name}: declared size ${f.originalSize} bytes is over the ${BUNDLE_LIMITS.maxEntryBytes}-byte limit`;
        else if ((total += f.originalSize) > BUNDLE_LIMITS.maxTotalBytes)
          problem = `zip declares more than ${BUNDLE_LIMITS.maxTotalBytes} bytes in total`;
        else if (f.compression !== 0 && f.compression !== 8)
          problem = `${f.name}: unsupported compression method ${f.compression}`;
        seen.add(f.name);
        return false;
      },
    });
  } catch (e) {
    return `not a zip archive: ${e instanceof Error ? e.message : String(e)}`;
  }
  return problem;
}

function parseJson<T>(data: Uint8Array | undefined, path: string, schema: z.ZodType<T>, problems: string[]): T | null {
  if (!data) {
    if (path === MANIFEST_PATH) problems.push(`${path}: missing`);
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    problems.push(`${path}: not valid JSON`);
    return null;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    problems.push(
      `${path}: does not match the ${BUNDLE_FORMAT} format (${parsed.error.issues[0]?.message ?? 'invalid'})`,
    );
    return null;
  }
  return parsed.data;
}

async function checkSignature(
  files: Record<string, Uint8Array>,
  problems: string[],
): Promise<{ signature: VerifyResult['signature']; fingerprint: string | null }> {
  const manifest = files[MANIFEST_PATH];
  const raw = files[SIGNATURE_PATH];
  if (!raw) {
    problems.push(`${SIGNATURE_PATH}: missing, the bundle is unsigned`);
    return { signature: 'missing', fingerprint: null };
  }
  const sig = parseJson(raw, SIGNATURE_PATH, SignatureSchema, problems);
  if (!sig) return { signature: 'invalid', fingerprint: null };
  const fingerprint = await keyFingerprint(sig.publicKey);
  if (sig.keyFingerprint !== undefined && sig.keyFingerprint !== fingerprint) {
    problems.push(`${SIGNATURE_PATH}: names fingerprint ${sig.keyFingerprint}, but its key's is ${fingerprint}`);
  }
  if (!manifest) return { signature: 'invalid', fingerprint };
  if (sig.alg !== SIGNATURE_ALG) {
    problems.push(`${SIGNATURE_PATH}: unsupported algorithm ${JSON.stringify(sig.alg)}`);
    return { signature: 'invalid', fingerprint };
  }
  if (await verifyBytes(sig.publicKey, manifest, sig.signature)) return { signature: 'valid', fingerprint };
  problems.push(`${SIGNATURE_PATH}: signature does not match ${MANIFEST_PATH} and the bundled public key`);
  return { signature: 'invalid', fingerprint };
}

/** Each file hashed at most once, however many checks ask (manifest, evidence index). */
function hashOnce(files: Record<string, Uint8Array>): (path: string) => Promise<string> {
  const hashes = new Map<string, Promise<string>>();
  return (path) => {
    let hash = hashes.get(path);
    if (!hash) {
      hash = sha256Hex(files[path]!);
      hash.catch(() => undefined); // awaited by whoever asked; never an unhandled rejection meanwhile
      hashes.set(path, hash);
    }
    return hash;
  };
}

async function compareFiles(
  entries: ManifestEntry[],
  files: Record<string, Uint8Array>,
  hashOf: (path: string) => Promise<string>,
  problems: string[],
  outside: ReadonlySet<string>,
): Promise<VerifyResult['files']> {
  const out: VerifyResult['files'] = [];
  const listed = new Set<string>();
  // Every hash at once (WebCrypto runs them off the main thread), then the report in manifest order.
  const hashes = await Promise.all(
    entries.map((entry) => (files[entry.path]?.length === entry.bytes ? hashOf(entry.path) : null)),
  );
  entries.forEach((entry, i) => {
    listed.add(entry.path);
    if (!files[entry.path]) {
      problems.push(`${entry.path}: listed in the manifest but missing from the bundle`);
      out.push({ path: entry.path, status: 'missing' });
      return;
    }
    const same = hashes[i] === entry.sha256;
    if (!same) problems.push(`${entry.path}: SHA-256 differs from manifest`);
    out.push({ path: entry.path, status: same ? 'ok' : 'changed' });
  });
  for (const path of Object.keys(files).sort()) {
    if (path === MANIFEST_PATH || path === SIGNATURE_PATH || listed.has(path) || outside.has(path)) continue;
    problems.push(`${path}: not listed in the manifest`);
    out.push({ path, status: 'extra' });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Each evidence file must hash to what its own record says, and the records must chain. */
async function checkEvidenceIndex(
  files: Record<string, Uint8Array>,
  hashOf: (path: string) => Promise<string>,
  problems: string[],
): Promise<void> {
  const path = 'evidence/index.json';
  if (!files[path]) return;
  const index = parseJson(files[path], path, z.array(IndexEntrySchema), problems);
  if (!index) return;
  for (const entry of index) {
    // The record as sealed is the entry without the bundle's `file`: recompute its hash under its own rule.
    const { file: _file, ...record } = entry;
    const parsed = EvidenceSchema.safeParse(record);
    if (parsed.success) {
      const r = parsed.data;
      const ok =
        r.fieldsHash === undefined
          ? (await recordHashOf((({ recordHash: _r, ...rest }) => rest)(r))) === r.recordHash
          : (await fieldsHashOf(r)) === r.fieldsHash;
      if (!ok) problems.push(`evidence record ${entry.id}: its fields do not hash to its record hash (record changed)`);
    } else problems.push(`evidence record ${entry.id}: not a valid evidence record`);
    if (entry.file === null) continue; // a deletion record: metadata only
    const data = files[entry.file];
    if (!data) continue; // reported by the manifest check when listed, as extra otherwise
    if ((await hashOf(entry.file)) !== entry.sha256) {
      problems.push(`${entry.file}: SHA-256 differs from its evidence record ${entry.id}`);
    }
  }
  const bySeq = index.filter((e) => typeof e.seq === 'number').sort((a, b) => a.seq! - b.seq!);
  for (let i = 1; i < bySeq.length; i++) {
    const prev = bySeq[i - 1]!;
    const cur = bySeq[i]!;
    if (cur.seq === prev.seq! + 1 && cur.prevHash !== prev.recordHash) {
      problems.push(`evidence record ${cur.id}: prevHash does not match record ${prev.id} (hash chain broken)`);
    }
  }
}
