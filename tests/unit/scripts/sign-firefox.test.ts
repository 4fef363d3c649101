// @vitest-environment node
/** `npm run sign:firefox` (scripts/sign-firefox.ts): keys only from the environment, update_url only when asked. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { UserManifest } from 'wxt';

const ROOT = join(__dirname, '..', '..', '..');

type ManifestFn = (env: { browser: string; mode: string; manifestVersion: number }) => UserManifest;

async function firefoxManifest(): Promise<UserManifest> {
  const config = (await import('../../../wxt.config')).default as { manifest: ManifestFn };
  return config.manifest({ browser: 'firefox', mode: 'production', manifestVersion: 3 });
}

describe('sign:firefox', () => {
  it('refuses without AMO keys and says where to get them (exit 2, nothing built)', () => {
    const env = { ...process.env };
    delete env.AMO_JWT_ISSUER;
    delete env.AMO_JWT_SECRET;
    const r = spawnSync('npx', ['tsx', 'scripts/sign-firefox.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('AMO_JWT_ISSUER');
    expect(r.stderr).toContain('https://addons.mozilla.org/developers/addon/api/key/');
  }, 60_000);

  it('builds update_url into the Firefox manifest only when SHOPWITNESS_UPDATE_URL is set', async () => {
    const gecko = (m: UserManifest) =>
      (m as { browser_specific_settings?: { gecko?: Record<string, unknown> } }).browser_specific_settings?.gecko;
    delete process.env.SHOPWITNESS_UPDATE_URL;
    expect(gecko(await firefoxManifest())).not.toHaveProperty('update_url');
    process.env.SHOPWITNESS_UPDATE_URL = 'https://example.org/shopwitness/updates.json';
    try {
      expect(gecko(await firefoxManifest())?.update_url).toBe('https://example.org/shopwitness/updates.json');
    } finally {
      delete process.env.SHOPWITNESS_UPDATE_URL;
    }
  });
});
