/**
 * Firefox for Android runs the one Firefox build: every API the built scripts call is either on Android (per
 * @mdn/browser-compat-data) or behind a feature check (build/android-compat.ts). Reads the release build.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unguardedApis } from '../../build/android-compat';

const OUT = join(__dirname, '../../.output/firefox-mv3');

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? scripts(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
}

describe('the Firefox build on Android', () => {
  const built = existsSync(join(OUT, 'manifest.json'));
  if (!built && !process.env.CI) {
    it.skip('needs `npm run build:firefox` first', () => {});
    return;
  }

  it('declares gecko_android with the version data_collection_permissions needs', () => {
    const manifest = JSON.parse(readFileSync(join(OUT, 'manifest.json'), 'utf8')) as {
      browser_specific_settings?: { gecko_android?: { strict_min_version?: string } };
    };
    expect(
      Number.parseFloat(manifest.browser_specific_settings?.gecko_android?.strict_min_version ?? '0'),
    ).toBeGreaterThanOrEqual(142);
  });

  it('calls no API Android lacks without a feature check', () => {
    const files = scripts(OUT);
    expect(files.length).toBeGreaterThan(5);
    const problems = files.flatMap((f) => unguardedApis(readFileSync(f, 'utf8'), f.slice(OUT.length + 1)));
    expect(problems.map((p) => `${p.file}: ${p.api} (${p.missing}) …${p.excerpt}…`)).toEqual([]);
  });
});
