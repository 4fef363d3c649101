/**
 * The evidence bundle `shopwitness-bundle/1` (DESIGN.md "Evidence bundle"), after WACZ: every file
 * hashed into manifest.json, the manifest signed (ECDSA P-256) with the install's key, the public key
 * bundled. Pure: runs in the MV3 service worker, the options page and Node (`npm run verify`).
 * zipSync/unzipSync only: fflate's async zip needs Workers, which an MV3 service worker lacks.
 * Speed (`npm run bench` builds one of 50 screenshots against its budget): every file is hashed once (the evidence
 * hashes checked against their records are the manifest's), hashes run concurrently (WebCrypto works off
 * the main thread), and media that is already compressed is stored, not deflated again — including
 * report.html, which is mostly base64 of those same JPEGs (it stays self-contained, as DESIGN.md says).
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { TicketSchema, type Evidence, type Ticket } from './model';
import { exportPublicJwk, sha256Hex, signBytes, verifyBytes } from './signing';
import { zonedParts } from '../tickets/format';
import { renderReport, type ReportEvidence } from '../tickets/report-html';

export const BUNDLE_FORMAT = 'shopwitness-bundle/1';
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
  evidence: { record: Evidence; data: Uint8Array }[];
  timeline?: { at: number; text: string }[];
  signingKey: CryptoKeyPair;
  now?: number;
  generator?: string;
  /** Zone for report.html dates; Asia/Shanghai by default. */
  timeZone?: string;
}

export interface ManifestEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  created: string;
  generator: string;
  files: ManifestEntry[];
}

export type FileStatus = 'ok' | 'changed' | 'missing' | 'extra';

export interface VerifyResult {
  ok: boolean;
  files: { path: string; status: FileStatus }[];
  signature: 'valid' | 'invalid' | 'missing';
  problems: string[];
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

export async function buildBundle(input: BundleInput): Promise<Uint8Array> {
  const key = input.signingKey;
  if (!key?.privateKey || !key?.publicKey) {
    throw new BundleError('buildBundle: a signing key pair is required; bundles are never unsigned');
  }
  const now = input.now ?? Date.now();
  const generator = input.generator ?? DEFAULT_GENERATOR;
  const ticket = TicketSchema.parse(input.ticket);
  // A deletion record has no file: it goes in the index (the chain shows the gap) but not on disk.
  const deletions = input.evidence.filter((e) => e.record.kind === 'deletion').map((e) => e.record);
  const evidence = await placeEvidence(input.evidence.filter((e) => e.record.kind !== 'deletion'));
  const files = new Map<string, Uint8Array>();
  files.set('ticket.json', json(ticket));
  files.set('ticket.zh-CN.md', utf8(withNewline(input.texts['zh-CN'])));
  files.set('ticket.en.md', utf8(withNewline(input.texts.en)));
  const index = [
    ...evidence.map((e) => ({ ...e.record, file: e.path as string | null })),
    ...deletions.map((r) => ({ ...r, file: null })),
  ].sort((a, b) => a.seq - b.seq);
  files.set('evidence/index.json', json(index));
  // placeEvidence checked each file against its record's hash: that hash goes in the manifest as is.
  const known = new Map<string, string>();
  for (const e of evidence) {
    files.set(e.path, e.data);
    known.set(e.path, e.record.sha256);
  }
  const report = renderReport({
    ticket,
    texts: input.texts,
    evidence,
    created: now,
    generator,
    ...(input.timeline ? { timeline: input.timeline } : {}),
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
  });
  files.set('report.html', utf8(report));
  return signAndZip(files, key, { now, generator, known });
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
  options: { now: number; generator: string; known?: ReadonlyMap<string, string> },
): Promise<Uint8Array> {
  const paths = [...files.keys()].filter((p) => p !== MANIFEST_PATH && p !== SIGNATURE_PATH).sort();
  for (const path of paths) {
    if (!isSafeZipPath(path)) throw new BundleError(`unsafe path in bundle: ${JSON.stringify(path)}`);
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
  };
  const manifestBytes = json(manifest);
  const signature = {
    alg: SIGNATURE_ALG,
    signature: await signBytes(key.privateKey, manifestBytes),
    publicKey: await exportPublicJwk(key.publicKey),
  };
  // Zip timestamps cannot predate 1980; a fixed mtime keeps the archive reproducible.
  const mtime = new Date(Math.max(options.now, Date.UTC(1980, 0, 2)));
  const zippable: Zippable = {};
  zippable[MANIFEST_PATH] = [manifestBytes, { mtime }];
  zippable[SIGNATURE_PATH] = [json(signature), { mtime }];
  for (const path of paths) zippable[path] = [files.get(path)!, { mtime, level: zipLevel(path) }];
  return zipSync(zippable);
}

// ---------------------------------------------------------------- verify

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

const ManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  created: z.string(),
  generator: z.string(),
  files: z.array(z.object({ path: z.string(), sha256: Hex64, bytes: z.number().int().nonnegative() })),
});

