/**
 * The content scripts, gzipped: what a shop page pays to download and parse. There is one script
 * per shop family (manifest content_scripts); a page loads the one whose matches cover it, so the
 * budget judges the largest, and the note lists every script. A first stage (lib/content/first-stage/runner.ts) counts
 * with its full runner, which the background injects into the pages the first stage cannot read:
 * such a page pays both. Scripts injected on demand beside a runner (the price picker on a shopper's gesture, the
 * schema.org reader where an order or parcel page has such data: build/speed.md) are listed in the note, not judged:
 * a page that needs one pays it on top of its script.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FIRST_STAGES } from '../lib/core/hosts';
import type { Row } from './types';
import { budgeted, CHROME_BUILD, round, runInRepo } from './util';

const BUDGET_KB = 15;

interface ManifestScript {
  matches?: string[];
  js?: string[];
}

/** Every JS file the manifest injects into pages, with the match patterns that load it. */
function contentScripts(): { file: string; matches: string[] }[] {
  const manifest = JSON.parse(readFileSync(resolve(CHROME_BUILD, 'manifest.json'), 'utf8')) as {
    content_scripts?: ManifestScript[];
  };
  return (manifest.content_scripts ?? []).flatMap((s) =>
    (s.js ?? []).map((file) => ({ file, matches: s.matches ?? [] })),
  );
}

export async function measureBundleSize(): Promise<Row[]> {
  if (!existsSync(resolve(CHROME_BUILD, 'manifest.json')) || process.env.BENCH_REBUILD)
    runInRepo('npx', ['wxt', 'build']);
  const scripts = contentScripts().map((s) => {
    const full = FIRST_STAGES[s.file.replace(/^content-scripts\/|\.js$/g, '')];
    const raw = readFileSync(resolve(CHROME_BUILD, s.file));
    const withFull = full
      ? Buffer.concat([raw, readFileSync(resolve(CHROME_BUILD, `content-scripts/${full}.js`))])
      : raw;
    // Gzipped one by one (two downloads), the pair's sum when a full runner follows.
    const gzipBytes =
      gzipSync(raw, { level: 9 }).length + (full ? gzipSync(withFull.subarray(raw.length), { level: 9 }).length : 0);
    return { ...s, file: full ? `${s.file} + ${full}.js` : s.file, rawBytes: withFull.length, gzipBytes };
  });
  if (scripts.length === 0) throw new Error('the manifest injects no content script');
  scripts.sort((a, b) => b.gzipBytes - a.gzipBytes);
  const largest = scripts[0] as (typeof scripts)[number];
  const kb = (b: number) => round(b / 1024, 1);
  // In the build but neither in the manifest nor a first stage's full runner: injected on demand.
  const counted = new Set([
    ...contentScripts().map((s) => s.file),
    ...Object.values(FIRST_STAGES).map((f) => `content-scripts/${f}.js`),
  ]);
  const onDemand = readdirSync(resolve(CHROME_BUILD, 'content-scripts'))
    .map((f) => `content-scripts/${f}`)
    .filter((f) => f.endsWith('.js') && !counted.has(f))
    .map((f) => ({ file: f, gzipBytes: gzipSync(readFileSync(resolve(CHROME_BUILD, f)), { level: 9 }).length }));
  return [
    budgeted('content script size (gzip)', kb(largest.gzipBytes), 'KB', BUDGET_KB, {
      note: `largest of ${scripts.length}: ${scripts.map((s) => `${s.file.replace(/^content-scripts\//, '')} ${kb(s.gzipBytes)}`).join(', ')} KB gzip; ${kb(largest.rawBytes)} KB raw${onDemand.length ? `; injected on demand: ${onDemand.map((s) => `${s.file.replace(/^content-scripts\//, '')} ${kb(s.gzipBytes)}`).join(', ')} KB gzip` : ''}`,
      detail: {
        scripts: scripts.map((s) => ({
          file: `.output/chrome-mv3/${s.file}`,
          matches: s.matches,
          rawBytes: s.rawBytes,
          gzipBytes: s.gzipBytes,
        })),
        onDemand: onDemand.map((s) => ({
          file: `.output/chrome-mv3/${s.file}`,
          gzipBytes: s.gzipBytes,
        })),
      },
    }),
  ];
}
