/**
 * ECDSA P-256 signing over WebCrypto, for the evidence bundle's manifest (DESIGN.md "Evidence bundle").
 * Pure: works the same in the MV3 service worker, the options page and Node 20 (`npm run verify`).
 * Signatures are base64 of the IEEE P1363 (r‖s, 64 bytes) form WebCrypto produces.
 */

const ALG = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_ALG = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** WebCrypto's types want an ArrayBuffer-backed view; a copy also detaches us from shared buffers. */
function own(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(data);
}

/**
 * A fresh install key. The private half is not extractable: the background keeps the CryptoKey object
 * in IndexedDB (structured clone), so the key material never exists as bytes anywhere we could leak it.
 * WebCrypto always makes the public half extractable.
 */
export async function generateSigningKey(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ALG, false, ['sign', 'verify']);
}

export async function signBytes(privateKey: CryptoKey, data: Uint8Array): Promise<string> {
  const sig = await crypto.subtle.sign(SIGN_ALG, privateKey, own(data));
  return bytesToBase64(new Uint8Array(sig));
}

/** Never throws: a malformed key or signature is simply "not verified". */
export async function verifyBytes(publicJwk: JsonWebKey, data: Uint8Array, sigB64: string): Promise<boolean> {
  try {
    if (publicJwk.kty !== 'EC' || publicJwk.crv !== 'P-256') return false;
    const jwk: JsonWebKey = { kty: 'EC', crv: 'P-256', x: publicJwk.x, y: publicJwk.y };
    const key = await crypto.subtle.importKey('jwk', jwk, ALG, true, ['verify']);
    const sig = base64ToBytes(sigB64);
    if (!sig) return false;
    return await crypto.subtle.verify(SIGN_ALG, key, own(sig), own(data));
  } catch {
    return false;
  }
}

/** Only the fields that define the key, so the same key always exports to the same JSON. */
export async function exportPublicJwk(key: CryptoKey | CryptoKeyPair): Promise<JsonWebKey> {
  const pub = 'publicKey' in key ? key.publicKey : key;
  const jwk = await crypto.subtle.exportKey('jwk', pub);
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

/**
 * The key's SHA-256 fingerprint: the RFC 7638 JWK thumbprint (SHA-256 over `{"crv","kty","x","y"}` in that
 * order, no spaces), as 64 lowercase hex. Anyone can recompute it from the bundled public key with any JSON
 * tool and `sha256sum`, and it names the key in every output, complaint text and chain's first record.
 */
export async function keyFingerprint(jwk: JsonWebKey): Promise<string> {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return sha256Hex(new TextEncoder().encode(canonical));
}

export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', own(data)));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Chunked so a multi-megabyte screenshot does not overflow String.fromCharCode's argument list. */
const B64 = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

/**
 * Standard base64 (with padding). Table-driven into a byte buffer: the bundle's report inlines every
 * screenshot, and String.fromCharCode + btoa was the slowest step of building a bundle.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = B64[v >> 18]!;
    out[o++] = B64[(v >> 12) & 63]!;
    out[o++] = B64[(v >> 6) & 63]!;
    out[o++] = B64[v & 63]!;
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | (i + 1 < n ? bytes[i + 1]! << 8 : 0);
    out[o++] = B64[v >> 18]!;
    out[o++] = B64[(v >> 12) & 63]!;
    out[o++] = i + 1 < n ? B64[(v >> 6) & 63]! : 61; // '='
    out[o++] = 61;
  }
  return new TextDecoder().decode(out);
}

/** Null instead of throwing on anything that is not base64. */
export function base64ToBytes(b64: string): Uint8Array | null {
  if (typeof b64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return null;
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
