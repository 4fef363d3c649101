/**
 * The install's ECDSA P-256 signing key, made once and kept in IndexedDB (CryptoKey objects are
 * structured-cloneable; the private key is not extractable, so it never leaves this browser).
 */
import { getMeta, setMeta, type DB } from './db';
import { META } from './meta';
import { generateSigningKey } from '../core/signing';

export async function signingKey(d: DB): Promise<CryptoKeyPair> {
  const existing = await getMeta(d, META.signingKey);
  if (existing?.privateKey && existing.publicKey) return existing;
  const pair = await generateSigningKey();
  await setMeta(d, META.signingKey, pair);
  return pair;
}
