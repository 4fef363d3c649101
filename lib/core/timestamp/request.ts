/**
 * The RFC 3161 TimeStampReq, hand-built: a fixed DER template needs no ASN.1 library, so the code that asks for a
 * stamp stays tiny and the worker loads pkijs only to check the answer (verify.ts).
 *
 *   TimeStampReq ::= SEQUENCE {                                  30 43
 *     version        INTEGER { v1(1) },                          02 01 01
 *     messageImprint SEQUENCE {                                  30 31
 *       hashAlgorithm AlgorithmIdentifier { sha256, NULL },      30 0d 06 09 608648016503040201 05 00
 *       hashedMessage OCTET STRING (32) },                       04 20 <digest>
 *     nonce          INTEGER (8 bytes, positive, no padding),    02 08 <nonce>
 *     certReq        BOOLEAN TRUE }                              01 01 ff
 *
 * certReq is always true: without the TSA's certificate in the reply a stored token cannot be verified alone.
 * No reqPolicy: the TSA's default policy is what it names in the token.
 */

const HEAD = [0x30, 0x43, 0x02, 0x01, 0x01, 0x30, 0x31, 0x30, 0x0d, 0x06, 0x09];
const SHA256_OID = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
const NULL_PARAMS = [0x05, 0x00];
const IMPRINT_TAG = [0x04, 0x20];
const NONCE_TAG = [0x02, 0x08];
const CERT_REQ = [0x01, 0x01, 0xff];

export const DIGEST_LENGTH = 32;
export const NONCE_LENGTH = 8;

/**
 * The nonce as it travels: a DER INTEGER is signed and minimal, so its first byte is forced into 0x01..0x7f
 * (positive, no leading zero to strip, no 0x00 pad a TSA would add). 63 random bits remain.
 */
export function normaliseNonce(nonce: Uint8Array): Uint8Array {
  if (nonce.length !== NONCE_LENGTH) throw new RangeError(`a nonce is ${NONCE_LENGTH} bytes, got ${nonce.length}`);
  const out = new Uint8Array(nonce);
  out[0] = (out[0] as number) & 0x7f || 0x01;
  return out;
}

/** 8 random bytes (crypto.getRandomValues: a worker, a page and Node 20 all have it), already normalised. */
export function newNonce(): Uint8Array {
  return normaliseNonce(crypto.getRandomValues(new Uint8Array(NONCE_LENGTH)));
}

/**
 * DER TimeStampReq for a SHA-256 digest. The nonce's first byte is normalised as above; keep the result of
 * `normaliseNonce(nonce)` (or make nonces with `newNonce()`) to compare against the reply. The result is backed by a
 * plain ArrayBuffer, so it can be a `fetch` body as it is.
 */
export function buildTimeStampRequest(digest: Uint8Array, nonce: Uint8Array): Uint8Array<ArrayBuffer> {
  if (digest.length !== DIGEST_LENGTH) throw new RangeError(`a SHA-256 digest is 32 bytes, got ${digest.length}`);
  return Uint8Array.from([
    ...HEAD,
    ...SHA256_OID,
    ...NULL_PARAMS,
    ...IMPRINT_TAG,
    ...digest,
    ...NONCE_TAG,
    ...normaliseNonce(nonce),
    ...CERT_REQ,
  ]);
}
