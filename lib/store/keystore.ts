/**
 * The install's ECDSA P-256 signing key, made once and kept in IndexedDB (CryptoKey objects are
 * structured-cloneable; the private key is not extractable, so it never leaves this browser).
 * "Delete all" removes it with the chain it pinned; the next chain starts with a new key.
 */
import type { DB } from './db';
import { getMeta } from './db';
import { META } from './meta';
import { generateSigningKey } from '../core/signing';

export async function signingKey(d: DB): Promise<CryptoKeyPair> {
  const existing = await getMeta(d, META.signingKey);
  if (existing?.privateKey && existing.publicKey) return existing;
  const made = await generateSigningKey();
  // The worker and an extension page may both get here: the first write wins, in one transaction that only
  // awaits IndexedDB requests, and everyone uses the stored key (the chain pins exactly one).
  const tx = d.transaction('meta', 'readwrite', { durability: 'strict' });
  const stored = (await tx.store.get(META.signingKey))?.value as CryptoKeyPair | undefined;
  const pair = stored?.privateKey && stored.publicKey ? stored : made;
  if (pair === made) await tx.store.put({ key: META.signingKey, value: made });
  await tx.done;
  return pair;
}
