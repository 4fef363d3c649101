/**
 * Prune the evidence of closed orders (issue 5 item 6, "Storage"), after lib/pages/archive.ts archived it.
 * Runs in the background (message `evidence/prune`), so its deletion records are appended by the same
 * writer as captures.
 *
 * Pruning goes through deleteEvidence (lib/store/evidence-store.ts): the bytes go, each record stays and a
 * deletion record naming it is appended, so the chain still verifies. It refuses the whole request,
 * deleting nothing, if any id is unknown, not an order's evidence, or belongs to an order that is not
 * closed (lib/store/storage-usage.ts). Ids already pruned are skipped, so repeating a request is harmless.
 * A failed write (a full disk) stops the run: whatever was not yet deleted is still there, intact.
 */
import type { DB } from '../store/db';
import { deleteEvidence } from '../store/evidence-store';
import type { PruneError, PruneResult } from '../core/messages';
import type { Evidence, Settings } from '../core/model';
import { loadOrderStates } from '../store/storage-usage';

/** The note each deletion record of a prune carries: where the bytes went. */
export function pruneNote(archive: { fileName: string; sha256: string } | null): string {
  return archive
    ? `已归档到 ${archive.fileName}（SHA-256 ${archive.sha256}）后删除 / pruned after archiving to ${archive.fileName}`
    : '未归档，经两次确认后删除 / pruned without an archive, confirmed twice';
}

export type { PruneError, PruneResult } from '../core/messages';

export interface PruneInput {
  ids: readonly string[];
  now: number;
  settings?: Partial<Settings>;
  note: string;
}

/** Deletes the bytes of closed orders' evidence, one deletion record each. Idempotent. */
export async function pruneEvidence(d: DB, input: PruneInput): Promise<PruneResult> {
  const states = await loadOrderStates(d, input.now, input.settings);
  const wanted = new Set(input.ids);
  const records = new Map<string, Evidence>();
  const deleted = new Set<string>();
  let cursor = await d.transaction('evidence').store.openCursor();
  while (cursor) {
    const e = cursor.value;
    if (e.kind === 'deletion' && e.deletes) deleted.add(e.deletes);
    if (wanted.has(e.id)) records.set(e.id, e);
    cursor = await cursor.continue();
  }
  const refuse = (error: PruneError, detail: string): PruneResult => ({
    ok: false,
    error,
    detail,
    deleted: 0,
    freedBytes: 0,
  });
  for (const id of wanted) {
    const e = records.get(id);
    if (!e) return refuse('not-found', id);
    const key = e.kind === 'deletion' ? null : states.keyOf(e);
    if (key === null) return refuse('not-order-evidence', id);
    if (!states.byKey.get(key)?.closed) return refuse('open-order', key);
  }
  let done = 0;
  let skipped = 0;
  let freedBytes = 0;
  for (const id of [...wanted].sort()) {
    const e = records.get(id) as Evidence;
    try {
      if (deleted.has(id)) {
        // Pruned before; if that run stopped between the record and the bytes, finish it now.
        if ((await d.getKey('blobs', id)) === undefined) {
          skipped++;
          continue;
        }
        const tx = d.transaction('blobs', 'readwrite', { durability: 'strict' });
        await tx.store.delete(id);
        await tx.done;
      } else {
        await deleteEvidence(d, id, input.now, input.note);
      }
      done++;
      freedBytes += e.bytes;
    } catch (err) {
      return {
        ok: false,
        error: 'write-failed',
        detail: err instanceof Error ? err.message : String(err),
        deleted: done,
        freedBytes,
      };
    }
  }
  return { ok: true, deleted: done, skipped, freedBytes };
}
