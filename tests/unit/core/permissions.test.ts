// @vitest-environment node
/** lib/core/permissions.ts explains exactly what the release manifest asks for, in each browser. */
import type { UserManifest } from 'wxt';
import { PERMISSIONS, type Browser } from '@/lib/core/permissions';
import { SHOP_MATCHES } from '@/lib/core/hosts';
import { translator } from '@/lib/core/i18n';

type ManifestFn = (env: { browser: string; mode: string; manifestVersion: number }) => UserManifest;

async function manifest(browser: Browser): Promise<UserManifest> {
  const config = (await import('../../../wxt.config')).default as { manifest: ManifestFn };
  return config.manifest({ browser, mode: 'production', manifestVersion: 3 });
}

describe.each(['chrome', 'firefox'] as const)('permissions in %s', (browser) => {
  it('every permission asked for at install or optionally has a note, and every note is asked for', async () => {
    const m = await manifest(browser);
    const asked = [
      ...(m.permissions ?? []).map((p) => `install:${String(p)}`),
      ...((m as { optional_permissions?: string[] }).optional_permissions ?? []).map((p) => `optional:${p}`),
      ...((m as { optional_host_permissions?: string[] }).optional_host_permissions ?? []).map((p) => `optional:${p}`),
    ].sort();
    const noted = PERMISSIONS.filter((p) => p.browsers.includes(browser) && p.name !== 'shop hosts')
      .map((p) => `${p.when}:${p.name}`)
      .sort();
    expect(noted).toEqual(asked);
    expect(m.host_permissions).toEqual(SHOP_MATCHES);
  });

  it('every note has a reason in both languages, and a warning text where the browser shows one', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = translator(lang);
      for (const p of PERMISSIONS.filter((x) => x.browsers.includes(browser))) {
        expect(t(p.why), p.name).not.toBe(p.why);
        const w = p.warning?.[browser];
        if (w) expect(t(w), p.name).not.toBe(w);
      }
    }
  });
});

describe('trusted time', () => {
  it('lists each built-in time-stamping authority’s origin as optional, never asked at install', async () => {
    const { BUILTIN_TSA, originPatterns } = await import('@/lib/core/timestamp/settings');
    const noted = PERMISSIONS.filter((p) => p.why === 'permWhyTsa');
    expect(noted.map((p) => p.name)).toEqual(originPatterns(BUILTIN_TSA));
    expect(noted.every((p) => p.when === 'optional' && p.kind === 'host')).toBe(true);
    for (const browser of ['chrome', 'firefox'] as const) {
      const m = (await manifest(browser)) as { optional_host_permissions?: string[]; host_permissions?: string[] };
      expect(m.optional_host_permissions).toEqual(['<all_urls>', ...originPatterns(BUILTIN_TSA)]);
      expect(m.host_permissions).toEqual(SHOP_MATCHES);
    }
  });

  it('Firefox: extension pages keep the default policy without upgrade-insecure-requests (http-only TSAs)', async () => {
    type Csp = { content_security_policy?: { extension_pages?: string } };
    const firefox = (await manifest('firefox')) as Csp;
    expect(firefox.content_security_policy).toEqual({ extension_pages: "script-src 'self'" });
    expect((await manifest('chrome')) as Csp).not.toHaveProperty('content_security_policy');
  });
});
