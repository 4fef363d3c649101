// @vitest-environment node
/** lib/core/timestamp/settings.ts: the built-in list as settings name it, origins, and the library-free root check. */
import { readRootCertificate } from '@/lib/core/timestamp/certificate';
import { BUILTIN_AUTHORITIES } from '@/lib/core/timestamp/roots';
import {
  BUILTIN_TSA,
  DEFAULT_AUTHORITIES,
  canonicalPem,
  isBuiltin,
  isCertificatePem,
  isTsaUrl,
  originPattern,
  originPatterns,
} from '@/lib/core/timestamp/settings';
import { localPki } from '../../../e2e/harness/local-tsa';

it('names the same built-in authorities as the pinned roots, and asks two of them by default', () => {
  expect(BUILTIN_TSA).toEqual(BUILTIN_AUTHORITIES.map(({ id, name, url }) => ({ id, name, url })));
  expect(DEFAULT_AUTHORITIES).toHaveLength(2);
  expect(DEFAULT_AUTHORITIES.every(isBuiltin)).toBe(true);
  expect(isBuiltin({ name: 'DigiCert', url: 'http://timestamp.digicert.com', rootPem: 'x' })).toBe(false);
});

it.each([
  ['https://freetsa.org/tsr', true, 'https://freetsa.org/*'],
  ['http://timestamp.digicert.com', true, 'http://timestamp.digicert.com/*'],
  ['http://192.0.2.2:8080/tsr', true, 'http://192.0.2.2/*'],
  ['https://user:pw@tsa.example/tsr', false, null],
  ['https://tsa.example/tsr#x', false, null],
  ['ftp://tsa.example/', false, null],
  ['not a url', false, null],
])('%s: a TSA URL %s, permission %s', (url, ok, pattern) => {
  expect(isTsaUrl(url)).toBe(ok);
  if (pattern) expect(originPattern(url)).toBe(pattern);
});

it('asks one permission per origin', () => {
  expect(
    originPatterns([
      { name: 'a', url: 'https://tsa.example/a' },
      { name: 'b', url: 'https://tsa.example:8443/b' },
      { name: 'c', url: 'bad' },
    ]),
  ).toEqual(['https://tsa.example/*']);
});

it('accepts one certificate and nothing else, without a library; the worker reads it fully', async () => {
  const { rootPem, otherRootPem } = await localPki();
  expect(isCertificatePem(rootPem)).toBe(true);
  expect(isCertificatePem(`junk before\n${rootPem}\njunk after`)).toBe(true);
  expect(isCertificatePem(rootPem + otherRootPem)).toBe(false);
  expect(isCertificatePem(rootPem.replace(/[A-Za-z]{4}(?=\n-----END)/, 'AAAA'))).toBe(true); // shape only
  expect(isCertificatePem(rootPem.replace(/\n.{64}\n/, '\n'))).toBe(false); // a line gone: lengths do not add up
  expect(isCertificatePem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toBe(false);
  const canonical = canonicalPem(`  ${rootPem.replace(/\n/g, '\r\n')}  `);
  expect(canonical).toBe(rootPem);
  expect(await readRootCertificate(rootPem)).toMatchObject({ ok: true, subject: 'ShopWitness Test Root' });
});
