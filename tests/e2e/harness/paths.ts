import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CHROME_EXT = resolve(ROOT, '.output/chrome-mv3-test');
export const FIREFOX_EXT = resolve(ROOT, '.output/firefox-mv3-test');
/** The release builds, as a shopper installs them (no test messages, no permission granted in advance). */
export const CHROME_RELEASE = resolve(ROOT, '.output/chrome-mv3');
export const FIREFOX_RELEASE = resolve(ROOT, '.output/firefox-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'shopwitness@shopwitness.example';

export function fixture(name: string): string {
  return readFileSync(resolve(ROOT, 'tests/fixtures', name), 'utf8');
}

/**
 * Real-browser tests may be skipped only outside CI. Under CI=true a missing browser or build fails
 * the run (.ci/run installs both browsers).
 */
export function browserAvailable(exe: string, extDir: string): boolean {
  const ok = existsSync(exe) && existsSync(resolve(extDir, 'manifest.json'));
  if (!ok && process.env.CI) {
    throw new Error(
      `CI=true but ${existsSync(exe) ? `the test build ${extDir}` : exe} is missing: run npm run build:test and install the browser`,
    );
  }
  return ok;
}

export async function waitFor<T>(
  fn: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
