/** PEM ⇄ DER for certificates, with no library (the roots are stored as PEM text so a reader can check them). */
import { base64ToBytes } from '../signing';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g;

/** Every certificate in a PEM text, in order, as DER. Text outside the blocks is ignored; a bad block is skipped. */
export function pemCertificates(pem: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of pem.matchAll(PEM_BLOCK)) {
    const der = base64ToBytes((m[1] as string).replace(/\s+/g, ''));
    if (der && der.length > 0) out.push(der);
  }
  return out;
}
