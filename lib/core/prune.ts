/**
 * The `evidence/prune` request's note and its reply: the options page asks (lib/pages/options-connector.ts),
 * the background prunes (lib/background/prune.ts).
 */

/** The note each deletion record of a prune carries: where the bytes went. */
export function pruneNote(archive: { fileName: string; sha256: string } | null): string {
  return archive
    ? `已归档到 ${archive.fileName}（SHA-256 ${archive.sha256}）后删除 / pruned after archiving to ${archive.fileName}`
    : '未归档，经两次确认后删除 / pruned without an archive, confirmed twice';
}

export type PruneError = 'not-found' | 'not-order-evidence' | 'open-order' | 'write-failed';

export type PruneResult =
  | { ok: true; deleted: number; skipped: number; freedBytes: number }
  | { ok: false; error: PruneError; detail: string; deleted: number; freedBytes: number };
