import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Row } from './types';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The sample at fraction `q` of the sorted samples (nearest rank): 0.9 → the 90th percentile. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
}

export function max(xs: readonly number[]): number {
  return xs.reduce((m, x) => (x > m ? x : m), Number.NEGATIVE_INFINITY);
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export { int, rng } from './rng';

/** A row with a budget "≤ limit unit". */
export function budgeted(measure: string, value: number, unit: string, limit: number, extra: Partial<Row> = {}): Row {
  return { measure, value, unit, budget: `≤ ${limit} ${unit}`, ok: value <= limit, ...extra };
}

/**
 * A row comparing ours with a baseline measured in the same session (interleaved samples): the value
 * is the ratio of the medians, with both medians beside it. `limit` is the highest ratio allowed
 * (`budget` its text, e.g. '≤ 1.5×'); without it the row is informational.
 */
export function ratioRow(
  measure: string,
  ours: number,
  base: number,
  opts: { baseline: string; baselineAs: string; unit: string; limit?: number; budget?: string; digits?: number },
  extra: Partial<Row> = {},
): Row {
  const ratio = ours / base;
  const digits = opts.digits ?? 1;
  return {
    measure,
    value: round(ratio, 2),
    unit: '×',
    budget: opts.limit === undefined ? '—' : (opts.budget ?? `≤ ${opts.limit}×`),
    ok: opts.limit === undefined ? null : Number.isFinite(ratio) && ratio <= opts.limit,
    baseline: opts.baseline,
    ratio: round(ratio, 2),
    absolute: {
      ours: round(ours, digits),
      baseline: round(base, digits),
      unit: opts.unit,
      baselineAs: opts.baselineAs,
    },
    ...extra,
  };
}

export function info(measure: string, value: number, unit: string, extra: Partial<Row> = {}): Row {
  return { measure, value, unit, budget: '—', ok: null, ...extra };
}

export function notMeasured(measure: string, budget: string, reason: string): Row {
  return { measure, value: null, unit: '', budget, ok: null, note: `not measured: ${reason}` };
}

/** Runs an npm/npx command in the repo; throws with its stderr tail on failure. */
export function runInRepo(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout || '').slice(-400)}`);
}

export const CHROME_BUILD = resolve(ROOT, '.output/chrome-mv3');
export const CHROME_TEST_BUILD = resolve(ROOT, '.output/chrome-mv3-test');

/** The test build the real-browser measurements load; built once if missing. */
export function ensureTestBuild(): string {
  if (!existsSync(resolve(CHROME_TEST_BUILD, 'manifest.json'))) runInRepo('npx', ['wxt', 'build', '--mode', 'test']);
  return CHROME_TEST_BUILD;
}
