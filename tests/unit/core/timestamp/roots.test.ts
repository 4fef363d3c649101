// @vitest-environment node
/**
 * Every built-in root is one readable, self-signed CA certificate whose SHA-256 fingerprint is the one recorded in
 * lib/core/timestamp/roots.ts (where each came from is written there), as both pkijs and openssl read it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { Certificate } from 'pkijs';
import { pemCertificates } from '@/lib/core/timestamp/pem';
import { BUILTIN_AUTHORITIES } from '@/lib/core/timestamp/roots';

/** Fingerprints as recorded with the PEMs: `openssl x509 -noout -fingerprint -sha256`. */
const FINGERPRINTS: Record<string, string> = {
  'FreeTSA Root CA': 'a6379e7cecc05faa3cbf076013d745e327bbbaa38c0b9af22469d4701d18aabc',
  'DigiCert Trusted Root G4': '552f7bdcf1a7af9e6ce672017f4f12abf77240c78e761ac203d1d9d20ac89988',
  'DigiCert Assured ID Root CA': '3e9099b5015e8f486c00bcea9d111ee721faba355a89bcf1df69561e3dc6325c',
  'USERTrust RSA Certification Authority': 'e793c9b02fd8aa13e21c31228accb08119643b749c898964b1746d46c3d4cbd2',
};

const roots = BUILTIN_AUTHORITIES.flatMap((a) => a.roots.map((r) => ({ authority: a.id, ...r })));

describe('built-in authorities', () => {
  it('are FreeTSA, DigiCert and Sectigo at their public endpoints (MeSign left out: no authentic root to pin)', () => {
    expect(BUILTIN_AUTHORITIES.map((a) => [a.id, a.url])).toEqual([
      ['freetsa', 'https://freetsa.org/tsr'],
      ['digicert', 'http://timestamp.digicert.com'],
      ['sectigo', 'http://timestamp.sectigo.com'],
    ]);
  });

  it('pin every root whose fingerprint is recorded, and no other', () => {
    expect(roots.map((r) => r.name).sort()).toEqual(Object.keys(FINGERPRINTS).sort());
  });

  it.each(roots)('$authority: $name has its recorded fingerprint and is a self-signed CA', async ({ name, pem }) => {
    const ders = pemCertificates(pem);
    expect(ders).toHaveLength(1);
    const der = ders[0]!;
    expect(createHash('sha256').update(der).digest('hex')).toBe(FINGERPRINTS[name]);
    const openssl = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], {
      input: pem,
      encoding: 'utf8',
    });
    expect(openssl.trim().split('=')[1]!.replaceAll(':', '').toLowerCase()).toBe(FINGERPRINTS[name]);

    const cert = Certificate.fromBER(new Uint8Array(der));
    expect(cert.subject.isEqual(cert.issuer)).toBe(true);
    expect(await cert.verify()).toBe(true);
    const cn = cert.subject.typesAndValues.find((t) => t.type === '2.5.4.3')?.value.valueBlock.value;
    expect(cn).toBe(name === 'FreeTSA Root CA' ? 'www.freetsa.org' : name);
    // Still valid for years: a root that expires soon would silently stop verifying new tokens.
    expect(cert.notAfter.value.getTime()).toBeGreaterThan(Date.UTC(2030, 0, 1));
  });
});