const SignatureSchema = z.object({
  alg: z.string(),
  signature: z.string(),
  publicKey: z.object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string() }).loose(),
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

function failed(problem: string): VerifyResult {
  return { ok: false, files: [], signature: 'missing', problems: [problem] };
}

/** Never throws: anything unreadable or hostile becomes ok:false with a sentence saying why. */
export async function verifyBundle(zip: Uint8Array): Promise<VerifyResult> {
  try {
    return await verifyUnchecked(zip);
  } catch (e) {
    return failed(`bundle could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function verifyUnchecked(zip: Uint8Array): Promise<VerifyResult> {
  if (!ArrayBuffer.isView(zip) || zip.byteLength < 22) return failed('not a zip archive: too short');
  const bytes = new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength);
  const listed = listEntries(bytes);
  if (typeof listed === 'string') return failed(listed);
  const files = unzipSync(bytes, { filter: (f) => !f.name.endsWith('/') });
  const names = Object.keys(files);
  if (!files[MANIFEST_PATH] && !files[SIGNATURE_PATH]) {
    // Some other zip (a backup, an archive of something else): one sentence, not a problem per file.
    const sample = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
    return failed(
      `not a ShopWitness evidence bundle: it has no manifest.json (it holds ${names.length} file${names.length === 1 ? '' : 's'}${names.length ? `: ${sample}` : ''})`,
    );
  }
  const problems: string[] = [];
  const signature = await checkSignature(files, problems);
  const manifest = parseJson(files[MANIFEST_PATH], MANIFEST_PATH, ManifestSchema, problems);
  const hashOf = hashOnce(files);
  const statuses = await compareFiles(manifest?.files ?? [], files, hashOf, problems);
  if (manifest) await checkEvidenceIndex(files, hashOf, problems);
  if (manifest && files['ticket.json']) parseJson(files['ticket.json'], 'ticket.json', TicketSchema, problems);
  const ok = problems.length === 0 && signature === 'valid' && statuses.every((s) => s.status === 'ok');
  return { ok, files: statuses, signature, problems };
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
): Promise<VerifyResult['signature']> {
  const manifest = files[MANIFEST_PATH];
  const raw = files[SIGNATURE_PATH];
  if (!raw) {
    problems.push(`${SIGNATURE_PATH}: missing, the bundle is unsigned`);
    return 'missing';
  }
  const sig = parseJson(raw, SIGNATURE_PATH, SignatureSchema, problems);
  if (!sig || !manifest) return 'invalid';
  if (sig.alg !== SIGNATURE_ALG) {
    problems.push(`${SIGNATURE_PATH}: unsupported algorithm ${JSON.stringify(sig.alg)}`);
    return 'invalid';
  }
  if (await verifyBytes(sig.publicKey, manifest, sig.signature)) return 'valid';
  problems.push(`${SIGNATURE_PATH}: signature does not match ${MANIFEST_PATH} and the bundled public key`);
  return 'invalid';
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
    if (path === MANIFEST_PATH || path === SIGNATURE_PATH || listed.has(path)) continue;
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
