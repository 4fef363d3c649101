import type { Evidence } from './model';
import { canonicalJson, sha256Hex } from './hash';

export type EvidenceDraft = Omit<Evidence, 'id' | 'seq' | 'prevHash' | 'recordHash'>;

/** The hash that the next record carries as `prevHash`: covers every field but itself. */
export function recordHashOf(record: Omit<Evidence, 'recordHash'>): Promise<string> {
  return sha256Hex(canonicalJson(record));
}

/** Seals a draft onto the end of the chain. */
export async function sealRecord(draft: EvidenceDraft, id: string, last: Evidence | null): Promise<Evidence> {
  const unsealed = { ...draft, id, seq: last ? last.seq + 1 : 0, prevHash: last ? last.recordHash : null };
  return { ...unsealed, recordHash: await recordHashOf(unsealed) };
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

/**
 * Checks the chain in sequence order, and each record's bytes against its SHA-256.
 * `bytesOf` returns the stored bytes of a record, or null when they are gone.
 */
export async function verifyChain(
  records: readonly Evidence[],
  bytesOf: (id: string) => Promise<Uint8Array | null>,
): Promise<EvidenceVerifyResult> {
  const problems: ChainProblem[] = [];
  const sorted = [...records].sort((a, b) => a.seq - b.seq);
  const deleted = new Set(sorted.filter((r) => r.kind === 'deletion' && r.deletes).map((r) => r.deletes as string));
  let prev: Evidence | null = null;
  for (const record of sorted) {
    const { recordHash, ...rest } = record;
    if ((await recordHashOf(rest)) !== recordHash) {
      problems.push({ evidenceId: record.id, reason: 'record changed: its fields do not match its record hash' });
    }
    const expectedSeq = prev ? prev.seq + 1 : 0;
    if (record.seq !== expectedSeq) {
      problems.push({
        evidenceId: record.id,
        reason: `gap in the chain: expected record #${expectedSeq}, found #${record.seq}`,
      });
    }
    const expectedPrev = prev ? prev.recordHash : null;
    if (record.prevHash !== expectedPrev) {
      problems.push({ evidenceId: record.id, reason: 'chain broken: previous-record hash does not match' });
    }
    if (record.kind !== 'deletion' && !deleted.has(record.id)) {
      const bytes = await bytesOf(record.id);
      if (!bytes) problems.push({ evidenceId: record.id, reason: 'file missing' });
      else if (bytes.byteLength !== record.bytes || (await sha256Hex(bytes)) !== record.sha256) {
        problems.push({ evidenceId: record.id, reason: 'file changed: SHA-256 of the stored bytes does not match' });
      }
    }
    prev = record;
  }
  return { ok: problems.length === 0, records: sorted.length, problems };
}
