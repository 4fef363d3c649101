/**
 * The pin that ends every complaint text (lib/tickets/facts.ts ChainPin): the install's signing key by its
 * SHA-256 fingerprint, and the evidence chain's newest record (highest `seq`) with its record hash.
 * Undefined while the chain is empty: there is nothing to pin yet, and no key is made for it.
 */
import type { Evidence } from '../core/model';
import { lastEvidence, type DB } from './db';
import { signingKey } from './keystore';
import { exportPublicJwk, keyFingerprint } from '../core/signing';
import type { ChainPin } from '../tickets/facts';

/**
 * `records`, when the caller already read the evidence store, gives the head from that same read: a text then
 * never cites a record newer than the head it names.
 */
export async function chainPin(d: DB, records?: readonly Evidence[]): Promise<ChainPin | undefined> {
  const head = records ? newest(records) : await lastEvidence(d);
  if (!head) return undefined;
  // The same key exportBundle signs with, so the fingerprint in the text is the one the bundle names.
  const key = await signingKey(d);
  return {
    keyFingerprint: await keyFingerprint(await exportPublicJwk(key.publicKey)),
    headSeq: head.seq,
    headHash: head.recordHash,
  };
}

function newest(records: readonly Evidence[]): Evidence | null {
  let head: Evidence | null = null;
  for (const r of records) if (!head || r.seq > head.seq) head = r;
  return head;
}
