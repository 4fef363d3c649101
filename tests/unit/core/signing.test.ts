import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportPublicJwk, generateSigningKey, keyFingerprint } from '@/lib/core/signing';

describe('keyFingerprint', () => {
  it('is the RFC 7638 thumbprint: SHA-256 of {"crv","kty","x","y"} without spaces, whatever else the JWK holds', async () => {
    const jwk = await exportPublicJwk(await generateSigningKey());
    const expected = createHash('sha256')
      .update(`{"crv":"P-256","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`)
      .digest('hex');
    expect(await keyFingerprint(jwk)).toBe(expected);
    expect(await keyFingerprint({ ...jwk, ext: true, key_ops: ['verify'] })).toBe(expected);
  });

  it('differs between two installs', async () => {
    const a = await exportPublicJwk(await generateSigningKey());
    const b = await exportPublicJwk(await generateSigningKey());
    expect(await keyFingerprint(a)).not.toBe(await keyFingerprint(b));
  });
});
