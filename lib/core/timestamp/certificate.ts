/**
 * A custom authority's root certificate, read fully with pkijs before `settings/save` stores it: a PEM that only
 * looks like a certificate (settings.ts checks the outer DER shape) must not become the root a token is checked
 * against. pkijs: the worker and the verifier only (eslint zones), like verify.ts.
 */
import * as asn1js from 'asn1js';
import { Certificate } from 'pkijs';
import { sha256Hex } from '../hash';
import { pemCertificates } from './pem';

export type RootCertificateInfo =
  | {
      ok: true;
      /** The subject's CN (or the whole subject). */
      subject: string;
      notBefore: number;
      notAfter: number;
      /** SHA-256 of the DER, hex: what `openssl x509 -fingerprint -sha256` prints, without colons. */
      fingerprint: string;
    }
  | { ok: false; reason: string };

/** Never throws. */
export async function readRootCertificate(pem: string): Promise<RootCertificateInfo> {
  const certs = pemCertificates(pem);
  if (certs.length !== 1) return { ok: false, reason: `expected one PEM certificate, found ${certs.length}` };
  const der = certs[0] as Uint8Array;
  try {
    const { offset, result } = asn1js.fromBER(der);
    if (offset === -1 || result.error || offset !== der.length) return { ok: false, reason: 'not valid DER' };
    const cert = new Certificate({ schema: result });
    const tv = cert.subject.typesAndValues;
    const cn = tv.find((t) => t.type === '2.5.4.3');
    const subject = cn
      ? String(cn.value.valueBlock.value)
      : tv.map((t) => String(t.value.valueBlock.value)).join(', ') || '(no subject)';
    return {
      ok: true,
      subject,
      notBefore: cert.notBefore.value.getTime(),
      notAfter: cert.notAfter.value.getTime(),
      fingerprint: await sha256Hex(der),
    };
  } catch (e) {
    return { ok: false, reason: `not an X.509 certificate (${e instanceof Error ? e.message : String(e)})` };
  }
}
