/**
 * `timestamp/digest`: tokens over a digest the caller names (a bundle's manifest at export), from every authority in
 * the settings, each verified before it is answered; nothing is chained or scheduled (lib/background/timestamping.ts).
 */
import { bytesToBase64 } from '../../core/signing';
import type { Handlers } from '../router';
import { stamper } from '../timestamping';

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export const timestampHandlers: Pick<Handlers, 'timestamp/digest'> = {
  'timestamp/digest': {
    from: 'page',
    changesData: false,
    async handle(m) {
      const { tokens, failures } = await stamper().stampDigest(hexBytes(m.digest));
      return {
        ok: true,
        tokens: tokens.map((t) => ({ ...t, token: bytesToBase64(t.token) })),
        failures,
      };
    },
  },
};
