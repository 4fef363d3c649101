/**
 * A real evidence chain for tests that build bundles: #0 pins `key` (chain-start), then the given drafts sealed
 * in order, exactly as lib/store/evidence-store.ts appends them.
 */
import { CHAIN_MIME, EMPTY_SHA256, sealRecord, type EvidenceDraft } from '../../../lib/core/evidence-chain';
import type { Evidence } from '../../../lib/core/model';
import { exportPublicJwk, keyFingerprint } from '../../../lib/core/signing';

export async function sealedChain(
  key: CryptoKeyPair,
  drafts: (EvidenceDraft & { id: string })[],
  startAt = 0,
): Promise<Evidence[]> {
  const jwk = await exportPublicJwk(key.publicKey);
  const out: Evidence[] = [
    await sealRecord(
      {
        kind: 'chain-start',
        capturedAt: startAt,
        mime: CHAIN_MIME,
        bytes: 0,
        sha256: EMPTY_SHA256,
        publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
        keyFingerprint: await keyFingerprint(jwk),
      },
      'ev-chain-start',
      null,
    ),
  ];
  for (const { id, ...draft } of drafts) out.push(await sealRecord(draft, id, out[out.length - 1]!));
  return out;
}
