/**
 * Firefox for Android runs the one Firefox build: every API the built scripts call is either on Android (per
 * @mdn/browser-compat-data) or behind a feature check (build/android-compat.ts). Reads the release build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unguardedApis } from '../../build/android-compat';

const OUT = join(__dirname, '../../.output/firefox-mv3');

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? scripts(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
}

describe('the Firefox build on Android', () => {
  // It reads the release build, which `npm test` makes before the browser tests; run alone without it, it makes it.
  beforeAll(() => {
    if (existsSync(join(OUT, 'manifest.json'))) return;
    const r = spawnSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], {
      cwd: join(__dirname, '../..'),
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`npm run build:firefox failed: ${r.stderr || r.stdout}`);
  }, 180_000);

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

  it('passes web-ext lint (what AMO runs): no errors, and only the two known warnings from libraries', () => {
    const r = spawnSync('npx', ['web-ext', 'lint', '--source-dir', OUT, '--self-hosted', '--output', 'json'], {
      encoding: 'utf8',
      timeout: 100_000,
    });
    const report = JSON.parse(r.stdout) as {
      errors: { code: string; file?: string }[];
      warnings: { code: string; file?: string }[];
    };
    expect(report.errors).toEqual([]);
    // Zod's probe `new Function('')` (never reached: the model sets jitless) and Preact's dangerouslySetInnerHTML
    // branch (never used: our code writes no HTML). Anything else is ours and fails here.
    const known = (w: { code: string; file?: string }) =>
      (w.code === 'DANGEROUS_EVAL' && /^(chunks\/zod-[\w-]+|background)\.js$/.test(w.file ?? '')) ||
      (w.code === 'UNSAFE_VAR_ASSIGNMENT' && /^chunks\/[\w-]+\.js$/.test(w.file ?? ''));
    expect(report.warnings.filter((w) => !known(w))).toEqual([]);
  }, 120_000);
});
