/**
 * The pin at the end of every complaint text, read from the store: the signing key's fingerprint and the record
 * with the highest seq, in full.
 */
import { getMeta, openDatabase } from '@/lib/store/db';
import { appendEvidence } from '@/lib/store/evidence-store';
import { chainPin } from '@/lib/store/chain-pin';
import { signingKey } from '@/lib/store/keystore';
import { META } from '@/lib/store/meta';
import { exportPublicJwk, keyFingerprint, sha256Hex } from '@/lib/core/signing';

let n = 0;
const append = async (d: Awaited<ReturnType<typeof openDatabase>>, i: number) => {
  const data = new Uint8Array([i, 9, i]);
  return appendEvidence(
    d,
    {
      kind: 'price-screenshot',
      capturedAt: 1000 + i,
      url: 'https://item.jd.com/1.html',
      mime: 'image/jpeg',
      bytes: data.byteLength,
      sha256: await sha256Hex(data),
    },
    data,
  );
};

describe('chainPin', () => {
  it('is undefined while the chain is empty, and makes no key for it', async () => {
    const d = await openDatabase(`chain-pin-${n++}`);
    expect(await chainPin(d)).toBeUndefined();
    expect(await getMeta(d, META.signingKey)).toBeUndefined();
  });

  it('names the signing key by its full fingerprint and the newest record by seq and record hash', async () => {
    const d = await openDatabase(`chain-pin-${n++}`);
    const records = [];
    for (let i = 0; i < 3; i++) records.push(await append(d, i));
    const pin = await chainPin(d);
    const key = await signingKey(d);
    expect(pin).toEqual({
      keyFingerprint: await keyFingerprint(await exportPublicJwk(key.publicKey)),
      headSeq: 3, // #0 is the chain's start, which pins this same key
      headHash: records[2]!.recordHash,
    });
    expect(pin!.keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(pin!.headHash).toMatch(/^[0-9a-f]{64}$/);
    // The key is the install's: the same on every read.
    expect((await chainPin(d))!.keyFingerprint).toBe(pin!.keyFingerprint);
  });

  it('takes the head from the records the caller read, so it covers every record the text cites', async () => {
    const d = await openDatabase(`chain-pin-${n++}`);
    const read = [await append(d, 0), await append(d, 1)];
    await append(d, 2); // lands after the caller's read
    expect((await chainPin(d, [...read].reverse()))!.headSeq).toBe(2);
    expect((await chainPin(d, read))!.headHash).toBe(read[1]!.recordHash);
    expect(await chainPin(d, [])).toBeUndefined();
  });
});
