/** 1. The content script, gzipped: what every shop page pays to download and parse. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Row } from './types';
import { budgeted, CHROME_BUILD, round, runInRepo } from './util';

const BUDGET_KB = 15;

export async function measureBundleSize(): Promise<Row[]> {
  const file = resolve(CHROME_BUILD, 'content-scripts/content.js');
  if (!existsSync(file) || process.env.BENCH_REBUILD) runInRepo('npx', ['wxt', 'build']);
  const raw = readFileSync(file);
  const gz = gzipSync(raw, { level: 9 });
  return [
    budgeted('content script size (gzip)', round(gz.length / 1024, 1), 'KB', BUDGET_KB, {
      note: `${round(raw.length / 1024, 1)} KB raw`,
      detail: { file: '.output/chrome-mv3/content-scripts/content.js', rawBytes: raw.length, gzipBytes: gz.length },
    }),
  ];
}
