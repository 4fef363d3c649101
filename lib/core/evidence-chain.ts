/**
 * The evidence hash chain. Two rules, both verified forever:
 *
 * - Rule 1 (chains begun before December 2026): `recordHash = SHA-256(canonical JSON of every field but itself)`.
 *   A record cannot travel without its content.
 * - Rule 2: `fieldsHash = SHA-256(canonical JSON of every field but prevHash, fieldsHash, recordHash)` and
 *   `recordHash = SHA-256(prevHash ‖ fieldsHash)` over the 32 raw bytes of each (a first record's prevHash is
 *   32 zero bytes). A record outside a complaint travels reduced to `{seq, prevHash, fieldsHash, recordHash}`:
 *   its link still recomputes, its content stays in the browser.
 *
 * A rule-2 chain starts with a `chain-start` record holding the install's public key and fingerprint; an older
 * chain switches rule at a `chain-rule` record that pins the key the same way. After it, no rule-1 record may
 * follow, times never go backwards, and `seq` has no gap.
 */
import type { Evidence, EvidenceKind } from './model';
import { canonicalJson, sha256Hex } from './hash';

export type EvidenceDraft = Omit<Evidence, 'id' | 'seq' | 'prevHash' | 'fieldsHash' | 'recordHash'>;

/** A record outside a complaint, as a bundle carries it. Rule-1 records reduce without `fieldsHash`. */
export interface ReducedRecord {
  seq: number;
  prevHash: string | null;
  fieldsHash?: string;
  recordHash: string;
}

export type ChainEntry = Evidence | ReducedRecord;

/** Records that are the chain's own bookkeeping: no file, no page. */
export const CHAIN_ONLY_KINDS: ReadonlySet<EvidenceKind> = new Set([
  'deletion',
  'chain-start',
  'chain-rule',
  'restore',
]);

/**
 * Records about an order that have no file: an order the shopper typed in (its `sha256` is the hash of the stored
 * snapshot's canonical JSON, not of bytes kept beside the record).
 */
export const NO_FILE_KINDS: ReadonlySet<EvidenceKind> = new Set([...CHAIN_ONLY_KINDS, 'order-entry']);

/** A record whose bytes are stored (a screenshot, an archive, an attachment, a time-stamp token). */
export function hasFile(record: Pick<Evidence, 'kind'>): boolean {
  return !NO_FILE_KINDS.has(record.kind);
}

