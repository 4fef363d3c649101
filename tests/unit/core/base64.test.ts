/** The fast base64 encoder gives exactly the standard encoding (the bundle's report and backups use it). */
import fc from 'fast-check';
import { base64ToBytes, bytesToBase64 } from '@/lib/core/signing';

describe('bytesToBase64', () => {
  it('matches the standard encoding and round-trips, for every length and byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const b64 = bytesToBase64(bytes);
        expect(b64).toBe(Buffer.from(bytes).toString('base64'));
        expect(base64ToBytes(b64)).toEqual(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('handles the padding cases and an empty input', () => {
    expect(bytesToBase64(new Uint8Array())).toBe('');
    expect(bytesToBase64(new TextEncoder().encode('f'))).toBe('Zg==');
    expect(bytesToBase64(new TextEncoder().encode('fo'))).toBe('Zm8=');
    expect(bytesToBase64(new TextEncoder().encode('foo'))).toBe('Zm9v');
  });
});
