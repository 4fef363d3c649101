/**
 * Trusted time's settings, the part every context reads: which authorities are built in (names and URLs only; their
 * pinned roots are in roots.ts, which only the worker and the verifier load), the default choice, the host permission
 * an authority needs, and a library-free check that a custom authority's root is one DER certificate.
 *
 * No zod, no pkijs, no PEM of ours: the popup and the options page import this.
 */
import { pemCertificates } from './pem';

export interface AuthoritySetting {
  name: string;
  url: string;
  /** A custom authority's root certificate (PEM). Absent for a built-in one: its roots are pinned in code. */
  rootPem?: string;
}

/** The built-in authorities as settings name them (same ids, names and URLs as roots.ts BUILTIN_AUTHORITIES). */
export const BUILTIN_TSA: readonly { id: string; name: string; url: string }[] = [
  { id: 'freetsa', name: 'FreeTSA', url: 'https://freetsa.org/tsr' },
  { id: 'digicert', name: 'DigiCert', url: 'http://timestamp.digicert.com' },
  { id: 'sectigo', name: 'Sectigo', url: 'http://timestamp.sectigo.com' },
];

/**
 * Asked by default: two, so one outage or one distrusted root does not leave the shopper bare. FreeTSA and DigiCert:
 * two operators, two roots, one https and one http endpoint.
 */
export const DEFAULT_AUTHORITIES: readonly AuthoritySetting[] = [
  { name: 'FreeTSA', url: 'https://freetsa.org/tsr' },
  { name: 'DigiCert', url: 'http://timestamp.digicert.com' },
];

export const DEFAULT_INTERVAL_MINUTES = 10;
export const MAX_AUTHORITIES = 6;
/**
 * A root certificate's PEM, at most. Settings live in storage.sync, which keeps at most 8 KB per item: a 4096-bit
 * RSA root is ~2.9 KB of PEM, so two custom roots fit beside everything else.
 */
export const MAX_ROOT_PEM = 6000;

/** A token whose TSA time differs from the local clock at request by more than this raises the clock warning. */
export const CLOCK_WARN_MS = 2 * 60_000;

/** Built-in: no root of its own, and a URL of a built-in authority. */
export function isBuiltin(a: AuthoritySetting): boolean {
  return a.rootPem === undefined && BUILTIN_TSA.some((b) => b.url === a.url);
}

/** An http(s) URL with a host and no credentials or fragment: what a TSA endpoint may be. */
export function isTsaUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    (u.protocol === 'https:' || u.protocol === 'http:') &&
    u.hostname !== '' &&
    u.username === '' &&
    u.password === '' &&
    u.hash === '' &&
    !url.includes('#')
  );
}

/**
 * The host permission an authority's URL needs: `<scheme>://<host>/*`. No port: match patterns in Firefox cannot
 * carry one, and a pattern without one matches every port in both browsers.
 */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

/** The distinct host permissions a list of authorities needs. */
export function originPatterns(authorities: readonly AuthoritySetting[]): string[] {
  return [...new Set(authorities.filter((a) => isTsaUrl(a.url)).map((a) => originPattern(a.url)))];
}

/** DER: the tag/length header at `at` → [content start, content end], or null when it does not fit in `end`. */
function tlv(der: Uint8Array, at: number, end: number, tag: number): [number, number] | null {
  if (at + 2 > end || der[at] !== tag) return null;
  let len = der[at + 1] as number;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 3 || start + n > end) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | (der[start + i] as number);
    start += n;
  }
  return start + len <= end ? [start, start + len] : null;
}

/**
 * One X.509 certificate's outer shape, without a library: SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm
 * SEQUENCE, signature BIT STRING }, each length exact. The worker parses it fully (certificate.ts) before it is saved.
 */
export function isCertificateDer(der: Uint8Array): boolean {
  const outer = tlv(der, 0, der.length, 0x30);
  if (!outer || outer[1] !== der.length) return false;
  const tbs = tlv(der, outer[0], outer[1], 0x30);
  const alg = tbs && tlv(der, tbs[1], outer[1], 0x30);
  const sig = alg && tlv(der, alg[1], outer[1], 0x03);
  return !!sig && sig[1] === outer[1];
}

/** The PEM holds exactly one certificate of that shape. */
export function isCertificatePem(pem: string): boolean {
  const certs = pemCertificates(pem);
  return certs.length === 1 && isCertificateDer(certs[0] as Uint8Array);
}

/** One certificate as canonical PEM (64-column base64, nothing around it): what settings store. */
export function canonicalPem(pem: string): string {
  const m = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(pem);
  if (!m) return pem.trim();
  const b64 = (m[1] as string).replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
}
