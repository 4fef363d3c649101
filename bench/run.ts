/**
 * npm run bench: every measurement against its budget. Prints a table, writes
 * bench/results.json. A measurement that throws becomes an error row; the run goes on.
 * Env: BENCH_REBUILD=1 rebuilds .output/chrome-mv3 first; BENCH_VERBOSE=1 logs browser steps;
 * BENCH_ONLY=<text>[,<text>…] runs only the measurements whose name contains one of them
 * (e.g. BENCH_ONLY=format, BENCH_ONLY=evaluate,chromium; the browser group is 'real Chromium measurements').
 * In that group: BENCH_BROWSER=storage,content,popup picks parts; BENCH_LOADS rounds of page loads,
 * BENCH_SETTLE_MS after each `load`, BENCH_OPENS popup/empty-page pairs; BENCH_PEER_JJB is where the
 * peer's source is (bench/peer-jjb.ts).
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { measureBrowser } from './browser';
import { measureBundleSize } from './bundle-size';
import { measureEvaluate } from './evaluate';
import { measureEvidenceBundle, measureStampedBundle } from './evidence-bundle';
import { measureExtraction } from './extraction';
import { measureImageFormat } from './image-format';
import { measurePageResponses, PAGE_RESPONSES_RATIO } from './page-responses';
import { PEERS, peerTable } from './peers';
import type { Measurement, Row } from './types';
import { ROOT } from './util';

const MEASUREMENTS: [string, string, Measurement][] = [
  ['content script size (gzip)', '≤ 15 KB', measureBundleSize],
  ['extraction per fixture page', '—', measureExtraction],
  ['evaluate: 10k orders, 100k prices, 10k shipments', '≤ 50 ms', measureEvaluate],
  ['bundle/2 build and verify, 50 screenshots, 5,000-record chain', '≤ 2500 ms', measureEvidenceBundle],
  ['bundle/2 verify, 50 time-stamp tokens', '≤ 4000 ms', measureStampedBundle],
  ['real Chromium measurements', '—', measureBrowser],
  ['main-world script (page responses), heavy fetching page', `≤ ${PAGE_RESPONSES_RATIO}×`, measurePageResponses],
  ['screenshot format: JPEG vs WebP', '≤ 500 KB', measureImageFormat],
];

function cell(r: Row): string {
  if (r.value === null) return r.ok === false ? 'ERROR' : 'n/a';
  const a = r.absolute;
  if (r.ratio !== undefined && a)
    return `${r.ratio}× (ours ${a.ours} ${a.unit}, ${a.baselineAs} ${a.baseline} ${a.unit})`;
  return `${r.value} ${r.unit}`.trim();
}

function status(r: Row): string {
  if (r.value === null) return r.ok === false ? 'ERROR' : '—';
  if (r.ok === null) return 'info';
  return r.ok ? 'ok' : 'MISS';
}

function table(rows: Row[]): string {
  const head = ['measure', 'value', 'budget', 'ok/MISS', 'note'];
  const body = rows.map((r) => [r.measure, cell(r), r.budget, status(r), r.note ?? '']);
  const width = (i: number) => Math.max(...[head, ...body].map((l) => [...(l[i] as string)].length));
  const widths = head.map((_, i) => (i === 4 ? 0 : width(i)));
  const line = (l: string[]) => l.map((c, i) => (i === 4 ? c : c.padEnd(widths[i] as number))).join(' | ');
  return [line(head), widths.map((w, i) => (i === 4 ? '----' : '-'.repeat(w))).join('-|-'), ...body.map(line)].join(
    '\n',
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  const rows: Row[] = [];
  const only = process.env.BENCH_ONLY?.toLowerCase()
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  for (const [name, budget, measure] of MEASUREMENTS.filter(
    ([n]) => !only?.length || only.some((w) => n.toLowerCase().includes(w)),
  )) {
    const t0 = Date.now();
    try {
      rows.push(...(await measure()));
    } catch (e) {
      rows.push({
        measure: name,
        value: null,
        unit: '',
        budget,
        ok: false,
        note: `error: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
    process.stderr.write(`  ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const results = {
    date: new Date().toISOString(),
    commit,
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    rows,
    peers: PEERS,
  };
  writeFileSync(resolve(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(table(rows));
  if (!only) console.log(`\n${peerTable()}`);
  const missed = rows.filter((r) => r.ok === false);
  console.log(
    `\n${missed.length ? `${missed.length} over budget or failed` : 'all budgets met'} · ${results.seconds} s · bench/results.json`,
  );
}

await main();