/** Evidence a shopper shows: a file about a page or an order (not a token, not bookkeeping). */
export function isShopEvidence(record: Pick<Evidence, 'kind'>): boolean {
  return hasFile(record) && record.kind !== 'timestamp';
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const CHAIN_MIME = 'application/x-shopwitness-chain';

export function isFull(entry: ChainEntry): entry is Evidence {
  return typeof (entry as Evidence).id === 'string' && typeof (entry as Evidence).kind === 'string';
}

export function ruleOf(entry: ChainEntry): 1 | 2 {
  return entry.fieldsHash === undefined ? 1 : 2;
}

/** Rule 1's hash: every field but recordHash. */
export function recordHashOf(record: Omit<Evidence, 'recordHash'>): Promise<string> {
  return sha256Hex(canonicalJson(record));
}

export function fieldsHashOf(record: Omit<Evidence, 'prevHash' | 'fieldsHash' | 'recordHash'>): Promise<string> {
  const { prevHash: _p, fieldsHash: _f, recordHash: _r, ...fields } = record as Evidence;
  return sha256Hex(canonicalJson(fields));
}

function hexBytes(hex: string, into: Uint8Array, at: number): void {
  for (let i = 0; i < 32; i++) into[at + i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
}

/** Rule 2's link: SHA-256 over the 64 raw bytes prevHash ‖ fieldsHash (zeros for the first record). */
export function linkHash(prevHash: string | null, fieldsHash: string): Promise<string> {
  const buf = new Uint8Array(64);
  if (prevHash) hexBytes(prevHash, buf, 0);
  hexBytes(fieldsHash, buf, 32);
  return sha256Hex(buf);
}

/** Seals a draft onto the end of the chain, always under rule 2. */
export async function sealRecord(draft: EvidenceDraft, id: string, last: ChainEntry | null): Promise<Evidence> {
  const unsealed = { ...draft, id, seq: last ? last.seq + 1 : 0 };
  const prevHash = last ? last.recordHash : null;
  const fieldsHash = await fieldsHashOf(unsealed);
  return { ...unsealed, prevHash, fieldsHash, recordHash: await linkHash(prevHash, fieldsHash) };
}

/** What a record outside the complaint becomes in a bundle. */
export function reduceRecord(record: ChainEntry): ReducedRecord {
  return {
    seq: record.seq,
    prevHash: record.prevHash,
    ...(record.fieldsHash !== undefined ? { fieldsHash: record.fieldsHash } : {}),
    recordHash: record.recordHash,
  };
}

export interface ChainProblem {
  evidenceId: string;
  reason: string;
}

/** The chain's check (`evidence/verify`, DESIGN.md public contracts): ok when nothing is wrong. */
export interface EvidenceVerifyResult {
  ok: boolean;
  records: number;
  problems: ChainProblem[];
}

export interface ChainFacts {
  problems: ChainProblem[];
  /** The newest record. */
  head: { seq: number; recordHash: string } | null;
  /** The key the chain pins (its chain-start or chain-rule record), if any. */
  key: { fingerprint: string; seq: number; previousFingerprint?: string } | null;
  /** Seq of the record where rule 2 starts (0 for a chain born under it); null for a rule-1-only chain. */
  rule2From: number | null;
  /** Records whose hash was recomputed from their content, and reduced ones whose link was recomputed. */
  recomputed: number;
  reducedRecomputed: number;
  /** Reduced rule-1 records: linked to their neighbours, but their own hash cannot be recomputed. */
  linkedOnly: number;
}

const HEX64 = /^[0-9a-f]{64}$/;

function nameOf(entry: ChainEntry): string {
  return isFull(entry) ? entry.id : `#${entry.seq}`;
}

/**
 * Walks entries (full or reduced) in sequence order and recomputes every hash it can: fields, links, rule
 * changes, the pinned key's fingerprint, time order. Pure; the caller checks files and signatures.
 * `fingerprintOf` computes a JWK's fingerprint (lib/core/signing.ts keyFingerprint), passed in to keep this pure.
 */
export async function checkChain(
  entries: readonly ChainEntry[],
  fingerprintOf: (jwk: JsonWebKey) => Promise<string>,
): Promise<ChainFacts> {
  const problems: ChainProblem[] = [];
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const facts: ChainFacts = {
    problems,
    head: null,
    key: null,
    rule2From: null,
    recomputed: 0,
    reducedRecomputed: 0,
    linkedOnly: 0,
  };
  let prev: ChainEntry | null = null;
  let lastTime: { at: number; name: string } | null = null;
  let restoring: { at: number; name: string; last: { at: number; name: string } | null } | null = null;
  for (const entry of sorted) {
    const name = nameOf(entry);
    const bad = (reason: string) => problems.push({ evidenceId: name, reason });
    const expectedSeq = prev ? prev.seq + 1 : 0;
    if (entry.seq !== expectedSeq) bad(`gap in the chain: expected record #${expectedSeq}, found #${entry.seq}`);
    if (entry.prevHash !== (prev ? prev.recordHash : null))
      bad(`chain broken at #${entry.seq}: its previous-record hash does not match record #${prev ? prev.seq : '—'}`);
    const rule = ruleOf(entry);
    if (rule === 2) {
      if (!HEX64.test(entry.fieldsHash ?? '')) bad(`record #${entry.seq}: fields hash is not 64 hex digits`);
      else {
        if (isFull(entry)) {
          if ((await fieldsHashOf(entry)) !== entry.fieldsHash)
            bad(`record changed: the fields of #${entry.seq} do not hash to its fields hash`);
          else facts.recomputed++;
        }
        if ((await linkHash(entry.prevHash, entry.fieldsHash!)) !== entry.recordHash)
          bad(`record hash of #${entry.seq} is not SHA-256(prevHash ‖ fieldsHash)`);
        else if (!isFull(entry)) facts.reducedRecomputed++;
      }
      if (facts.rule2From === null) {
        facts.rule2From = entry.seq;
        const wanted = entry.seq === 0 ? 'chain-start' : 'chain-rule';
        if (!isFull(entry)) bad(`record #${entry.seq} starts rule 2 but is reduced: its key cannot be read`);
        else if (entry.kind !== wanted)
          bad(`record #${entry.seq} starts rule 2 but is a ${entry.kind} record, not a ${wanted} record`);
        else if (!entry.publicKey || !entry.keyFingerprint) bad(`${wanted} record #${entry.seq} names no key`);
        else if ((await fingerprintOf(entry.publicKey)) !== entry.keyFingerprint)
          bad(`${wanted} record #${entry.seq}: its key fingerprint is not the fingerprint of its key`);
        else
          facts.key = {
            fingerprint: entry.keyFingerprint,
            seq: entry.seq,
            ...(entry.previousKeyFingerprint ? { previousFingerprint: entry.previousKeyFingerprint } : {}),
          };
      } else if (isFull(entry) && (entry.kind === 'chain-start' || entry.kind === 'chain-rule')) {
        bad(`a second ${entry.kind} record at #${entry.seq}: a chain pins one key`);
      }
    } else {
      if (facts.rule2From !== null) bad(`record #${entry.seq} uses the old rule after the chain moved to rule 2`);
      if (isFull(entry)) {
        const { recordHash, ...rest } = entry;
        if ((await recordHashOf(rest)) !== recordHash)
          bad(`record changed: the fields of #${entry.seq} do not match its record hash`);
        else facts.recomputed++;
      } else facts.linkedOnly++;
    }
    if (isFull(entry) && facts.rule2From !== null) {
      if (entry.restoredFrom) {
        // Restored records keep their own times: in order among themselves, none after the restore.
        if (!restoring) bad(`record #${entry.seq} says it was restored, but no restore record comes before it`);
        else {
          if (entry.capturedAt > restoring.at)
            bad(`restored record #${entry.seq} is dated after the restore at ${restoring.name}`);
          if (restoring.last && entry.capturedAt < restoring.last.at)
            bad(`time goes backwards: restored record #${entry.seq} is dated before ${restoring.last.name}`);
          restoring.last = { at: entry.capturedAt, name: `#${entry.seq}` };
        }
      } else {
        if (lastTime && entry.capturedAt < lastTime.at)
          bad(`time goes backwards: #${entry.seq} is dated before ${lastTime.name}`);
        lastTime = { at: entry.capturedAt, name: `#${entry.seq}` };
        restoring = entry.kind === 'restore' ? { at: entry.capturedAt, name: `#${entry.seq}`, last: null } : null;
      }
    } else if (!isFull(entry)) {
      // A reduced record's time is not known: a restored segment cannot be followed across it.
      if (restoring !== null) restoring.last = null;
    }
    prev = entry;
  }
  if (prev) facts.head = { seq: prev.seq, recordHash: prev.recordHash };
  return facts;
}

/**
 * Checks the stored chain in sequence order, and each record's bytes against its SHA-256.
 * `bytesOf` returns the stored bytes of a record, or null when they are gone.
 */
export async function verifyChain(
  records: readonly Evidence[],
  bytesOf: (id: string) => Promise<Uint8Array | null>,
  fingerprintOf: (jwk: JsonWebKey) => Promise<string>,
): Promise<EvidenceVerifyResult> {
  const facts = await checkChain(records, fingerprintOf);
  const problems = facts.problems;
  const deleted = new Set(records.filter((r) => r.kind === 'deletion' && r.deletes).map((r) => r.deletes as string));
  for (const record of [...records].sort((a, b) => a.seq - b.seq)) {
    if (!hasFile(record) || deleted.has(record.id)) continue;
    const bytes = await bytesOf(record.id);
    if (!bytes) problems.push({ evidenceId: record.id, reason: 'file missing' });
    else if (bytes.byteLength !== record.bytes || (await sha256Hex(bytes)) !== record.sha256) {
      problems.push({ evidenceId: record.id, reason: 'file changed: SHA-256 of the stored bytes does not match' });
    }
  }
  return { ok: problems.length === 0, records: records.length, problems };
}
