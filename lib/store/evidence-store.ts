/**
 * Appends evidence to the hash chain. Sealing needs async hashing, which would end an IndexedDB
 * transaction, so appends are serialised by an in-memory lock and the write re-checks that the chain
 * tail did not move (a second writer, e.g. another extension page, fails instead of forking the chain).
 */
import { getMeta, lastEvidence, putEvidence, type DB } from './db';
import {
  CHAIN_MIME,
  EMPTY_SHA256,
  hasFile,
  ruleOf,
  sealRecord,
  verifyChain,
  type EvidenceDraft,
} from '../core/evidence-chain';
import type { Evidence } from '../core/model';
import { exportPublicJwk, keyFingerprint } from '../core/signing';
import { signingKey } from './keystore';
import { META } from './meta';

let lock: Promise<unknown> = Promise.resolve();

/** Called after every append (the background rebuilds the popup's kept view, lib/store/popup-view.ts). */
let onAppended: (() => void) | null = null;
export function onEvidenceAppended(cb: (() => void) | null): void {
  onAppended = cb;
}

export function newId(at: number): string {
  const rand = crypto.getRandomValues(new Uint8Array(6));
  return `ev-${at.toString(36)}-${Array.from(rand, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Another extension page (the ticket page adding an attachment) can append while the worker does. */
const CONFLICT_RETRIES = 8;

function isConflict(e: unknown): boolean {
  return e instanceof Error && e.name === 'ConstraintError';
}

/**
 * The record that pins the install's key: `chain-start` for an empty store (naming the key of a chain that
 * "delete all" removed), `chain-rule` where a rule-1 chain continues under rule 2.
 */
async function keyRecord(d: DB, last: Evidence | null, at: number): Promise<EvidenceDraft> {
  const publicKey = await exportPublicJwk((await signingKey(d)).publicKey);
  const previous = last ? undefined : await getMeta(d, META.previousKeyFingerprint);
  return {
    kind: last ? 'chain-rule' : 'chain-start',
    capturedAt: Math.max(at, last?.capturedAt ?? 0),
    mime: CHAIN_MIME,
    bytes: 0,
    sha256: EMPTY_SHA256,
    publicKey: { kty: 'EC', crv: 'P-256', x: publicKey.x ?? '', y: publicKey.y ?? '' },
    keyFingerprint: await keyFingerprint(publicKey),
    ...(previous ? { previousKeyFingerprint: previous } : {}),
  };
}

/**
 * The sealed key record that must come after `last` before anything else is appended: a chain-start for an
 * empty chain, a chain-rule after a rule-1 record; null when the chain already pins the key.
 */
export async function pinAfter(d: DB, last: Evidence | null, at: number): Promise<Evidence | null> {
  if (last && ruleOf(last) === 2) return null;
  return sealRecord(await keyRecord(d, last, at), newId(at), last);
}

/**
 * A clock that went back (an NTP correction, a shopper's hand) would date a record before its predecessor:
 * the record keeps the chain's order and says how far behind the clock read.
 */
function inOrder(draft: EvidenceDraft, last: Evidence | null): EvidenceDraft {
  if (!last || draft.capturedAt >= last.capturedAt) return draft;
  return { ...draft, capturedAt: last.capturedAt, clockBehindMs: last.capturedAt - draft.capturedAt };
}

export function appendEvidence(d: DB, draft: EvidenceDraft, data: Uint8Array | null): Promise<Evidence> {
  const run = lock.then(async () => {
    for (let attempt = 0; ; attempt++) {
      let last = await lastEvidence(d);
      const pin = await pinAfter(d, last, draft.capturedAt);
      if (pin) {
        try {
          await putEvidence(d, pin, null);
        } catch (e) {
          if (!isConflict(e) || attempt >= CONFLICT_RETRIES) throw e;
          continue;
        }
        last = pin;
      }
      const record = await sealRecord(inOrder(draft, last), newId(draft.capturedAt), last);
      try {
        // bySeq is unique: a concurrent writer that sealed onto the same tail makes this add fail, and
        // nothing of it is stored; seal again onto the new tail instead of forking the chain.
        await putEvidence(d, record, data);
        onAppended?.();
        return record;
      } catch (e) {
        if (!isConflict(e) || attempt >= CONFLICT_RETRIES) throw e;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
      }
    }
  });
  lock = run.catch(() => undefined);
  return run;
}

/**
 * Makes sure the chain pins the install's key before it is exported: an older chain (rule 1) gets its chain-rule
 * record now. An empty chain stays empty. Serialised with appends.
 */
export function pinChain(d: DB, at: number): Promise<void> {
  const run = lock.then(async () => {
    const last = await lastEvidence(d);
    if (!last) return;
    const pin = await pinAfter(d, last, at);
    if (!pin) return;
    await putEvidence(d, pin, null);
    onAppended?.();
  });
  lock = run.catch(() => undefined);
  return run;
}

export async function verifyStoredEvidence(d: DB) {
  const records = await d.getAll('evidence');
  return verifyChain(records, async (id) => (await d.get('blobs', id))?.data ?? null, keyFingerprint);
}

export async function evidenceBytes(d: DB, id: string): Promise<{ data: Uint8Array; mime: string } | null> {
  const blob = await d.get('blobs', id);
  return blob ? { data: blob.data, mime: blob.mime } : null;
}

/**
 * Deleting evidence never leaves a silent gap: the bytes go, the record stays, and a deletion record
 * naming it is appended to the chain (who asked, when, why).
 */
export async function deleteEvidence(d: DB, id: string, at: number, note?: string): Promise<Evidence> {
  const target = await d.get('evidence', id);
  if (!target) throw new Error(`no evidence ${id}`);
  if (!hasFile(target) || target.kind === 'timestamp') throw new Error(`a ${target.kind} record cannot be deleted`);
  const record = await appendEvidence(
    d,
    {
      kind: 'deletion',
      capturedAt: at,
      deletes: id,
      mime: 'application/x-shopwitness-deletion',
      bytes: 0,
      sha256: EMPTY_SHA256,
      ...(note ? { note: note.slice(0, 2000) } : {}),
      ...(target.orderId ? { orderId: target.orderId } : {}),
    },
    null,
  );
  const tx = d.transaction('blobs', 'readwrite', { durability: 'strict' });
  await tx.store.delete(id);
  await tx.done;
  return record;
}
